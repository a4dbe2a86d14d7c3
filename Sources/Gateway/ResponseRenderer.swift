import GatewayCore
import HTTPFront

/// Turns replies and errors into HTTP answers; the one place that decides how an error looks.
enum ResponseRenderer {
    /// Renders a successful reply with its body.
    static func reply(_ reply: Reply, trace: CallTrace) -> HTTPResponse {
        var headers = baseHeaders(trace)
        if reply.body != nil { headers.add(name: "Content-Type", value: reply.contentType) }
        return HTTPResponse(status: reply.status, headers: headers, body: reply.body ?? [])
    }

    /// Renders `error` in the contract's JSON format, with the headers its status calls for
    /// (`WWW-Authenticate`, `Allow`, `Retry-After`).
    static func error(_ error: GatewayError, trace: CallTrace) -> HTTPResponse {
        var headers = baseHeaders(trace)
        for field in error.headerFields {
            headers.add(name: field.name, value: field.value)
        }
        return HTTPResponse(
            status: error.status, headers: headers,
            body: error.renderedBody(requestID: trace.requestID))
    }

    private static func baseHeaders(_ trace: CallTrace) -> HTTPHeaders {
        HTTPHeaders([("X-Request-Id", trace.requestID), ("Cache-Control", "no-store")])
    }
}
