import GatewayCore
import HTTPFront

/// The control API under `/_sim/`, through which tests and developers set up sessions, read
/// what reached "Navixy" and plan faults. Bodies are JSON; errors are `{"error": message}`.
///
/// - `GET /_sim/sessions`: `{"sessions": [{"hash", "state"}]}`, `state` active or ended.
/// - `POST /_sim/sessions` with an optional `{"hash"}`: adds an active session, a random one
///   when `hash` is absent, and responds 201 `{"hash"}`. An ended session becomes active again.
/// - `DELETE /_sim/sessions/{hash}`: ends the session and drops its tokens (204, or 404).
/// - `GET /_sim/requests`: `{"requests": [...]}`, every Navixy call received, oldest first.
/// - `DELETE /_sim/requests`: clears them (204).
/// - `GET /_sim/bindings`: `{"bindings": [{"hash", "application", "token", ...}]}`.
/// - `GET /_sim/faults`, `POST /_sim/faults` with `{"faults": [step, ...]}`: lists or appends
///   fault steps (see `FaultStep`), responding `{"faults": [...]}` with the steps still waiting.
/// - `DELETE /_sim/faults`: drops the waiting steps (204).
/// - `POST /_sim/reset`: back to the state at start (204).
struct ControlAPI: Sendable {
    /// The path prefix of every control call.
    static let pathPrefix = "/_sim/"

    /// The sessions, tokens, records and faults shared with the Navixy API.
    let state: SimulatorState

    /// Routes a control call. Control calls are never recorded and never consume a fault.
    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let route = request.head.path.dropFirst(Self.pathPrefix.count)
        let method = request.head.method
        do throws(SimulatorError) {
            switch (route, method) {
            case ("sessions", "GET"):
                return JSONResponse.control(
                    .object(["sessions": .array(await state.sessionListing())]))
            case ("sessions", "POST"):
                return try await addSession(request.body)
            case (let path, "DELETE") where path.hasPrefix("sessions/"):
                return try await endSession(String(path.dropFirst("sessions/".count)))
            case ("requests", "GET"):
                return JSONResponse.control(
                    .object(["requests": .array(await state.recordedRequests())]))
            case ("requests", "DELETE"):
                await state.clearRequests()
            case ("bindings", "GET"):
                return JSONResponse.control(
                    .object(["bindings": .array(await state.bindingListing())]))
            case ("faults", "GET"):
                return JSONResponse.control(
                    .object(["faults": .array(await state.pendingFaults())]))
            case ("faults", "POST"):
                return try await addFaults(request.body)
            case ("faults", "DELETE"):
                await state.clearFaults()
            case ("reset", "POST"):
                await state.reset()
            default:
                return Self.unrouted(route, method: method)
            }
            return JSONResponse.noContent
        } catch {
            return JSONResponse.controlError(status: 400, error.message)
        }
    }

    private func addSession(_ body: [UInt8]) async throws(SimulatorError) -> HTTPResponse {
        let fields = try Self.object(in: body)
        var hash: SessionHash?
        if let text = try FieldReader(fields: fields).string("hash") {
            guard let valid = SessionHash(text) else {
                throw .invalidRequest("invalid \"hash\": expected 32 hexadecimal characters")
            }
            hash = valid
        }
        let added = await state.addSession(hash)
        return JSONResponse.control(status: 201, .object(["hash": .string(added.secretValue)]))
    }

    private func endSession(_ text: String) async throws(SimulatorError) -> HTTPResponse {
        guard let hash = SessionHash(text) else {
            throw .invalidRequest(
                "invalid session hash in the path: expected 32 hexadecimal characters")
        }
        guard await state.endSession(hash, onlyActive: false) else {
            return JSONResponse.controlError(status: 404, "session not found")
        }
        return JSONResponse.noContent
    }

    private func addFaults(_ body: [UInt8]) async throws(SimulatorError) -> HTTPResponse {
        guard case .array(let items)? = try Self.object(in: body)["faults"] else {
            throw .invalidRequest("missing \"faults\" array: send {\"faults\": [step, ...]}")
        }
        var steps: [FaultStep] = []
        for (index, item) in items.enumerated() {
            do throws(SimulatorError) {
                steps.append(try FaultStep(json: item))
            } catch {
                throw .invalidRequest("faults[\(index)]: \(error.message)")
            }
        }
        guard await state.addFaults(steps) else {
            throw .invalidRequest(
                "too many fault steps: at most \(SimulatorState.maxPendingFaults) may wait; DELETE /_sim/faults first"
            )
        }
        return JSONResponse.control(.object(["faults": .array(await state.pendingFaults())]))
    }

    /// Parses a JSON object body into its members. An empty body counts as an empty object.
    private static func object(in body: [UInt8]) throws(SimulatorError) -> [String: JSONValue] {
        if body.isEmpty { return [:] }
        guard case .object(let members)? = JSONValue.parse(body) else {
            throw .invalidRequest("invalid body: expected a JSON object")
        }
        return members
    }

    /// Builds a 405 with `Allow` for a known route and another method, else a 404.
    private static func unrouted(_ route: Substring, method: String) -> HTTPResponse {
        let allowed: [Substring: String] = [
            "sessions": "GET, POST", "requests": "GET, DELETE", "bindings": "GET",
            "faults": "GET, POST, DELETE", "reset": "POST",
        ]
        let allow = route.hasPrefix("sessions/") ? "DELETE" : allowed[route]
        guard let allow else {
            return JSONResponse.controlError(
                status: 404, "control route not found: \(pathPrefix)\(route)")
        }
        var response = JSONResponse.controlError(
            status: 405, "\(pathPrefix)\(route) accepts \(allow), not \(method)")
        response.headers.replaceOrAdd(name: "Allow", value: allow)
        return response
    }
}
