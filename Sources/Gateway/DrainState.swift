import Synchronization

/// Whether the gateway is draining after a stop signal, shared by the readiness probe, the
/// metrics and the shutdown sequence.
final class DrainState: Sendable {
    private let draining = Atomic<Bool>(false)

    /// Whether a stop signal arrived.
    var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Marks the gateway as draining; it never goes back.
    func begin() {
        draining.store(true, ordering: .relaxed)
    }
}
