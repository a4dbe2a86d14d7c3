import Testing

@testable import HTTPFront

@Suite struct RequestClockTests {
    private let start = ContinuousClock.now
    private let timeout = Duration.seconds(10)

    private func clock() -> RequestClock {
        RequestClock(openedAt: start, headerTimeout: timeout, bodyTimeout: .seconds(5))
    }

    private func at(_ seconds: Double) -> ContinuousClock.Instant {
        start + .milliseconds(Int(seconds * 1000))
    }

    @Test func firstHeadCountsFromAccept() {
        var clock = clock()
        #expect(!clock.checkExpired(at: at(10)) { nil })
        #expect(clock.checkExpired(at: at(10.01)) { nil })
        #expect(clock.state == .cut)
    }

    @Test func bodyCountsFromHead() {
        var clock = clock()
        clock.headArrived(at: at(9))
        #expect(!clock.checkExpired(at: at(14)) { nil })
        #expect(clock.checkExpired(at: at(14.1)) { nil })
    }

    @Test func processingNeverExpires() {
        var clock = clock()
        clock.headArrived(at: at(1))
        clock.requestArrived()
        #expect(!clock.checkExpired(at: at(1000)) { nil })
    }

    @Test func idleConnectionWithoutDataNeverExpires() {
        var clock = clock()
        clock.requestArrived()
        clock.requestCompleted(at: at(1))
        // Data last arrived before the request completed: that was the previous request.
        #expect(!clock.checkExpired(at: at(500)) { at(0.9) })
        #expect(clock.state == .idle(since: at(1)))
    }

    @Test func laterHeadCountsFromItsFirstByte() {
        var clock = clock()
        clock.requestArrived()
        clock.requestCompleted(at: at(1))
        #expect(!clock.checkExpired(at: at(30)) { at(30) })
        #expect(clock.state == .receivingHead(since: at(30)))
        // Later bytes do not move the start.
        #expect(!clock.checkExpired(at: at(40)) { at(39) })
        #expect(clock.checkExpired(at: at(40.1)) { at(40) })
    }

    @Test func bytesWithinTheSlackBelongToThePreviousRequest() {
        var clock = clock()
        clock.requestCompleted(at: at(1))
        #expect(!clock.checkExpired(at: at(100)) { at(1.04) })
        #expect(clock.state == .idle(since: at(1)))
    }

    @Test func requestLineStartsTheClockOfAnIdleConnection() {
        var clock = clock()
        clock.requestCompleted(at: at(1))
        clock.requestLineArrived(at: at(20))
        #expect(!clock.checkExpired(at: at(30)) { nil })
        #expect(clock.checkExpired(at: at(30.1)) { nil })
    }

    @Test func requestLineKeepsTheFirstHeadsStart() {
        var clock = clock()
        clock.requestLineArrived(at: at(9))
        #expect(clock.checkExpired(at: at(10.1)) { nil })
    }

    @Test func cutIsFinal() {
        var clock = clock()
        #expect(clock.checkExpired(at: at(11)) { nil })
        clock.headArrived(at: at(12))
        clock.requestCompleted(at: at(12))
        #expect(clock.state == .cut)
        #expect(!clock.checkExpired(at: at(100)) { nil })
    }

    @Test func noTimeoutsNeverExpire() {
        var clock = RequestClock(openedAt: start, headerTimeout: nil, bodyTimeout: nil)
        #expect(!clock.checkExpired(at: at(10_000)) { nil })
        clock.headArrived(at: at(1))
        #expect(!clock.checkExpired(at: at(10_000)) { nil })
    }
}
