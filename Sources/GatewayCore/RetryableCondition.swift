/// The way an attempt at a Navixy call failed, which decides whether another attempt may help.
public enum RetryableCondition: Hashable, Sendable {
    /// No connection could be made: name resolution failed, or the connection was refused or
    /// timed out.
    case connectFailed
    /// The connection was reset or closed before the response was complete.
    case connectionReset
    /// The attempt's own time limit passed before the response was complete.
    case attemptTimedOut
    /// The TLS handshake or certificate check failed.
    case tlsFailed
    /// Navixy sent a complete response that is not a success.
    case response(NavixyOutcome)

    /// Creates the condition of a complete response, or returns nil for a success.
    public init?(outcome: NavixyOutcome) {
        guard outcome != .success else { return nil }
        self = .response(outcome)
    }

    /// Whether another attempt may succeed.
    ///
    /// Connection failures, resets and attempt timeouts may pass, and so may the responses
    /// that map to `rate_limited` or `upstream_unavailable`: HTTP 429 and 5xx, and Navixy codes
    /// 1, 6, 8, 14 and 15. A TLS failure is a certificate or configuration problem that does not
    /// change between attempts, and codes 3, 4, 7 and Navixy's other client errors describe the
    /// call or the session, so retrying them cannot help.
    public var isRetryable: Bool {
        switch self {
        case .connectFailed, .connectionReset, .attemptTimedOut:
            return true
        case .tlsFailed:
            return false
        case .response(let outcome):
            guard let error = GatewayError(outcome: outcome) else { return false }
            return error.code == .rateLimited || error.code == .upstreamUnavailable
        }
    }
}
