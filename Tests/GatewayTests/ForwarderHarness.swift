import Foundation
import GatewayConfig
import GatewayCore
import GatewayLog
import Synchronization
import Testing

@testable import Gateway

/// A forwarder on a scripted transport, a test clock and a recording observer, so tests drive
/// retries, deadlines and the breaker without sockets or waiting.
struct ForwarderHarness {
    let clock = TestClock()
    let transport: ScriptedTransport
    let observer = RecordingObserver()
    let forwarder: NavixyForwarder
    private let log = CapturedLog()

    /// Creates a forwarder for `regions`, drawing every jitter value from `random`.
    init(
        regions: [String: RegionConfiguration] = ["eu": .testRegion()], random: UInt64 = .max
    ) throws {
        transport = ScriptedTransport(clock: clock)
        let log = log
        let sink = LogSink { line in log.append(line) }
        forwarder = try NavixyForwarder(
            transport: transport, regions: regions,
            logger: Logger(level: .debug, sink: sink), observer: observer, clock: clock,
            random: { random })
    }

    /// The log lines written so far.
    var logLines: [String] { log.lines }

    /// Makes one bind call in `region` and returns its result with the call's trace.
    func call(
        region: String = "eu", requestedTimeout: Duration? = nil, secrets: [String] = []
    ) async -> (result: Result<NavixyOutcome, GatewayError>, trace: CallTrace) {
        let trace = CallTrace(
            requestID: "req-1", requestedTimeout: requestedTimeout, startedAt: clock.now)
        do {
            let outcome = try await forwarder.call(
                .bindPushToken, body: Array("{}".utf8), region: region, secrets: secrets,
                trace: trace)
            return (.success(outcome), trace)
        } catch {
            return (.failure(error), trace)
        }
    }

    /// Makes one call and returns the error it threw, or records an issue when it returned.
    func failingCall(region: String = "eu", requestedTimeout: Duration? = nil) async
        -> GatewayError?
    {
        let (result, _) = await call(region: region, requestedTimeout: requestedTimeout)
        guard case .failure(let error) = result else {
            Issue.record("the call succeeded: \(result)")
            return nil
        }
        return error
    }
}

/// The lines a test logger wrote.
final class CapturedLog: Sendable {
    private let state = Mutex<[String]>([])

    /// The lines so far, in order.
    var lines: [String] { state.withLock { $0 } }

    /// Appends one line.
    func append(_ line: String) {
        state.withLock { $0.append(line) }
    }
}

extension RegionConfiguration {
    /// A region on a loopback URL that no test connects to, with the given settings.
    static func testRegion(
        timeoutMs: Int = 10_000, maxAttempts: Int = 3, baseDelayMs: Int = 100,
        failureThreshold: Int = 1000, openMs: Int = 1000, maxConnections: Int = 64,
        baseURL: String = "http://127.0.0.1:9/v2"
    ) -> RegionConfiguration {
        var region = RegionConfiguration(baseURL: baseURL)
        region.timeoutMs = timeoutMs
        region.retry = RetrySettings(
            maxAttempts: maxAttempts, baseDelayMs: baseDelayMs, maxDelayMs: 2000)
        region.circuit = CircuitSettings(failureThreshold: failureThreshold, openMs: openMs)
        region.maxConnections = maxConnections
        return region
    }
}

/// Polls `condition` up to a thousand times, a millisecond apart, for events that other tasks
/// cause; records an issue when it never holds.
func eventually(_ what: String, _ condition: () -> Bool) async throws {
    for _ in 0..<1000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("never happened: \(what)")
}
