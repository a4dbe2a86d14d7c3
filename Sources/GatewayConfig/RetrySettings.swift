/// Retry settings of one region (key `regions.NAME.retry`).
public struct RetrySettings: Sendable, Hashable {
    /// Maximum number of attempts per call, the first one included, so 1 disables retries.
    /// Key `max_attempts`, default 3, range 1 to 10.
    public var maxAttempts: Int

    /// Delay in ms before the first retry, the base of the exponential backoff. Key
    /// `base_delay_ms`, default 100, range 0 to 60000, and at most `max_delay_ms`.
    public var baseDelayMs: Int

    /// Upper bound in ms of any delay between two attempts. Key `max_delay_ms`, default 2000,
    /// range 0 to 300000.
    public var maxDelayMs: Int

    /// Creates retry settings. The loader validates files, but this initializer checks nothing.
    public init(maxAttempts: Int, baseDelayMs: Int, maxDelayMs: Int) {
        self.maxAttempts = maxAttempts
        self.baseDelayMs = baseDelayMs
        self.maxDelayMs = maxDelayMs
    }
}
