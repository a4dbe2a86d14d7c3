import GatewayCore
import Testing

private let start = ContinuousClock.now

private func at(_ offset: Duration) -> ContinuousClock.Instant {
    start + offset
}

/// Returns a breaker that opened at `start` after the default five failures.
private func openedBreaker(probes: Int = 3) throws -> CircuitBreaker {
    let settings = try #require(CircuitBreaker.Settings(halfOpenProbes: probes))
    var breaker = CircuitBreaker(settings: settings)
    for _ in 0..<5 {
        breaker.recordFailure(at: start)
    }
    return breaker
}

@Test func circuitSettingsDefaults() {
    let settings = CircuitBreaker.Settings.default
    #expect(settings.failureThreshold == 5)
    #expect(settings.openDuration == .seconds(10))
    #expect(settings.halfOpenProbes == 3)
}

@Test func circuitSettingsRejectOutOfRange() {
    #expect(CircuitBreaker.Settings(failureThreshold: 0) == nil)
    #expect(CircuitBreaker.Settings(failureThreshold: 1001) == nil)
    #expect(CircuitBreaker.Settings(openDuration: .zero) == nil)
    #expect(CircuitBreaker.Settings(openDuration: .seconds(3601)) == nil)
    #expect(CircuitBreaker.Settings(openDuration: .seconds(3600)) != nil)
    #expect(CircuitBreaker.Settings(halfOpenProbes: 0) == nil)
    #expect(CircuitBreaker.Settings(halfOpenProbes: 101) == nil)
    #expect(CircuitBreaker.Settings(failureThreshold: 1, openDuration: .milliseconds(1)) != nil)
}

@Test func circuitStaysClosedBelowThreshold() {
    var breaker = CircuitBreaker()
    for _ in 0..<4 {
        breaker.recordFailure(at: start)
    }
    #expect(breaker.state == .closed)
    #expect(breaker.permit(at: start) == .allowed)
}

@Test func circuitSuccessResetsFailureCount() {
    var breaker = CircuitBreaker()
    for _ in 0..<4 {
        breaker.recordFailure(at: start)
    }
    breaker.recordSuccess(at: start)
    for _ in 0..<4 {
        breaker.recordFailure(at: start)
    }
    #expect(breaker.state == .closed)
    breaker.recordFailure(at: start)
    #expect(breaker.state == .open)
}

@Test func circuitOpensAtThreshold() throws {
    var breaker = try openedBreaker()
    #expect(breaker.state == .open)
    #expect(breaker.permit(at: start) == .rejected(retryAfter: .seconds(10)))
    #expect(breaker.permit(at: at(.seconds(3))) == .rejected(retryAfter: .seconds(7)))
    #expect(breaker.permit(at: at(.milliseconds(9999))) == .rejected(retryAfter: .milliseconds(1)))
    #expect(breaker.state == .open)
}

@Test func circuitAllowsProbesAfterOpenDuration() throws {
    var breaker = try openedBreaker()
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    #expect(breaker.state == .halfOpen)
    #expect(breaker.permit(at: at(.seconds(11))) == .allowed)
    #expect(breaker.permit(at: at(.seconds(12))) == .allowed)
    #expect(breaker.permit(at: at(.seconds(13))) == .rejected(retryAfter: .seconds(9)))
}

@Test func circuitClosesAfterProbeSuccesses() throws {
    var breaker = try openedBreaker()
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    breaker.recordSuccess(at: at(.seconds(10)))
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    breaker.recordSuccess(at: at(.seconds(10)))
    #expect(breaker.state == .halfOpen)
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    breaker.recordSuccess(at: at(.seconds(10)))
    #expect(breaker.state == .closed)
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
}

@Test func finishedProbesFreeTheirSlots() throws {
    var breaker = try openedBreaker()
    for _ in 0..<3 {
        #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    }
    #expect(breaker.permit(at: at(.seconds(10))) != .allowed)
    breaker.recordSuccess(at: at(.seconds(11)))
    #expect(breaker.permit(at: at(.seconds(11))) == .allowed)
}

@Test func circuitProbeFailureReopens() throws {
    var breaker = try openedBreaker()
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    breaker.recordSuccess(at: at(.seconds(10)))
    breaker.recordFailure(at: at(.seconds(12)))
    #expect(breaker.state == .open)
    #expect(breaker.permit(at: at(.seconds(13))) == .rejected(retryAfter: .seconds(9)))
    #expect(breaker.permit(at: at(.seconds(22))) == .allowed)
    #expect(breaker.state == .halfOpen)
}

@Test func singleProbeClosesCircuit() throws {
    var breaker = try openedBreaker(probes: 1)
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    #expect(breaker.permit(at: at(.seconds(10))) == .rejected(retryAfter: .seconds(10)))
    breaker.recordSuccess(at: at(.seconds(11)))
    #expect(breaker.state == .closed)
}

@Test func lostProbesAreReplaced() throws {
    var breaker = try openedBreaker(probes: 1)
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    #expect(
        breaker.permit(at: at(.milliseconds(19_999))) == .rejected(retryAfter: .milliseconds(1)))
    #expect(breaker.permit(at: at(.seconds(20))) == .allowed)
    #expect(breaker.state == .halfOpen)
}

@Test func resultsWhileOpenAreIgnored() throws {
    var breaker = try openedBreaker()
    breaker.recordSuccess(at: at(.seconds(1)))
    #expect(breaker.state == .open)
    breaker.recordFailure(at: at(.seconds(5)))
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
}

@Test func circuitStatesHaveMetricLabels() {
    #expect(CircuitBreaker.State.closed.rawValue == "closed")
    #expect(CircuitBreaker.State.open.rawValue == "open")
    #expect(CircuitBreaker.State.halfOpen.rawValue == "half_open")
}

@Test func inconclusiveCallsKeepTheFailureCount() {
    var breaker = CircuitBreaker()
    for _ in 0..<4 {
        breaker.record(.failed, at: start)
    }
    breaker.record(.inconclusive, at: start)
    #expect(breaker.state == .closed)
    breaker.record(.failed, at: start)
    #expect(breaker.state == .open)
}

@Test func inconclusiveProbeFreesItsSlot() throws {
    var breaker = try openedBreaker(probes: 1)
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    #expect(breaker.permit(at: at(.seconds(10))) != .allowed)
    breaker.record(.inconclusive, at: at(.seconds(10)))
    #expect(breaker.state == .halfOpen)
    #expect(breaker.permit(at: at(.seconds(10))) == .allowed)
    breaker.record(.succeeded, at: at(.seconds(10)))
    #expect(breaker.state == .closed)
}
