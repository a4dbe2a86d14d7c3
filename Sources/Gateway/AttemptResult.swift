import GatewayCore
import Upstream

/// How one attempt at a Navixy call ended.
enum AttemptResult: Sendable {
    /// A complete response of any status, classified, with the delay of its `Retry-After`
    /// header when it had a readable one.
    case answered(NavixyOutcome, retryAfter: Duration?)
    /// No complete response arrived.
    case transportFailed(UpstreamError)

    /// The way the attempt failed, or nil for a success and for the transport failures that
    /// no retry policy covers: a response too large, a bad request, a cancelled call, a client
    /// that shut down, and libcurl's other errors.
    var condition: RetryableCondition? {
        switch self {
        case .answered(let outcome, _): RetryableCondition(outcome: outcome)
        case .transportFailed(let error): Self.condition(of: error.kind)
        }
    }

    /// The `Retry-After` delay of the response, if any.
    var retryAfter: Duration? {
        guard case .answered(_, let retryAfter) = self else { return nil }
        return retryAfter
    }

    /// A short constant label for logs and metrics: `success`, `navixy_8`, `http_5xx`, or a
    /// transport failure such as `timeout`.
    var label: String {
        switch self {
        case .answered(.success, _): "success"
        case .answered(.failure(let status, _), _):
            // Navixy's codes stay below 1000; the cap keeps labels few whatever it sends.
            (0..<1000).contains(status.code) ? "navixy_\(status.code)" : "navixy_other"
        case .answered(.notNavixyJSON(let httpStatus), _):
            (100..<600).contains(httpStatus) ? "http_\(httpStatus / 100)xx" : "http_other"
        case .transportFailed(let error): Self.label(of: error.kind)
        }
    }

    private static func condition(of kind: UpstreamError.Kind) -> RetryableCondition? {
        switch kind {
        case .connectFailed: .connectFailed
        // A pooled connection that the server closed while idle ends as a reset or as an empty
        // reply; both are worth another attempt on a fresh connection.
        case .connectionReset, .emptyReply: .connectionReset
        case .timedOut: .attemptTimedOut
        case .tlsFailed: .tlsFailed
        case .responseTooLarge, .invalidRequest, .invalidConfiguration, .cancelled, .shutDown,
            .other:
            nil
        }
    }

    private static func label(of kind: UpstreamError.Kind) -> String {
        switch kind {
        case .connectFailed: "connect_failed"
        case .timedOut: "timeout"
        case .connectionReset: "connection_reset"
        case .emptyReply: "empty_reply"
        case .tlsFailed: "tls_failed"
        case .responseTooLarge: "response_too_large"
        case .invalidRequest, .invalidConfiguration: "invalid_request"
        case .cancelled: "cancelled"
        case .shutDown: "shut_down"
        case .other: "other"
        }
    }
}
