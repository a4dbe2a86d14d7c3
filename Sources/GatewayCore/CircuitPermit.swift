/// Whether a circuit breaker lets a call through.
public enum CircuitPermit: Hashable, Sendable {
    /// The call may go to Navixy, and its result must be recorded.
    case allowed
    /// The call must fail at once with `circuit_open`, and `retryAfter` is the time until the
    /// breaker may allow calls again.
    case rejected(retryAfter: Duration)
}
