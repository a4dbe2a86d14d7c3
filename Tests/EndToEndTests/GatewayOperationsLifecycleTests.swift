import Foundation
import Testing

/// SIGTERM and SIGINT: readiness, grace, drain, exit status.
@Suite struct GatewayOperationsLifecycleTests {
    /// Starts `count` binds whose Navixy call waits `delayMs`, and returns once all of them
    /// reached the simulator, with the task group's results still to collect.
    private func startSlowBinds(
        _ setup: GatewayWithSimulator, count: Int, delayMs: Int
    ) async throws -> Task<[Int], any Error> {
        for index in 0..<count {
            try await setup.storeSession("drain-\(index)")
        }
        try await setup.simulator.addFaults(#"{"delay_ms": \#(delayMs), "repeat": \#(count)}"#)
        let binds = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let answer = try await setup.bind(
                            "drain-\(index)", #"{"application": "android", "token": "t\#(index)"}"#)
                        return answer.status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        try await waitUntil("\(count) binds reach the simulator", timeout: .seconds(20)) {
            try await setup.simulator.recordedRequests().count == count
        }
        return binds
    }

    @Test func sigtermDrainsTwentySlowCalls() async throws {
        let shutdown = #""shutdown": {"grace_ms": 2000, "drain_timeout_ms": 15000}"#
        try await GatewayWithSimulator.run(extra: shutdown) { setup in
            let gateway = setup.gateway
            let binds = try await startSlowBinds(setup, count: 20, delayMs: 4000)

            gateway.process.send(signal: SIGTERM)
            try await gateway.process.waitForLine { $0.contains("\"gateway draining\"") }
            // During the grace period new connections are still served, and report not ready.
            let readiness = try await gateway.send("GET", "/readyz", key: nil)
            #expect(readiness.status == 503)
            #expect(readiness.json?["status"] == "draining")

            try await waitUntil("the listening socket closes", timeout: .seconds(15)) {
                StreamConnection.isRefused(port: gateway.port)
            }
            let statuses = try await binds.value
            #expect(statuses.count == 20)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(try await gateway.process.waitForExit(timeout: .seconds(20)) == .exited(0))

            let stopped = try #require(gateway.logLines(withMessage: "gateway stopped").first)
            #expect(stopped["drain.abandoned_requests"] == 0)
            #expect(stopped["drain.interrupted"] == false)
            #expect(
                gateway.logLines(withMessage: "gateway stopped accepting connections").count == 1)
        }
    }

    @Test func sigintStopsIdleGateway() async throws {
        let shutdown = #""shutdown": {"grace_ms": 0, "drain_timeout_ms": 1000}"#
        try await GatewayWithSimulator.run(extra: shutdown) { setup in
            let process = setup.gateway.process
            process.send(signal: SIGINT)
            #expect(try await process.waitForExit(timeout: .seconds(15)) == .exited(0))
            let draining = try #require(
                setup.gateway.logLines(withMessage: "gateway draining").first)
            #expect(draining["signal"] == "SIGINT")
            #expect(draining["shutdown.grace_ms"] == 0)
        }
    }

    @Test func drainTimeoutClosesLateCalls() async throws {
        let shutdown = #""shutdown": {"grace_ms": 0, "drain_timeout_ms": 300}"#
        try await GatewayWithSimulator.run(extra: shutdown) { setup in
            let gateway = setup.gateway
            let binds = try await startSlowBinds(setup, count: 1, delayMs: 30_000)
            gateway.process.send(signal: SIGTERM)
            #expect(try await gateway.process.waitForExit(timeout: .seconds(15)) == .exited(0))
            // The connection of the late call was closed without a response.
            await #expect(throws: (any Error).self) { try await binds.value }
            let stopped = try #require(gateway.logLines(withMessage: "gateway stopped").first)
            #expect(stopped["drain.abandoned_requests"] == 1)
            #expect(
                gateway.logLines(withMessage: "drain ended with requests still open; closing them")
                    .count == 1)
        }
    }

    @Test func secondSignalCutsTheDrainShort() async throws {
        let shutdown = #""shutdown": {"grace_ms": 60000, "drain_timeout_ms": 60000}"#
        try await GatewayWithSimulator.run(extra: shutdown) { setup in
            let process = setup.gateway.process
            process.send(signal: SIGTERM)
            try await process.waitForLine { $0.contains("\"gateway draining\"") }
            process.send(signal: SIGINT)
            // Both waits last a minute, so only the second signal can end the process here.
            #expect(try await process.waitForExit(timeout: .seconds(20)) == .exited(0))
            let stopped = try #require(setup.gateway.logLines(withMessage: "gateway stopped").first)
            #expect(stopped["drain.interrupted"] == true)
        }
    }
}
