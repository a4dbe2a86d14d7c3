import GatewayCore
import Testing

private let busy = RetryableCondition.response(.notNavixyJSON(httpStatus: 503))
private let halfWord: UInt64 = 1 << 63

/// Asks `policy` for a decision with one scripted random word.
private func decide(
    _ policy: RetryPolicy = .default, attempt: Int, failure: RetryableCondition = busy,
    retryAfter: Duration? = nil, remaining: Duration = .seconds(10), random word: UInt64 = 0
) -> RetryDecision {
    var random = ScriptedRandom([word])
    return policy.decision(
        afterAttempt: attempt, failure: failure, retryAfter: retryAfter, remaining: remaining,
        random: &random)
}

@Test func retryPolicyDefaults() {
    #expect(RetryPolicy.default.maxAttempts == 3)
    #expect(RetryPolicy.default.baseDelay == .milliseconds(100))
    #expect(RetryPolicy.default.maxDelay == .milliseconds(2000))
}

@Test func retryPolicyRejectsOutOfRangeSettings() {
    #expect(RetryPolicy(maxAttempts: 0) == nil)
    #expect(RetryPolicy(maxAttempts: 11) == nil)
    #expect(RetryPolicy(maxAttempts: 1) != nil)
    #expect(RetryPolicy(maxAttempts: 10) != nil)
    #expect(RetryPolicy(baseDelay: .milliseconds(-1)) == nil)
    #expect(RetryPolicy(baseDelay: .zero, maxDelay: .zero) != nil)
    #expect(RetryPolicy(baseDelay: .seconds(3), maxDelay: .seconds(2)) == nil)
    #expect(RetryPolicy(baseDelay: .seconds(61), maxDelay: .seconds(300)) == nil)
    #expect(RetryPolicy(maxDelay: .seconds(301)) == nil)
    #expect(RetryPolicy(baseDelay: .seconds(60), maxDelay: .seconds(300)) != nil)
}

@Test(arguments: [
    (1, 100), (2, 200), (3, 400), (4, 800), (5, 1600), (6, 2000), (7, 2000), (100, 2000), (0, 100),
])
func backoffCeilingDoublesUpToCap(attempt: Int, milliseconds: Int64) {
    #expect(
        RetryPolicy.default.backoffCeiling(afterAttempt: attempt) == .milliseconds(milliseconds))
}

@Test func backoffCeilingSurvivesHugeBase() throws {
    let policy = try #require(
        RetryPolicy(maxAttempts: 10, baseDelay: .seconds(60), maxDelay: .seconds(60)))
    #expect(policy.backoffCeiling(afterAttempt: 10) == .seconds(60))
}

@Test func jitterSpansZeroToCeiling() {
    #expect(decide(attempt: 1, random: 0) == .retry(after: .zero))
    #expect(decide(attempt: 1, random: .max) == .retry(after: .milliseconds(100)))
    #expect(decide(attempt: 1, random: halfWord) == .retry(after: .milliseconds(50)))
    #expect(decide(attempt: 2, random: .max) == .retry(after: .milliseconds(200)))
    #expect(decide(attempt: 2, random: halfWord) == .retry(after: .milliseconds(100)))
}

@Test func jitterCapsAtMaxDelay() throws {
    let policy = try #require(RetryPolicy(maxAttempts: 8))
    #expect(decide(policy, attempt: 5, random: .max) == .retry(after: .milliseconds(1600)))
    #expect(decide(policy, attempt: 6, random: .max) == .retry(after: .milliseconds(2000)))
    #expect(decide(policy, attempt: 7, random: halfWord) == .retry(after: .milliseconds(1000)))
}

@Test func retryStopsAfterMaxAttempts() {
    #expect(decide(attempt: 2) == .retry(after: .zero))
    #expect(decide(attempt: 3) == .giveUp(.attemptsExhausted))
    #expect(decide(attempt: 4) == .giveUp(.attemptsExhausted))
}

@Test func singleAttemptPolicyNeverRetries() throws {
    let policy = try #require(RetryPolicy(maxAttempts: 1))
    #expect(decide(policy, attempt: 1) == .giveUp(.attemptsExhausted))
}

@Test func finalFailuresAreNotRetried() {
    let sessionEnded = RetryableCondition.response(
        .failure(NavixyStatus(code: 4, description: ""), httpStatus: 400))
    #expect(decide(attempt: 1, failure: sessionEnded) == .giveUp(.notRetryable))
    #expect(decide(attempt: 1, failure: .tlsFailed) == .giveUp(.notRetryable))
    #expect(decide(attempt: 3, failure: .tlsFailed) == .giveUp(.notRetryable))
}

@Test func transportFailuresAreRetried() {
    #expect(
        decide(attempt: 1, failure: .connectFailed, random: .max)
            == .retry(after: .milliseconds(100)))
    #expect(decide(attempt: 1, failure: .connectionReset) == .retry(after: .zero))
    #expect(decide(attempt: 1, failure: .attemptTimedOut) == .retry(after: .zero))
}

@Test func retryAfterReplacesBackoff() {
    #expect(
        decide(attempt: 1, retryAfter: .seconds(5), remaining: .seconds(8))
            == .retry(after: .seconds(5)))
    #expect(decide(attempt: 1, retryAfter: .zero, random: .max) == .retry(after: .zero))
    #expect(decide(attempt: 1, retryAfter: .seconds(-3)) == .retry(after: .zero))
}

@Test func retryAfterBeyondDeadlineGivesUp() {
    #expect(
        decide(attempt: 1, retryAfter: .seconds(9), remaining: .seconds(8))
            == .giveUp(.deadlineTooClose))
    #expect(
        decide(attempt: 1, retryAfter: .seconds(8), remaining: .seconds(8))
            == .giveUp(.deadlineTooClose))
}

@Test func backoffBeyondDeadlineGivesUp() {
    #expect(
        decide(attempt: 1, remaining: .milliseconds(50), random: .max) == .giveUp(.deadlineTooClose)
    )
    #expect(decide(attempt: 1, remaining: .milliseconds(50), random: 0) == .retry(after: .zero))
    #expect(decide(attempt: 1, remaining: .zero) == .giveUp(.deadlineTooClose))
}

@Test func zeroBaseDelayRetriesAtOnce() throws {
    let policy = try #require(RetryPolicy(baseDelay: .zero, maxDelay: .zero))
    #expect(decide(policy, attempt: 2, random: .max) == .retry(after: .zero))
}

@Test func giveUpReasonsHaveMetricLabels() {
    #expect(RetryDecision.GiveUpReason.notRetryable.rawValue == "not_retryable")
    #expect(RetryDecision.GiveUpReason.attemptsExhausted.rawValue == "attempts_exhausted")
    #expect(RetryDecision.GiveUpReason.deadlineTooClose.rawValue == "deadline_too_close")
}
