import Dispatch
import Foundation

/// Stops the process cleanly on SIGTERM or SIGINT.
///
/// The signals are ignored first so that their default action does not kill the process, and
/// a dispatch source then delivers them as ordinary events on its own queue.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers. `onSignal` runs once per signal, on a private serial queue.
    init(onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "navixy-sim.signals")
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onSignal(number) }
            source.resume()
            return source
        }
    }
}
