import GatewayConfig
import GatewayCore
import Synchronization

/// The forwarder's state of one region: its settings and retry policy, and the circuit breaker,
/// retry budget and concurrency limit that protect it. No two regions share any of them, so
/// one region's trouble never rejects or slows a call to another.
final class UpstreamRegion: Sendable {
    /// The region's name, safe to log and to use as a metric label.
    let name: String
    /// The region's settings.
    let configuration: RegionConfiguration
    /// When to retry a failed attempt, from the region's `retry` settings.
    let policy: RetryPolicy
    /// The calls in flight to the region, at most `max_connections`.
    let limit: ConcurrencyLimit

    private struct Guards {
        var breaker: CircuitBreaker
        var budget: RetryBudget
    }

    private let guards: Mutex<Guards>

    /// Creates the region's state, or throws when a setting is outside the range that the
    /// configuration loader accepts.
    init(name: String, configuration: RegionConfiguration) throws(GatewayStartError) {
        let retry = configuration.retry
        let circuit = configuration.circuit
        guard
            let policy = RetryPolicy(
                maxAttempts: retry.maxAttempts, baseDelay: .milliseconds(retry.baseDelayMs),
                maxDelay: .milliseconds(retry.maxDelayMs)),
            let breakerSettings = CircuitBreaker.Settings(
                failureThreshold: circuit.failureThreshold,
                openDuration: .milliseconds(circuit.openMs))
        else {
            throw GatewayStartError("region \(name): retry or circuit settings are out of range")
        }
        self.name = name
        self.configuration = configuration
        self.policy = policy
        self.limit = ConcurrencyLimit(limit: configuration.maxConnections)
        self.guards = Mutex(
            Guards(breaker: CircuitBreaker(settings: breakerSettings), budget: RetryBudget()))
    }

    /// Returns the deadline of a call: the region's `timeout_ms`, or the caller's shorter
    /// `requested` timeout.
    func timeout(requested: Duration?) -> Duration {
        let regionTimeout = Duration.milliseconds(configuration.timeoutMs)
        guard let requested else { return regionTimeout }
        return min(requested, regionTimeout)
    }

    /// Asks the breaker whether a call may start at `now`, and returns its answer with the
    /// breaker's new state when the question changed it.
    func permit(at now: ContinuousClock.Instant) -> (
        CircuitPermit, changedTo: CircuitBreaker.State?
    ) {
        guards.withLock { guards in
            let before = guards.breaker.state
            let permit = guards.breaker.permit(at: now)
            let after = guards.breaker.state
            return (permit, after == before ? nil : after)
        }
    }

    /// Records a finished call in the breaker, and returns the breaker's new state when the
    /// call changed it.
    func record(_ result: CircuitBreaker.CallResult, at now: ContinuousClock.Instant)
        -> CircuitBreaker.State?
    {
        guards.withLock { guards in
            let before = guards.breaker.state
            guards.breaker.record(result, at: now)
            let after = guards.breaker.state
            return after == before ? nil : after
        }
    }

    /// Counts a call that goes upstream in the retry budget.
    func recordCall(at now: ContinuousClock.Instant) {
        guards.withLock { $0.budget.recordCall(at: now) }
    }

    /// Takes a retry from the budget, or returns false when the budget is spent.
    func acquireRetry(at now: ContinuousClock.Instant) -> Bool {
        guards.withLock { $0.budget.acquireRetry(at: now) }
    }
}
