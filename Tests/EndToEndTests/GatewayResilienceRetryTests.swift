import Foundation
import Testing

/// Retries, `Retry-After` and deadlines, seen from a caller, against the real binaries.
///
/// Delays are a few milliseconds so that the tests run fast. Time is asserted only as a lower
/// bound where a wait must happen, or as the deadline plus a generous margin.
@Suite struct GatewayResilienceRetryTests {
    /// Margin over a deadline that a loaded machine still meets.
    private let margin = Duration.seconds(2)
    private let fastRetries = #""retry": {"base_delay_ms": 5, "max_delay_ms": 20}"#

    /// Runs `body` with one region `eu` set up with `settings` and a session for `u-1`.
    private func withRegion<Result>(
        _ settings: String, arguments: [String] = [],
        _ body: (ResilienceSetup) async throws -> Result
    ) async throws -> Result {
        let region = ResilienceRegion(name: "eu", settings: settings, simulatorArguments: arguments)
        return try await ResilienceSetup.run([region]) { setup in
            try await setup.storeSession("u-1", region: "eu")
            return try await body(setup)
        }
    }

    @Test func twoQueueErrorsThenSuccess() async throws {
        try await withRegion(fastRetries) { setup in
            try await setup.simulator("eu").addFaults(
                #"{"status": 503, "code": 8, "repeat": 2}"#)
            let (answer, _) = try await setup.bind("u-1")
            #expect(answer.status == 200)
            #expect(try await setup.bindCalls("eu") == 3)

            let retries = setup.logRecords("upstream retry scheduled")
            #expect(retries.map { $0["retry.attempt"]?.intValue } == [2, 3])
            #expect(retries.allSatisfy { $0["retry.reason"] == "navixy_8" })
            #expect(retries.allSatisfy { $0["upstream.region"] == "eu" })
            #expect(retries.allSatisfy { $0["retry.delay_ms"]?.intValue != nil })
            let requestID = try #require(answer.header("X-Request-Id"))
            #expect(retries.allSatisfy { $0["request.id"]?.stringValue == requestID })
            let access = setup.logRecords("request completed").last
            #expect(access?["upstream.attempts"] == 3)
        }
    }

    @Test func droppedConnectionThenSuccess() async throws {
        try await withRegion(fastRetries) { setup in
            try await setup.simulator("eu").addFaults(#"{"drop": true}"#)
            let (answer, _) = try await setup.bind("u-1")
            #expect(answer.status == 200)
            #expect(try await setup.bindCalls("eu") == 2)
        }
    }

    @Test func invalidParametersAreTriedOnce() async throws {
        try await withRegion(fastRetries) { setup in
            try await setup.simulator("eu").addFaults(#"{"code": 7}"#)
            let (answer, _) = try await setup.bind("u-1")
            #expect(answer.status == 422)
            #expect(answer.json?["error"]?["code"] == "upstream_rejected")
            #expect(try await setup.bindCalls("eu") == 1)
            #expect(setup.logRecords("upstream retry scheduled").isEmpty)
        }
    }

    @Test func retryAfterIsHonored() async throws {
        let settings = #""retry": {"base_delay_ms": 1, "max_delay_ms": 5}"#
        try await withRegion(settings) { setup in
            try await setup.simulator("eu").addFaults(
                #"{"status": 429, "code": 15, "retry_after": "1"}"#)
            let (answer, elapsed) = try await setup.bind("u-1")
            #expect(answer.status == 200)
            #expect(try await setup.bindCalls("eu") == 2)
            #expect(elapsed >= .seconds(1), "the retry came before Retry-After")
            let retry = setup.logRecords("upstream retry scheduled").first
            #expect(retry?["retry.delay_ms"] == 1000)
            #expect(retry?["retry.reason"] == "navixy_15")
        }
    }

    @Test(arguments: [
        (#"{"status": 503, "code": 8, "retry_after": "30"}"#, 503, "upstream_unavailable"),
        (#"{"status": 429, "code": 15, "retry_after": "30"}"#, 429, "rate_limited"),
    ])
    func retryAfterPastDeadlineAnswersAtOnce(fault: String, status: Int, code: String)
        async throws
    {
        try await withRegion(#""timeout_ms": 3000, "# + fastRetries) { setup in
            try await setup.simulator("eu").addFaults(fault)
            let (answer, elapsed) = try await setup.bind("u-1")
            #expect(answer.status == status)
            #expect(answer.json?["error"]?["code"]?.stringValue == code)
            #expect(answer.header("Retry-After") == "30")
            #expect(try await setup.bindCalls("eu") == 1)
            #expect(elapsed < .seconds(3), "the call waited for the deadline")
        }
    }

    @Test func hangingUpstreamTimesOutAtTheDeadline() async throws {
        try await withRegion(#""timeout_ms": 500, "# + fastRetries) { setup in
            try await setup.simulator("eu").addFaults(#"{"delay_ms": 10000, "repeat": 5}"#)
            let (answer, elapsed) = try await setup.bind("u-1")
            #expect(answer.status == 504)
            #expect(answer.json?["error"]?["code"] == "upstream_timeout")
            #expect(elapsed < .milliseconds(500) + margin)
            #expect(try await setup.bindCalls("eu") == 1)
        }
    }

    @Test func callerDeadlineHeaderShortensTheCall() async throws {
        try await withRegion(#""timeout_ms": 8000, "# + fastRetries) { setup in
            try await setup.simulator("eu").addFaults(#"{"delay_ms": 5000}"#)
            let (answer, elapsed) = try await setup.bind(
                "u-1", headers: [("X-Request-Timeout-Ms", "300")])
            #expect(answer.status == 504)
            #expect(answer.json?["error"]?["code"] == "upstream_timeout")
            #expect(elapsed < .milliseconds(300) + margin)
        }
    }

    @Test func callerDeadlineIsCappedByTheRegion() async throws {
        try await withRegion(#""timeout_ms": 300, "# + fastRetries) { setup in
            try await setup.simulator("eu").addFaults(#"{"delay_ms": 5000}"#)
            let (answer, elapsed) = try await setup.bind(
                "u-1", headers: [("X-Request-Timeout-Ms", "60000")])
            #expect(answer.status == 504)
            #expect(elapsed < .milliseconds(300) + margin)
        }
    }

    @Test func malformedCallerDeadlineIsIgnored() async throws {
        try await withRegion(#""timeout_ms": 8000, "# + fastRetries) { setup in
            try await setup.simulator("eu").addFaults(#"{"delay_ms": 300, "repeat": 3}"#)
            for value in ["soon", "0", "-1"] {
                let (answer, _) = try await setup.bind(
                    "u-1", headers: [("X-Request-Timeout-Ms", value)])
                #expect(answer.status == 200, "X-Request-Timeout-Ms: \(value)")
            }
        }
    }

    /// One attempt per call, so that the call survives only if the stale connection is
    /// replaced inside the attempt, as libcurl does when a reused connection turns out closed.
    @Test func stalePooledConnectionIsSurvived() async throws {
        let oneAttempt = #""retry": {"max_attempts": 1}"#
        try await withRegion(oneAttempt, arguments: ["--idle-timeout-seconds", "1"]) { setup in
            for round in 1...3 {
                let (answer, _) = try await setup.bind("u-1")
                #expect(answer.status == 200, "round \(round)")
                // The simulator closes the pooled connection while it is idle.
                try await Task.sleep(for: .milliseconds(1500))
            }
            #expect(try await setup.bindCalls("eu") == 3)
        }
    }
}
