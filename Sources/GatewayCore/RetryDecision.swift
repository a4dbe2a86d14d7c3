/// What `RetryPolicy` decides after a failed attempt.
public enum RetryDecision: Hashable, Sendable {
    /// Another attempt may start after the delay.
    case retry(after: Duration)
    /// The call ends with the last attempt's failure.
    case giveUp(GiveUpReason)

    /// The reason for giving up, with a raw value fit for a metric label.
    public enum GiveUpReason: String, Hashable, Sendable {
        /// The failure cannot improve with another attempt.
        case notRetryable = "not_retryable"
        /// The call has made `maxAttempts` attempts.
        case attemptsExhausted = "attempts_exhausted"
        /// The delay before another attempt would reach the call's deadline.
        case deadlineTooClose = "deadline_too_close"
    }
}
