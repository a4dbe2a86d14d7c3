import Foundation
import Synchronization
import Upstream

@testable import Gateway

/// An upstream that plays a script instead of opening sockets, so that forwarder tests choose
/// every answer and failure and see every attempt's request.
final class ScriptedTransport: UpstreamTransport {
    /// One scripted attempt.
    enum Step: Sendable {
        /// Respond with `status`, `body` and `headers`.
        case respond(Int, String, headers: [(name: String, value: String)] = [])
        /// Fail with an `UpstreamError` of `kind`.
        case fail(UpstreamError.Kind)
        /// Take the attempt's whole timeout, then fail with `timedOut`.
        case hang
        /// Take `duration` on the clock, then play the step.
        indirect case after(Duration, Step)
        /// Wait until `gate` opens, then play the step.
        indirect case blocked(TestGate, Step)

        /// Navixy's success answer.
        static let success = Step.respond(200, #"{"success":true}"#)

        /// Navixy's error JSON with `code` and HTTP `status`.
        static func navixyError(
            _ code: Int, status: Int = 400, headers: [(name: String, value: String)] = []
        ) -> Step {
            .respond(
                status,
                #"{"success":false,"status":{"code":\#(code),"description":"error \#(code)"}}"#,
                headers: headers)
        }
    }

    private let clock: TestClock
    private let state = Mutex<(script: [Step], requests: [UpstreamRequest])>(([], []))

    /// Creates a transport whose `hang` and `after` steps move `clock`.
    init(clock: TestClock) {
        self.clock = clock
    }

    /// Appends steps; an attempt with no step left gets Navixy's success answer.
    func script(_ steps: Step...) {
        state.withLock { $0.script += steps }
    }

    /// Every request sent, in order.
    var requests: [UpstreamRequest] { state.withLock { $0.requests } }

    func send(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
        let step = state.withLock { state -> Step in
            state.requests.append(request)
            return state.script.isEmpty ? .success : state.script.removeFirst()
        }
        return try await play(step, request: request)
    }

    private func play(_ step: Step, request: UpstreamRequest) async throws(UpstreamError)
        -> UpstreamResponse
    {
        switch step {
        case .respond(let status, let body, let headers):
            return UpstreamResponse(status: status, headers: headers, body: Array(body.utf8))
        case .fail(let kind):
            throw UpstreamError(kind: kind, detail: "scripted \(kind) failure")
        case .hang:
            clock.advance(by: request.timeout)
            throw UpstreamError(kind: .timedOut, detail: "scripted timeout")
        case .after(let duration, let next):
            clock.advance(by: duration)
            return try await play(next, request: request)
        case .blocked(let gate, let next):
            await gate.wait()
            return try await play(next, request: request)
        }
    }
}

/// A gate that holds scripted attempts until the test opens it.
final class TestGate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiting: [CheckedContinuation<Void, Never>])>(
        (false, []))

    /// Suspends until the gate is open.
    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiting.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Opens the gate and lets every waiting attempt go on.
    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting {
            continuation.resume()
        }
    }
}

/// An observer that writes every event down as one line, for tests to compare.
final class RecordingObserver: UpstreamObserver {
    private let lines = Mutex<[String]>([])

    /// The events so far, such as `retry eu navixy_8`.
    var events: [String] { lines.withLock { $0 } }

    func attemptFinished(region: String, outcome: String, duration: Duration) {
        lines.withLock { $0.append("attempt \(region) \(outcome)") }
    }

    func retryScheduled(region: String, reason: String) {
        lines.withLock { $0.append("retry \(region) \(reason)") }
    }

    func retrySkipped(region: String, reason: String, because: String) {
        lines.withLock { $0.append("skip \(region) \(reason) \(because)") }
    }

    func circuitChanged(region: String, state: String) {
        lines.withLock { $0.append("circuit \(region) \(state)") }
    }

    func overloaded(region: String) {
        lines.withLock { $0.append("overloaded \(region)") }
    }
}
