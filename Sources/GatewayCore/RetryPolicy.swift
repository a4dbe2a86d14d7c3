/// When to retry a failed Navixy call, and after how long.
///
/// The policy only decides whether a retry would be right, and when. The caller still checks
/// the retry budget and the circuit breaker before it retries, and owns the timers. Delays use
/// exponential backoff with full jitter: before retry `n` (after attempt `n`), the delay is drawn
/// uniformly from zero to `min(maxDelay, baseDelay × 2^(n-1))`, which spreads the retries of
/// many callers apart.
public struct RetryPolicy: Hashable, Sendable {
    /// Maximum attempts per call, the first included. Default 3, valid 1 to 10.
    public let maxAttempts: Int
    /// Upper bound of the first retry's random delay, doubled for each later retry. Default
    /// 100 ms, valid 0 to 60 s.
    public let baseDelay: Duration
    /// Cap on the upper bound of a retry's random delay. Default 2000 ms, valid `baseDelay` to
    /// 300 s.
    public let maxDelay: Duration

    /// The valid values of `maxAttempts`.
    public static let maxAttemptsRange = 1...10
    /// The valid values of `baseDelay`, the range of the configuration key `base_delay_ms`.
    public static let baseDelayRange: ClosedRange<Duration> = .zero...Duration.seconds(60)
    /// The valid values of `maxDelay`, the range of the configuration key `max_delay_ms`.
    public static let maxDelayRange: ClosedRange<Duration> = .zero...Duration.seconds(300)
    /// The policy with every setting at its default.
    public static let `default` = RetryPolicy()!

    /// Creates a policy, or returns nil when a setting is outside its valid range or
    /// `maxDelay` is below `baseDelay`.
    public init?(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100),
        maxDelay: Duration = .milliseconds(2000)
    ) {
        guard Self.maxAttemptsRange.contains(maxAttempts), Self.baseDelayRange.contains(baseDelay),
            Self.maxDelayRange.contains(maxDelay), baseDelay <= maxDelay
        else { return nil }
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Decides whether to retry after attempt `attempt` (1 for the first) failed.
    ///
    /// - Parameters:
    ///   - attempt: the number of the attempt that failed, counting from 1.
    ///   - failure: how the attempt failed.
    ///   - retryAfter: the delay that Navixy asked for with `Retry-After`, if any. It replaces
    ///     the backoff delay, even above `maxDelay`, as long as it ends before the deadline.
    ///   - remaining: the time left until the call's deadline.
    ///   - random: the source of the jitter.
    /// - Returns: `.retry(after:)` with a delay shorter than `remaining`, or `.giveUp` with
    ///   the first reason that applies, in the order of `RetryDecision.GiveUpReason`.
    public func decision(
        afterAttempt attempt: Int, failure: RetryableCondition, retryAfter: Duration?,
        remaining: Duration, random: inout some RandomNumberGenerator
    ) -> RetryDecision {
        guard failure.isRetryable else { return .giveUp(.notRetryable) }
        guard attempt < maxAttempts else { return .giveUp(.attemptsExhausted) }

        let delay = retryAfter.map { max($0, .zero) } ?? backoff(afterAttempt: attempt, &random)
        guard delay < remaining else { return .giveUp(.deadlineTooClose) }
        return .retry(after: delay)
    }

    /// Returns the upper bound of the random delay after attempt `attempt`, before jitter.
    public func backoffCeiling(afterAttempt attempt: Int) -> Duration {
        let base = baseDelay.clampedNanoseconds
        let doublings = min(max(attempt - 1, 0), 62)
        let (scaled, overflow) = base.multipliedReportingOverflow(by: 1 << Int64(doublings))
        let capped =
            overflow ? maxDelay.clampedNanoseconds : min(scaled, maxDelay.clampedNanoseconds)
        return .nanoseconds(capped)
    }

    /// Draws the delay uniformly from zero to the ceiling, both included, in nanoseconds.
    ///
    /// The draw is the high word of `random × (ceiling + 1)`, so a generator that returns 0
    /// gives no delay and one that returns `UInt64.max` gives the ceiling.
    private func backoff(
        afterAttempt attempt: Int, _ random: inout some RandomNumberGenerator
    ) -> Duration {
        let ceiling = UInt64(backoffCeiling(afterAttempt: attempt).clampedNanoseconds)
        let draw = random.next().multipliedFullWidth(by: ceiling + 1).high
        return .nanoseconds(Int64(draw))
    }
}
