import Foundation

/// The time source of `NavixyForwarder`: the monotonic instant that deadlines, backoff and the
/// circuit breaker count on, the wall-clock date that `Retry-After` dates are read against, and
/// sleeping. Tests pass a clock that they move by hand, so they check exact delays without
/// waiting.
protocol UpstreamClock: Sendable {
    /// The current instant on the monotonic clock.
    var now: ContinuousClock.Instant { get }
    /// The current wall-clock date.
    var date: Date { get }
    /// Suspends the calling task for `duration`; throws when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The system's clocks: `ContinuousClock` and `Date`.
struct SystemUpstreamClock: UpstreamClock {
    var now: ContinuousClock.Instant { ContinuousClock.now }
    var date: Date { Date() }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
