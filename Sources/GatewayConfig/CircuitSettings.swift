/// Circuit breaker settings of one region (key `regions.NAME.circuit`).
public struct CircuitSettings: Sendable, Hashable {
    /// Number of consecutive failed calls that opens the circuit. Key `failure_threshold`,
    /// default 5, range 1 to 1000.
    public var failureThreshold: Int

    /// Time in ms the circuit stays open, so that calls get 503 without reaching Navixy, before
    /// one trial call is let through. Key `open_ms`, default 10000, range 100 to 3600000.
    public var openMs: Int

    /// Creates circuit settings. The loader validates files, but this initializer checks nothing.
    public init(failureThreshold: Int, openMs: Int) {
        self.failureThreshold = failureThreshold
        self.openMs = openMs
    }
}
