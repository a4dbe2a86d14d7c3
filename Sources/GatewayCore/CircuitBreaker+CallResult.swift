extension CircuitBreaker {
    /// What a finished call shows about the health of its region.
    public enum CallResult: String, Hashable, Sendable {
        /// Navixy handled the call: it succeeded, or Navixy answered about the call itself
        /// (codes 3, 4, 7 and its other client-side codes).
        case succeeded
        /// Navixy could not be reached or failed: no connection, a reset, a timeout, a TLS
        /// failure, HTTP 5xx, or codes 1, 6, 8 and 14.
        case failed
        /// The call shows nothing either way: Navixy limited the rate (code 15 or HTTP 429),
        /// answered a 2xx or 4xx that is not its JSON, or the call ended before any attempt
        /// finished.
        case inconclusive

        /// Classifies a call by its last failure, or as `succeeded` when `lastFailure` is nil.
        ///
        /// Rate limiting is not a failure: Navixy is up and asks for fewer calls, which the
        /// retry budget and `Retry-After` already provide. Opening the circuit on it would turn
        /// a short throttle into `open_ms` of refused calls.
        public init(lastFailure: RetryableCondition?) {
            guard let lastFailure else {
                self = .succeeded
                return
            }
            switch lastFailure {
            case .connectFailed, .connectionReset, .attemptTimedOut, .tlsFailed:
                self = .failed
            case .response(let outcome):
                self = Self.classify(outcome)
            }
        }

        private static func classify(_ outcome: NavixyOutcome) -> CallResult {
            guard let error = GatewayError(outcome: outcome) else { return .succeeded }
            switch error.code {
            case .upstreamUnavailable: return .failed
            case .rateLimited, .badUpstreamResponse: return .inconclusive
            default: return .succeeded
            }
        }
    }

    /// Records the result of a finished call at `now`.
    public mutating func record(_ result: CallResult, at now: ContinuousClock.Instant) {
        switch result {
        case .succeeded: recordSuccess(at: now)
        case .failed: recordFailure(at: now)
        case .inconclusive: recordInconclusive(at: now)
        }
    }
}
