/// Circuit breaker settings of one region (key `regions.NAME.circuit`).
public struct CircuitSettings: Sendable, Hashable {
    /// Number of consecutive failed calls that opens the circuit. Key `failure_threshold`,
    /// default 5, range 1 to 1000.
    public var failureThreshold: Int

    /// Time in ms the circuit stays open, answering 503 at once, before a trial call is let
    /// through. Key `open_ms`, default 10000, range 100 to 3600000.
    public var openMs: Int
}
