import Synchronization

/// A cap on the calls in flight to one region, with a short, bounded wait for a free slot.
///
/// A call past the cap waits in line, first come first served, for at most the wait it
/// requests, and is then rejected. A slot that frees up goes straight to the first caller in line.
/// The line holds only the calls that arrived within one wait, so it cannot grow without bound.
final class ConcurrencyLimit: Sendable {
    /// The number of slots.
    let limit: Int

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var inFlight = 0
        var waiters: [Waiter] = []
        var lastID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Creates a limit of `limit` slots, at least 1.
    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// The calls waiting for a slot.
    var waiting: Int {
        state.withLock { $0.waiters.count }
    }

    /// Takes a slot, waiting up to `wait` on `clock` for one to free up, and returns whether it
    /// got one. Each `true` must be paired with one `release()`.
    func acquire(waitingAtMost wait: Duration, clock: any UpstreamClock) async -> Bool {
        let taken = state.withLock { state in
            guard state.inFlight < limit else { return false }
            state.inFlight += 1
            return true
        }
        if taken { return true }
        guard wait > .zero else { return false }
        return await withCheckedContinuation { continuation in
            let id = state.withLock { state -> UInt64? in
                if state.inFlight < limit {
                    state.inFlight += 1
                    return nil
                }
                state.lastID += 1
                state.waiters.append(Waiter(id: state.lastID, continuation: continuation))
                return state.lastID
            }
            guard let id else {
                continuation.resume(returning: true)
                return
            }
            Task {
                // A cancelled sleep ends the wait early, which only refuses the call sooner.
                try? await clock.sleep(for: wait)
                self.giveUp(id)
            }
        }
    }

    /// Frees a slot, handing it to the first waiting call, if any.
    func release() {
        let next = state.withLock { state -> Waiter? in
            guard state.waiters.isEmpty else { return state.waiters.removeFirst() }
            state.inFlight = max(state.inFlight - 1, 0)
            return nil
        }
        next?.continuation.resume(returning: true)
    }

    /// Refuses waiter `id` if it is still in line, because its wait is over.
    private func giveUp(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: false)
    }
}
