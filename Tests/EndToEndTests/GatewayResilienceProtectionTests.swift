import Foundation
import Testing

/// The circuit breaker, retry budget and concurrency limit of each region, seen from callers
/// and counted at the simulators.
@Suite struct GatewayResilienceProtectionTests {
    @Test func circuitOpensThenRecovers() async throws {
        let settings =
            #""retry": {"max_attempts": 1}, "circuit": {"failure_threshold": 2, "open_ms": 1000}"#
        try await ResilienceSetup.run([ResilienceRegion(name: "eu", settings: settings)]) {
            setup in
            try await setup.storeSession("u-1", region: "eu")
            try await setup.simulator("eu").addFaults(
                #"{"status": 503, "code": 8, "repeat": 2}"#)
            for _ in 0..<2 {
                let (answer, _) = try await setup.bind("u-1")
                #expect(answer.json?["error"]?["code"] == "upstream_unavailable")
            }

            let (refused, _) = try await setup.bind("u-1")
            #expect(refused.status == 503)
            #expect(refused.json?["error"]?["code"] == "circuit_open")
            #expect(refused.header("Retry-After") == "1")
            #expect(try await setup.bindCalls("eu") == 2)

            try await Task.sleep(for: .milliseconds(1200))
            for _ in 0..<4 {
                let (answer, _) = try await setup.bind("u-1")
                #expect(answer.status == 200)
            }
            #expect(try await setup.bindCalls("eu") == 6)
        }
    }

    @Test func openCircuitLeavesOtherRegionAtFullService() async throws {
        let settings = #""retry": {"max_attempts": 1}, "circuit": {"failure_threshold": 2}"#
        let regions = [
            ResilienceRegion(name: "eu", settings: settings),
            ResilienceRegion(name: "us", settings: settings),
        ]
        try await ResilienceSetup.run(regions) { setup in
            try await setup.storeSession("u-eu", region: "eu")
            try await setup.storeSession("u-us", region: "us")
            try await setup.simulator("eu").addFaults(
                #"{"status": 503, "code": 8, "repeat": 100}"#)
            for _ in 0..<3 {
                _ = try await setup.bind("u-eu")
            }
            let (refused, _) = try await setup.bind("u-eu")
            #expect(refused.json?["error"]?["code"] == "circuit_open")

            for _ in 0..<5 {
                let (answer, _) = try await setup.bind("u-us")
                #expect(answer.status == 200)
            }
            #expect(try await setup.bindCalls("us") == 5)
        }
    }

    @Test func hangingRegionLeavesOtherAtFullService() async throws {
        let regions = [
            ResilienceRegion(
                name: "eu",
                settings:
                    #""timeout_ms": 20000, "max_connections": 2, "retry": {"max_attempts": 1}"#
            ),
            ResilienceRegion(name: "us"),
        ]
        try await ResilienceSetup.run(regions) { setup in
            try await setup.storeSession("u-eu", region: "eu")
            try await setup.storeSession("u-us", region: "us")
            try await setup.simulator("eu").addFaults(#"{"delay_ms": 4000, "repeat": 2}"#)
            let hungCallsEnded = Locked(0)
            let hung = (0..<2).map { _ in
                Task {
                    defer { hungCallsEnded.withLock { $0 += 1 } }
                    return try await setup.bind("u-eu").answer.status
                }
            }
            try await waitUntil("both calls hang at the simulator") {
                try await setup.bindCalls("eu") == 2
            }

            for _ in 0..<2 {
                let (answer, _) = try await setup.bind("u-eu")
                #expect(answer.status == 503)
                #expect(answer.json?["error"]?["code"] == "overloaded")
                #expect(answer.header("Retry-After") == "1")
            }
            #expect(try await setup.bindCalls("eu") == 2)
            for _ in 0..<5 {
                let (answer, _) = try await setup.bind("u-us")
                #expect(answer.status == 200)
            }
            #expect(hungCallsEnded.withLock { $0 } == 0)

            for task in hung {
                #expect(try await task.value == 200)
            }
        }
    }

    @Test func budgetCapsRetriesDuringAnOutage() async throws {
        let settings =
            #""retry": {"max_attempts": 5, "base_delay_ms": 1, "max_delay_ms": 5}, "#
            + #""circuit": {"failure_threshold": 1000}"#
        try await ResilienceSetup.run([ResilienceRegion(name: "eu", settings: settings)]) {
            setup in
            try await setup.storeSession("u-1", region: "eu")
            try await setup.simulator("eu").addFaults(
                #"{"status": 503, "code": 8, "repeat": 1000}"#)
            for _ in 0..<20 {
                let (answer, _) = try await setup.bind("u-1")
                #expect(answer.json?["error"]?["code"] == "upstream_unavailable")
            }
            // Five attempts per call would be 100. The budget allows max(3, 20% of 20) = 4
            // retries in its 10 s window, so at most 24 calls reach the simulator.
            let calls = try await setup.bindCalls("eu")
            #expect(calls > 20)
            #expect(calls <= 24)
        }
    }
}
