import Testing

@testable import Gateway

@Suite struct ConcurrencyLimitTests {
    @Test func slotsUpToTheLimit() async {
        let limit = ConcurrencyLimit(limit: 2)
        let clock = ManualClock()
        #expect(await limit.acquire(waitingAtMost: .zero, clock: clock))
        #expect(await limit.acquire(waitingAtMost: .zero, clock: clock))
        #expect(await !limit.acquire(waitingAtMost: .zero, clock: clock))
        limit.release()
        #expect(await limit.acquire(waitingAtMost: .zero, clock: clock))
    }

    @Test func freedSlotGoesToTheWaiter() async throws {
        let limit = ConcurrencyLimit(limit: 1)
        let clock = ManualClock()
        #expect(await limit.acquire(waitingAtMost: .zero, clock: clock))
        let waiter = Task { await limit.acquire(waitingAtMost: .milliseconds(100), clock: clock) }
        try await eventually("the call waits") { limit.waiting == 1 }
        limit.release()
        #expect(await waiter.value)
        #expect(limit.waiting == 0)
        #expect(await !limit.acquire(waitingAtMost: .zero, clock: clock))
        clock.advance(by: .milliseconds(100))
    }

    @Test func waiterGivesUpAfterItsWait() async throws {
        let limit = ConcurrencyLimit(limit: 1)
        let clock = ManualClock()
        #expect(await limit.acquire(waitingAtMost: .zero, clock: clock))
        let waiter = Task { await limit.acquire(waitingAtMost: .milliseconds(100), clock: clock) }
        try await eventually("the wait has started") { clock.sleeping == 1 }
        clock.advance(by: .milliseconds(99))
        #expect(limit.waiting == 1)
        clock.advance(by: .milliseconds(1))
        #expect(await !waiter.value)
        #expect(limit.waiting == 0)
    }

    @Test func waitersAreServedInOrder() async throws {
        let limit = ConcurrencyLimit(limit: 1)
        let clock = ManualClock()
        #expect(await limit.acquire(waitingAtMost: .zero, clock: clock))
        let first = Task { await limit.acquire(waitingAtMost: .seconds(1), clock: clock) }
        try await eventually("the first call waits") { limit.waiting == 1 }
        let second = Task { await limit.acquire(waitingAtMost: .seconds(1), clock: clock) }
        try await eventually("the second call waits") { limit.waiting == 2 }
        limit.release()
        #expect(await first.value)
        #expect(limit.waiting == 1)
        clock.advance(by: .seconds(1))
        #expect(await !second.value)
    }
}
