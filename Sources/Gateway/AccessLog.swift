import Foundation
import GatewayLog
import HTTPFront

/// Writes the one info line per request that operators search and count.
struct AccessLog: Sendable {
    let logger: Logger

    /// Logs the outcome of one request. The path is logged as its route template (`route`),
    /// never with the subject, and no header value but the request id is written.
    func record(
        head: HTTPRequestHead, route: String, response: HTTPResponse,
        caller: AuthenticatedCaller?, trace: CallTrace
    ) {
        guard logger.isEnabled(.info) else { return }
        var fields: [String: LogValue] = [
            "request.id": .string(trace.requestID),
            "http.method": .string(OperationalMetrics.methodLabel(head.method)),
            "http.route": .string(route),
            "http.status": .int(response.status),
            "duration.ms": .double(trace.elapsedMilliseconds),
        ]
        if let caller { fields["caller.name"] = .string(caller.name) }
        if let region = trace.region { fields["upstream.region"] = .string(region) }
        if trace.upstreamAttempts > 0 { fields["upstream.attempts"] = .int(trace.upstreamAttempts) }
        if let status = trace.upstreamStatus { fields["upstream.status"] = .int(status) }
        logger.info("request completed", fields)
    }
}
