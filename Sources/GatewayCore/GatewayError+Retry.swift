extension GatewayError {
    /// Creates the error for a call whose last attempt failed with `condition` and that will not
    /// be retried.
    ///
    /// A response maps as in `init?(outcome:retryAfterSeconds:)`. `retryAfterSeconds` is
    /// Navixy's `Retry-After`, passed on by `rate_limited` and by `upstream_unavailable`, so a
    /// caller learns when Navixy expects to be back. Transport failures map to
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
            let mapped =
                GatewayError(outcome: outcome, retryAfterSeconds: retryAfterSeconds)
                ?? .upstreamUnavailable()
            self = mapped.withUnavailableRetryAfter(retryAfterSeconds)
        }
    }

    /// Returns the error with `Retry-After` set to `seconds` when it is `upstream_unavailable`
    /// and `seconds` is given, else the error unchanged.
    private func withUnavailableRetryAfter(_ seconds: Int?) -> GatewayError {
        guard code == .upstreamUnavailable, let seconds else { return self }
        return GatewayError(
            code, message, upstream: upstream, retryAfterSeconds: seconds,
            allowedMethods: allowedMethods)
    }
}
