/// Timing of a graceful stop after SIGTERM or SIGINT (key `shutdown`).
public struct Shutdown: Sendable, Hashable {
    /// Time in ms during which `/readyz` returns 503 while new connections are still accepted,
    /// so that load balancers stop sending traffic first. Key `grace_ms`, default 5000, range 0
    /// to 600000.
    public var graceMs: Int

    /// Time in ms that calls in flight may take to finish after the grace period before the
    /// process exits anyway. Key `drain_timeout_ms`, default 20000, range 0 to 600000.
    public var drainTimeoutMs: Int
}
