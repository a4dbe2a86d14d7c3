import Foundation
import GatewayConfig
import GatewayCore
import Testing
import Upstream

@testable import Gateway

/// Retries, backoff, `Retry-After` and deadlines of `NavixyForwarder`, on a test clock.
@Suite struct NavixyForwarderRetryTests {
    @Test func retriesTwiceThenSucceeds() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.navixyError(8, status: 503), .navixyError(8, status: 503))
        let (result, trace) = await harness.call()
        #expect(try result.get() == .success)
        #expect(trace.upstreamAttempts == 3)
        #expect(harness.transport.requests.count == 3)
        #expect(harness.clock.sleeps == [.milliseconds(100), .milliseconds(200)])
        #expect(
            harness.observer.events == [
                "attempt eu navixy_8", "retry eu navixy_8", "attempt eu navixy_8",
                "retry eu navixy_8", "attempt eu success",
            ])
    }

    @Test(arguments: [
        (UInt64.zero, [Duration.zero, .zero]),
        (UInt64(1) << 63, [Duration.milliseconds(50), .milliseconds(100)]),
        (UInt64.max, [Duration.milliseconds(100), .milliseconds(200)]),
    ])
    func backoffHasFullJitter(random: UInt64, delays: [Duration]) async throws {
        let harness = try ForwarderHarness(random: random)
        harness.transport.script(.fail(.connectionReset), .fail(.connectionReset))
        let (result, _) = await harness.call()
        #expect(try result.get() == .success)
        #expect(harness.clock.sleeps == delays)
    }

    @Test func eachAttemptTimeoutIsTheTimeLeft() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.after(.milliseconds(300), .navixyError(8, status: 503)))
        _ = await harness.call()
        let timeouts = harness.transport.requests.map(\.timeout)
        #expect(timeouts == [.seconds(10), .milliseconds(9600)])
    }

    @Test(arguments: [1, 6, 8, 14, 15])
    func retryableNavixyCodesAreRetried(code: Int) async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.navixyError(code, status: code == 15 ? 429 : 503))
        let (result, trace) = await harness.call()
        #expect(try result.get() == .success)
        #expect(trace.upstreamAttempts == 2)
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func busyOrFailingStatusesAreRetried(status: Int) async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.respond(status, "<html>busy</html>"))
        let (result, trace) = await harness.call()
        #expect(try result.get() == .success)
        #expect(trace.upstreamAttempts == 2)
    }

    @Test(arguments: [UpstreamError.Kind.connectFailed, .connectionReset, .emptyReply])
    func transportFailuresAreRetried(kind: UpstreamError.Kind) async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.fail(kind))
        let (result, trace) = await harness.call()
        #expect(try result.get() == .success)
        #expect(trace.upstreamAttempts == 2)
    }

    @Test(arguments: [2, 3, 4, 5, 7, 9, 11, 13, 204])
    func clientCodesAreTriedOnce(code: Int) async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.navixyError(code))
        let (result, trace) = await harness.call()
        guard case .failure(let status, _) = try result.get() else {
            Issue.record("expected Navixy's error, got \(result)")
            return
        }
        #expect(status.code == code)
        #expect(trace.upstreamAttempts == 1)
        #expect(harness.clock.sleeps.isEmpty)
    }

    @Test func tlsFailureIsTriedOnceAndLogged() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.fail(.tlsFailed))
        let error = await harness.failingCall()
        #expect(error?.code == .upstreamUnavailable)
        #expect(harness.transport.requests.count == 1)
        let line = harness.logLines.first { $0.contains("upstream call failed") }
        #expect(line?.contains(#""level":"error""#) == true)
        #expect(line?.contains(#""upstream.reason":"tls_failed""#) == true)
        #expect(line?.contains("scripted tlsFailed failure") == true)
    }

    @Test func attemptsStopAtMaxAttempts() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(
            .navixyError(8, status: 503), .navixyError(8, status: 503),
            .navixyError(8, status: 503))
        let error = await harness.failingCall()
        #expect(error?.code == .upstreamUnavailable)
        #expect(error?.upstream?.code == 8)
        #expect(error?.retryAfterSeconds == nil)
        #expect(harness.transport.requests.count == 3)
        #expect(harness.observer.events.last == "skip eu navixy_8 attempts")
    }

    @Test func rateLimitAfterRetriesIs429() async throws {
        let harness = try ForwarderHarness(regions: ["eu": .testRegion(maxAttempts: 2)])
        harness.transport.script(.navixyError(15, status: 429), .navixyError(15, status: 429))
        let error = await harness.failingCall()
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfterSeconds == GatewayError.defaultRateLimitRetryAfterSeconds)
        #expect(harness.transport.requests.count == 2)
    }

    @Test func retryAfterSecondsReplacesBackoff() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.navixyError(15, status: 429, headers: [("Retry-After", "2")]))
        let (result, _) = await harness.call()
        #expect(try result.get() == .success)
        #expect(harness.clock.sleeps == [.seconds(2)])
    }

    @Test func retryAfterDateIsHonored() async throws {
        let harness = try ForwarderHarness()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: harness.clock.originDate + 3)
        harness.transport.script(.navixyError(8, status: 503, headers: [("Retry-After", date)]))
        let (result, _) = await harness.call()
        #expect(try result.get() == .success)
        #expect(harness.clock.sleeps == [.seconds(3)])
    }

    @Test(arguments: [(503, 8, GatewayError.Code.upstreamUnavailable), (429, 15, .rateLimited)])
    func retryAfterPastDeadlineAnswersAtOnce(
        status: Int, code: Int, expected: GatewayError.Code
    ) async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(
            .navixyError(code, status: status, headers: [("Retry-After", "30")]))
        let error = await harness.failingCall()
        #expect(error?.code == expected)
        #expect(error?.retryAfterSeconds == 30)
        #expect(harness.transport.requests.count == 1)
        #expect(harness.clock.elapsed == .zero)
        #expect(harness.observer.events.last == "skip eu navixy_\(code) deadline")
    }

    @Test func hangingUpstreamTimesOutAtTheDeadline() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.hang)
        let error = await harness.failingCall()
        #expect(error?.code == .upstreamTimeout)
        #expect(harness.clock.elapsed == .seconds(10))
        #expect(harness.transport.requests.count == 1)
    }

    @Test func backoffThatCannotFitAnswersAtOnce() async throws {
        let harness = try ForwarderHarness(regions: ["eu": .testRegion(timeoutMs: 200)])
        harness.transport.script(.after(.milliseconds(150), .navixyError(8, status: 503)))
        let error = await harness.failingCall()
        #expect(error?.code == .upstreamUnavailable)
        #expect(harness.clock.sleeps.isEmpty)
        #expect(harness.transport.requests.count == 1)
        #expect(harness.observer.events.last == "skip eu navixy_8 deadline")
    }

    @Test func requestedTimeoutShortensTheDeadline() async throws {
        let harness = try ForwarderHarness()
        _ = await harness.call(requestedTimeout: .milliseconds(500))
        _ = await harness.call(requestedTimeout: .seconds(60))
        let timeouts = harness.transport.requests.map(\.timeout)
        #expect(timeouts == [.milliseconds(500), .seconds(10)])
    }

    @Test func attemptThatCannotFitIsNotStarted() async throws {
        let harness = try ForwarderHarness()
        let error = await harness.failingCall(requestedTimeout: .milliseconds(9))
        #expect(error?.code == .upstreamTimeout)
        #expect(harness.transport.requests.isEmpty)
    }

    @Test func retryLogLineNamesAttemptReasonAndDelay() async throws {
        let harness = try ForwarderHarness()
        harness.transport.script(.navixyError(8, status: 503), .fail(.connectionReset))
        _ = await harness.call()
        let retries = harness.logLines.filter { $0.contains("upstream retry scheduled") }
        #expect(retries.count == 2)
        for field in [
            #""request.id":"req-1""#, #""upstream.region":"eu""#, #""retry.attempt":2"#,
            #""retry.reason":"navixy_8""#, #""retry.delay_ms":100"#,
        ] {
            #expect(retries.first?.contains(field) == true, "\(field)")
        }
        #expect(retries.last?.contains(#""retry.reason":"connection_reset""#) == true)
        #expect(retries.last?.contains(#""retry.delay_ms":200"#) == true)
    }

    @Test func secretsAreMaskedInThrownErrors() async throws {
        let harness = try ForwarderHarness(regions: ["eu": .testRegion(maxAttempts: 1)])
        let hash = "22eac1c27af4be7b9d04da2ce1af111b"
        let body = #"{"success":false,"status":{"code":8,"description":"queue full for \#(hash)"}}"#
        harness.transport.script(.respond(503, body))
        let (result, _) = await harness.call(secrets: [hash])
        guard case .failure(let error) = result else {
            Issue.record("the call succeeded")
            return
        }
        #expect(error.upstream?.code == 8)
        #expect(error.upstream?.description.contains(hash) == false)
    }

    @Test func unknownRegionIsUnavailable() async throws {
        let harness = try ForwarderHarness()
        let error = await harness.failingCall(region: "mars")
        #expect(error?.code == .upstreamUnavailable)
        #expect(harness.transport.requests.isEmpty)
    }
}
