import GatewayConfig
import GatewayCore
import Testing

@testable import Gateway

/// The retry budget, circuit breaker and concurrency limit of `NavixyForwarder`, region by
/// region, on a test clock.
@Suite struct NavixyForwarderProtectionTests {
    @Test func budgetCapsRetriesDuringAnOutage() async throws {
        let harness = try ForwarderHarness()
        for _ in 0..<30 {
            harness.transport.script(.navixyError(8, status: 503))
        }
        for _ in 0..<10 {
            let error = await harness.failingCall()
            #expect(error?.code == .upstreamUnavailable)
            #expect(error?.upstream?.code == 8)
        }
        // The budget allows 3 retries while the window contains fewer than 20 calls: two for the
        // first call and one for the second. Without it, the ten calls would make 30 attempts.
        #expect(harness.transport.requests.count == 13)
        #expect(harness.observer.events.filter { $0.hasPrefix("retry ") }.count == 3)
        #expect(harness.observer.events.contains("skip eu navixy_8 budget"))
    }

    @Test func circuitOpensAfterConsecutiveFailedCalls() async throws {
        let harness = try ForwarderHarness(regions: [
            "eu": .testRegion(maxAttempts: 1, failureThreshold: 2)
        ])
        harness.transport.script(.navixyError(8, status: 503), .fail(.connectFailed))
        #expect(await harness.failingCall()?.code == .upstreamUnavailable)
        #expect(await harness.failingCall()?.code == .upstreamUnavailable)
        let refused = await harness.failingCall()
        #expect(refused?.code == .circuitOpen)
        #expect(refused?.retryAfterSeconds == 1)
        #expect(harness.transport.requests.count == 2)
        #expect(harness.observer.events.contains("circuit eu open"))
    }

    @Test func circuitClosesAfterProbesSucceed() async throws {
        let harness = try ForwarderHarness(
            regions: ["eu": .testRegion(maxAttempts: 1, failureThreshold: 1, openMs: 5000)])
        harness.transport.script(.navixyError(14, status: 503))
        _ = await harness.call()
        harness.clock.advance(by: .milliseconds(4999))
        #expect(await harness.failingCall()?.code == .circuitOpen)

        harness.clock.advance(by: .milliseconds(1))
        for _ in 0..<3 {
            let (result, _) = await harness.call()
            #expect(try result.get() == .success)
        }
        let changes = harness.observer.events.filter { $0.hasPrefix("circuit ") }
        #expect(changes == ["circuit eu open", "circuit eu half_open", "circuit eu closed"])
        #expect(harness.transport.requests.count == 4)
    }

    @Test func failedProbeReopensTheCircuit() async throws {
        let harness = try ForwarderHarness(
            regions: ["eu": .testRegion(maxAttempts: 1, failureThreshold: 1, openMs: 1000)])
        harness.transport.script(.fail(.connectFailed), .fail(.connectFailed))
        _ = await harness.call()
        harness.clock.advance(by: .seconds(1))
        #expect(await harness.failingCall()?.code == .upstreamUnavailable)
        #expect(await harness.failingCall()?.code == .circuitOpen)
        #expect(harness.transport.requests.count == 2)
    }

    @Test func answersAboutTheCallKeepTheCircuitClosed() async throws {
        let harness = try ForwarderHarness(
            regions: ["eu": .testRegion(maxAttempts: 1, failureThreshold: 2)])
        for code in [7, 4, 3, 15, 15, 7] {
            harness.transport.script(.navixyError(code, status: code == 15 ? 429 : 400))
            _ = await harness.call()
        }
        #expect(harness.transport.requests.count == 6)
        #expect(!harness.observer.events.contains("circuit eu open"))
    }

    @Test func rateLimitKeepsTheFailureCount() async throws {
        let harness = try ForwarderHarness(
            regions: ["eu": .testRegion(maxAttempts: 1, failureThreshold: 2)])
        harness.transport.script(
            .navixyError(8, status: 503), .navixyError(15, status: 429),
            .navixyError(8, status: 503))
        for _ in 0..<3 {
            _ = await harness.call()
        }
        #expect(await harness.failingCall()?.code == .circuitOpen)
    }

    @Test func openCircuitLeavesOtherRegionsAlone() async throws {
        let harness = try ForwarderHarness(
            regions: [
                "eu": .testRegion(maxAttempts: 1, failureThreshold: 1),
                "us": .testRegion(maxAttempts: 1, failureThreshold: 1),
            ])
        harness.transport.script(.navixyError(8, status: 503))
        _ = await harness.call(region: "eu")
        #expect(await harness.failingCall(region: "eu")?.code == .circuitOpen)
        let (result, _) = await harness.call(region: "us")
        #expect(try result.get() == .success)
    }

    @Test func fullRegionAnswersOverloadedAfterItsWait() async throws {
        let harness = try ForwarderHarness(
            regions: [
                "eu": .testRegion(maxConnections: 1), "us": .testRegion(maxConnections: 1),
            ])
        let gate = TestGate()
        harness.transport.script(.blocked(gate, .success))
        let first = Task { await harness.call(region: "eu") }
        try await eventually("the first call is in flight") {
            harness.transport.requests.count == 1
        }

        let refused = await harness.failingCall(region: "eu")
        #expect(refused?.code == .overloaded)
        #expect(refused?.retryAfterSeconds == 1)
        #expect(harness.clock.sleeps == [NavixyForwarder.maxQueueWait])
        #expect(harness.observer.events.contains("overloaded eu"))
        let (other, _) = await harness.call(region: "us")
        #expect(try other.get() == .success)

        gate.open()
        #expect(try await first.value.result.get() == .success)
        #expect(harness.transport.requests.count == 2)
    }

    @Test func overloadedProbeFreesItsCircuitSlot() async throws {
        let harness = try ForwarderHarness(
            regions: [
                "eu": .testRegion(
                    maxAttempts: 1, failureThreshold: 1, openMs: 1000, maxConnections: 1)
            ])
        harness.transport.script(.fail(.connectFailed))
        _ = await harness.call()
        harness.clock.advance(by: .seconds(1))
        let gate = TestGate()
        harness.transport.script(.blocked(gate, .success))
        let probe = Task { await harness.call() }
        try await eventually("the probe is in flight") { harness.transport.requests.count == 2 }
        // Three probes may run at once. Each rejected call must give its probe slot back, or
        // the third would find them all taken and fail with circuit_open.
        for _ in 0..<3 {
            #expect(await harness.failingCall()?.code == .overloaded)
        }
        gate.open()
        #expect(try await probe.value.result.get() == .success)
        let (next, _) = await harness.call()
        #expect(try next.get() == .success)
    }
}
