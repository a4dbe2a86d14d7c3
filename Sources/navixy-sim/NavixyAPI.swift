import GatewayCore
import HTTPFront

/// The Navixy side of the simulator: the user API actions under `/v2/` that the gateway calls.
///
/// Checks run in Navixy's order: the action, the request format (code 5), the hash (code 3),
/// the session (code 4), then the parameters (code 7). Only GET and POST are served, and any
/// other method or an unknown action is code 5 with HTTP 400, as a request Navixy cannot read.
struct NavixyAPI: Sendable {
    /// The path prefix of every action.
    static let pathPrefix = "/v2/"

    /// The sessions, tokens, records and faults shared with the control API.
    let state: SimulatorState

    /// Records the call, applies the next fault step if one is planned, and responds.
    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let (parameters, formatError) = RequestParameters.parse(request)
        let call = NavixyCall(
            action: String(request.head.path.dropFirst(Self.pathPrefix.count)),
            method: request.head.method, parameters: parameters, formatError: formatError)
        let fault = await state.record(record(of: request, parameters: parameters))
        guard let fault else { return await perform(call) }
        return await apply(fault, to: call)
    }

    /// A call reduced to what the actions need.
    private struct NavixyCall: Sendable {
        let action: String
        let method: String
        let parameters: RequestParameters
        let formatError: NavixyStatus?
    }

    private func record(of request: HTTPRequest, parameters: RequestParameters)
        -> RecordedRequest
    {
        var headers: [String: String] = [:]
        for field in request.head.headers {
            let name = field.name.lowercased()
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        return RecordedRequest(
            action: String(request.head.path.dropFirst(Self.pathPrefix.count)),
            method: request.head.method, headers: headers, params: parameters.values,
            query: request.head.query)
    }

    /// Applies a fault step: it waits first, then drops the connection, responds in its own
    /// way, or lets the call run and changes its status and headers, and may compress the body.
    private func apply(_ fault: FaultStep, to call: NavixyCall) async -> HTTPResponse {
        if fault.delayMilliseconds > 0 {
            // Sleeping suspends the task, so the front's worker threads keep serving.
            try? await Task.sleep(for: .milliseconds(fault.delayMilliseconds))
        }
        if fault.drop { return .dropConnection }
        var response: HTTPResponse
        if let navixyError = fault.navixyError {
            response = JSONResponse.navixyFailure(navixyError, httpStatus: fault.status)
        } else if let body = fault.body {
            let headers = HTTPHeaders([(name: "Content-Type", value: fault.contentType)])
            response = HTTPResponse(
                status: fault.status ?? 200, headers: headers, body: Array(body.utf8))
        } else {
            response = await perform(call)
            response.status = fault.status ?? response.status
        }
        if let retryAfter = fault.retryAfter {
            response.headers.replaceOrAdd(name: "Retry-After", value: retryAfter)
        }
        if fault.gzip {
            response.body = Gzip.compress(response.body)
            response.headers.replaceOrAdd(name: "Content-Encoding", value: "gzip")
        }
        return response
    }

    private func perform(_ call: NavixyCall) async -> HTTPResponse {
        do throws(NavixyStatus) {
            guard call.method == "GET" || call.method == "POST" else {
                throw NavixyStatus.wrongFormat("use GET or POST")
            }
            guard let action = Action(rawValue: call.action) else {
                throw NavixyStatus.wrongFormat("unknown action")
            }
            if let formatError = call.formatError { throw formatError }
            return try await perform(action, call.parameters)
        } catch {
            return JSONResponse.navixyFailure(error)
        }
    }

    /// The actions the simulator serves, by their path after `/v2/`.
    private enum Action: String {
        case auth = "user/auth"
        case logout = "user/logout"
        case bind = "user/session/push_token/bind"
        case delete = "user/session/push_token/delete"
    }

    private func perform(_ action: Action, _ parameters: RequestParameters)
        async throws(NavixyStatus) -> HTTPResponse
    {
        switch action {
        case .auth:
            return try await authenticate(parameters)
        case .logout:
            let hash = try parameters.sessionHash().get()
            guard await state.endSession(hash, onlyActive: true) else {
                throw .sessionNotFound
            }
        case .bind:
            try await bind(parameters)
        case .delete:
            let hash = try parameters.sessionHash().get()
            guard await state.deleteBindings(of: hash) else { throw .sessionNotFound }
        }
        return JSONResponse.navixySuccess()
    }

    /// `user/auth` accepts any non-empty login and password and opens a new session.
    private func authenticate(_ parameters: RequestParameters) async throws(NavixyStatus)
        -> HTTPResponse
    {
        for name in ["login", "password"] {
            guard let value = parameters.string(name), !value.isEmpty else {
                throw .invalidParameters("\(name) is missing or empty")
            }
        }
        let hash = await state.addSession()
        return JSONResponse.navixySuccess([("hash", .string(hash.secretValue))])
    }

    private func bind(_ parameters: RequestParameters) async throws(NavixyStatus) {
        let hash = try parameters.sessionHash().get()
        guard await state.isActive(hash) else { throw .sessionNotFound }
        let binding = try PushTokenBinding(parameters)
        // The session may have ended while the parameters were checked.
        guard await state.bind(binding, to: hash) else { throw .sessionNotFound }
    }
}
