extension GatewayError {
    /// Creates the error for a call whose last attempt failed with `condition` and that will not
    /// be retried.
    ///
    /// A response maps as in `init?(outcome:retryAfterSeconds:)`. Transport failures map to
    /// `upstream_unavailable`, because the caller can only retry later.
    public init(lastFailure condition: RetryableCondition, retryAfterSeconds: Int? = nil) {
        switch condition {
        case .connectFailed:
            self = .upstreamUnavailable("Navixy could not be reached. Retry later.")
        case .connectionReset:
            self = .upstreamUnavailable("The connection to Navixy was reset. Retry later.")
        case .attemptTimedOut:
            self = .upstreamUnavailable("Navixy did not respond in time. Retry later.")
        case .tlsFailed:
            self = .upstreamUnavailable("The TLS connection to Navixy failed.")
        case .response(let outcome):
            self =
                GatewayError(outcome: outcome, retryAfterSeconds: retryAfterSeconds)
                ?? .upstreamUnavailable()
        }
    }
}
