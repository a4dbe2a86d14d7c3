import Dispatch
import Foundation

/// Blocks the calling thread until SIGTERM or SIGINT arrives.
enum SignalWaiter {
    /// Returns the name of the signal that arrived. The default actions are turned off first, so
    /// the signals are delivered to dispatch sources instead of ending the process.
    static func waitForTermination() -> String {
        let arrived = DispatchSemaphore(value: 0)
        let received = SignalName()
        let queue = DispatchQueue(label: "navixy-gateway.signals")
        var sources: [DispatchSourceSignal] = []
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                received.set(name)
                arrived.signal()
            }
            source.resume()
            sources.append(source)
        }
        arrived.wait()
        sources.forEach { $0.cancel() }
        return received.get()
    }
}

/// The name of the first signal received, shared between the signal queue and the waiter.
private final class SignalName: @unchecked Sendable {
    private let lock = NSLock()
    private var name = "unknown"

    func set(_ value: String) {
        lock.withLock { if name == "unknown" { name = value } }
    }

    func get() -> String { lock.withLock { name } }
}
