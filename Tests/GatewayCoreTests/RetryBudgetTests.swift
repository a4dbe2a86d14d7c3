import GatewayCore
import Testing

private let start = ContinuousClock.now

private func at(_ offset: Duration) -> ContinuousClock.Instant {
    start + offset
}

/// Takes retries until the budget denies one, up to `limit`, and returns how many it allowed.
private func drain(
    _ budget: inout RetryBudget, at instant: ContinuousClock.Instant, limit: Int = 1000
)
    -> Int
{
    var allowed = 0
    while allowed < limit, budget.acquireRetry(at: instant) {
        allowed += 1
    }
    return allowed
}

@Test func retryBudgetDefaults() {
    let settings = RetryBudget.Settings.default
    #expect(settings.ratio == 0.2)
    #expect(settings.minRetries == 3)
    #expect(settings.window == .seconds(10))
}

@Test func retryBudgetSettingsRejectOutOfRange() {
    #expect(RetryBudget.Settings(ratio: -0.1) == nil)
    #expect(RetryBudget.Settings(ratio: 1.1) == nil)
    #expect(RetryBudget.Settings(ratio: .nan) == nil)
    #expect(RetryBudget.Settings(minRetries: -1) == nil)
    #expect(RetryBudget.Settings(minRetries: 1001) == nil)
    #expect(RetryBudget.Settings(window: .milliseconds(999)) == nil)
    #expect(RetryBudget.Settings(window: .seconds(601)) == nil)
    #expect(RetryBudget.Settings(ratio: 0, minRetries: 0, window: .seconds(1)) != nil)
}

@Test(arguments: [(0, 3), (14, 3), (19, 3), (20, 4), (24, 4), (100, 20), (1000, 200)])
func retryLimitFollowsRatioWithFloor(calls: Int, limit: Int) {
    #expect(RetryBudget().retryLimit(calls: calls) == limit)
}

@Test func idleBudgetAllowsMinimum() {
    var budget = RetryBudget()
    #expect(drain(&budget, at: start) == 3)
}

@Test func busyBudgetAllowsShareOfCalls() {
    var budget = RetryBudget()
    for _ in 0..<100 {
        budget.recordCall(at: start)
    }
    #expect(drain(&budget, at: at(.seconds(1))) == 20)
    budget.recordCall(at: at(.seconds(2)))
    #expect(drain(&budget, at: at(.seconds(2))) == 0)
    for _ in 0..<4 {
        budget.recordCall(at: at(.seconds(2)))
    }
    #expect(drain(&budget, at: at(.seconds(2))) == 1)
}

@Test func oldEventsLeaveWindow() {
    var budget = RetryBudget()
    #expect(drain(&budget, at: start) == 3)
    #expect(drain(&budget, at: at(.milliseconds(9999))) == 0)
    #expect(drain(&budget, at: at(.seconds(10))) == 3)
}

@Test func callsLeaveWindowInBucketSteps() {
    var budget = RetryBudget()
    for _ in 0..<50 {
        budget.recordCall(at: start)
    }
    for _ in 0..<50 {
        budget.recordCall(at: at(.seconds(5)))
    }
    #expect(drain(&budget, at: at(.milliseconds(9999))) == 20)
    #expect(drain(&budget, at: at(.seconds(10))) == 0)
    #expect(drain(&budget, at: at(.seconds(18))) == 0)
    #expect(drain(&budget, at: at(.seconds(19))) == 3)
}

@Test func lateEventsCountInNewestBucket() {
    var budget = RetryBudget()
    budget.recordCall(at: at(.seconds(20)))
    for _ in 0..<99 {
        budget.recordCall(at: at(.seconds(1)))
    }
    #expect(drain(&budget, at: at(.seconds(20))) == 20)
}

@Test func zeroBudgetNeverRetries() throws {
    let settings = try #require(RetryBudget.Settings(ratio: 0, minRetries: 0))
    var budget = RetryBudget(settings: settings)
    for _ in 0..<100 {
        budget.recordCall(at: start)
    }
    let allowed = budget.acquireRetry(at: start)
    #expect(!allowed)
}

@Test func longIdleGapResetsBudget() {
    var budget = RetryBudget()
    for _ in 0..<100 {
        budget.recordCall(at: start)
    }
    #expect(drain(&budget, at: start) == 20)
    #expect(drain(&budget, at: at(.seconds(3600))) == 3)
}
