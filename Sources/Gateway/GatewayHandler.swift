import Foundation
import GatewayCore
import GatewayLog
import HTTPFront
import SessionStore

/// The gateway's request pipeline: authenticate, route, decode, normalize, look up the
/// session, call Navixy, and map the outcome to one HTTP response.
struct GatewayHandler: HTTPHandler {
    let authenticator: CallerAuthenticator
    let sessions: SessionEndpoint
    let pushTokens: PushTokenEndpoint
    let probes: ProbeEndpoint
    let accessLog: AccessLog
    let metrics: OperationalMetrics
    let maxBodyBytes: Int
    let makeRequestID: @Sendable () -> String

    func screen(_ head: HTTPRequestHead) -> HTTPResponse? {
        do {
            _ = try Preflight.check(head, authenticator: authenticator, maxBodyBytes: maxBodyBytes)
            return nil
        } catch {
            return reject(head, with: error)
        }
    }

    func bodyTooLarge(_ head: HTTPRequestHead) -> HTTPResponse {
        rejectBody(head, with: GatewayError.bodyTooLarge(limitBytes: maxBodyBytes))
    }

    func undecodableBody(_ head: HTTPRequestHead) -> HTTPResponse {
        rejectBody(
            head,
            with: GatewayError.invalidJSON(
                "The body is sent with Content-Encoding: gzip but is not valid gzip."))
    }

    func malformed(_ head: HTTPRequestHead, status: Int) -> HTTPResponse {
        reject(head, with: GatewayError.rejectedByFront(status: status))
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        metrics.requestsInFlight.increment()
        defer { metrics.requestsInFlight.decrement() }
        let trace = CallTrace(
            requestID: requestID(for: request.head),
            requestedTimeout: RequestTimeoutHeader.timeout(
                from: request.head.headers[RequestTimeoutHeader.name]))
        var caller: AuthenticatedCaller?
        let response: HTTPResponse
        do {
            let preflight = try Preflight.check(
                request.head, authenticator: authenticator, maxBodyBytes: maxBodyBytes)
            caller = preflight.caller
            let reply = try await dispatch(request, preflight: preflight, trace: trace)
            response = ResponseRenderer.reply(reply, trace: trace)
        } catch {
            response = ResponseRenderer.error(error, trace: trace)
        }
        finish(request.head, response: response, caller: caller, trace: trace)
        return response
    }

    /// Builds the error response to a body that cannot be used. The head checks run again
    /// first, because their errors come before any error about the body.
    private func rejectBody(_ head: HTTPRequestHead, with bodyError: GatewayError)
        -> HTTPResponse
    {
        do {
            _ = try Preflight.check(head, authenticator: authenticator, maxBodyBytes: maxBodyBytes)
            return reject(head, with: bodyError)
        } catch {
            return reject(head, with: error)
        }
    }

    private func reject(_ head: HTTPRequestHead, with error: GatewayError) -> HTTPResponse {
        let trace = CallTrace(requestID: requestID(for: head))
        let response = ResponseRenderer.error(error, trace: trace)
        finish(head, response: response, caller: nil, trace: trace)
        return response
    }

    /// Writes the access line and counts the request.
    private func finish(
        _ head: HTTPRequestHead, response: HTTPResponse, caller: AuthenticatedCaller?,
        trace: CallTrace
    ) {
        let route = RouteMatch.match(path: head.path)?.endpoint.routeLabel ?? "unmatched"
        accessLog.record(
            head: head, route: route, response: response, caller: caller, trace: trace)
        metrics.recordRequest(
            route: route, method: head.method, status: response.status,
            duration: .now - trace.startedAt)
    }

    /// Hands the call to its endpoint.
    private func dispatch(_ request: HTTPRequest, preflight: Preflight, trace: CallTrace)
        async throws(GatewayError) -> Reply
    {
        let method = request.head.method
        let route = preflight.route
        switch route.endpoint {
        case .health: return probes.health()
        case .readiness: return await probes.readiness()
        case .metrics: return probes.metrics()
        case .session, .pushToken: break
        }
        guard let subject = preflight.subject else { throw GatewayError.invalidSubject() }
        switch (route.endpoint, method) {
        case (.session, "PUT"):
            return try await sessions.put(subject, body: request.body, trace: trace)
        case (.session, "GET"): return try await sessions.get(subject, trace: trace)
        case (.session, _): return try await sessions.delete(subject, trace: trace)
        case (_, "PUT"):
            return try await pushTokens.bind(subject, body: request.body, trace: trace)
        default: return try await pushTokens.delete(subject, trace: trace)
        }
    }

    /// Returns the caller's `X-Request-Id` when it is well formed, else a new one.
    private func requestID(for head: HTTPRequestHead) -> String {
        RequestID.accept(head.headers["X-Request-Id"]) ?? makeRequestID()
    }
}
