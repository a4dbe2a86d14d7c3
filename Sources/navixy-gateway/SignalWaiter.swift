import Dispatch
import Foundation

/// SIGTERM and SIGINT, delivered to a dispatch queue instead of ending the process, so the
/// gateway can drain first.
///
/// Create it before the gateway starts listening: a signal that arrives earlier would end
/// the process with the default action instead.
final class SignalWaiter: Sendable {
    private let arrivals = DispatchSemaphore(value: 0)
    private let names = Locked<[String]>([])
    private let sources: [SignalSource]

    /// Turns the default actions of SIGTERM and SIGINT off and starts listening for both.
    init() {
        let queue = DispatchQueue(label: "navixy-gateway.signals")
        var sources: [SignalSource] = []
        let arrivals = arrivals
        let names = names
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                names.withLock { $0.append(name) }
                arrivals.signal()
            }
            source.resume()
            sources.append(SignalSource(source: source))
        }
        self.sources = sources
    }

    deinit {
        sources.forEach { $0.source.cancel() }
    }

    /// Blocks until a signal arrives and returns its name, such as `SIGTERM`.
    func waitForSignal() -> String {
        arrivals.wait()
        return names.withLock { $0.removeFirst() }
    }

    /// Blocks for up to `duration` and returns whether a signal arrived meanwhile.
    func waitForSignal(upTo duration: Duration) -> Bool {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        let arrived = arrivals.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
        if arrived { names.withLock { _ = $0.removeFirst() } }
        return arrived
    }
}

/// A signal source, which dispatch lets any thread cancel although the type is not `Sendable`.
private struct SignalSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
}

/// A value shared between the signal queue and the waiting thread.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.withLock { body(&value) }
    }
}
