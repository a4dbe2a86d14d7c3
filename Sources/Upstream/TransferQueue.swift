import CCurl
import Synchronization

/// A request that a caller handed over, waiting for the loop thread to start it.
struct SubmittedTransfer: Sendable {
    /// The caller's ticket, used to cancel the transfer.
    let id: UInt64

    /// The request to send.
    let request: UpstreamRequest

    /// The caller waiting for the outcome.
    let continuation: CheckedContinuation<TransferResult, Never>

    /// Resumes the caller with `error` without starting the transfer.
    func fail(_ error: UpstreamError) {
        continuation.resume(returning: .failure(error))
    }
}

/// The pointer to a `CURLM` handle, shared with callers only for `curl_multi_wakeup`.
///
/// It is `@unchecked` because libcurl documents `curl_multi_wakeup` as the one multi-handle
/// call that is safe from any thread. Every other call on the handle stays on the loop thread.
struct MultiHandle: @unchecked Sendable {
    /// The `CURLM *`.
    let pointer: UnsafeMutableRawPointer
}

/// The locked hand-over between callers of `UpstreamClient` and its loop thread.
///
/// Callers append work and wake the loop with `curl_multi_wakeup`; the loop takes everything
/// at once before each `curl_multi_perform`. Once stopped, the queue starts nothing more and
/// never wakes the multi handle again, so the loop may clean the handle up.
final class TransferQueue: Sendable {
    /// The work that the loop takes in one go.
    struct Batch {
        var submitted: [SubmittedTransfer] = []
        var cancelled: [UInt64] = []
        var stopping = false
    }

    private struct State {
        var batch = Batch()
        // Set by the wake-up a caller sends and cleared by the loop's next take, so that a
        // burst of submissions costs one wake-up.
        var wakeupPending = false
    }

    private let multi: MultiHandle
    private let state = Mutex(State())
    private let lastID = Atomic<UInt64>(0)

    /// Creates a queue that wakes `multi`.
    init(multi: MultiHandle) {
        self.multi = multi
    }

    /// Returns a ticket that no earlier call of this queue returned.
    func makeID() -> UInt64 {
        lastID.add(1, ordering: .relaxed).newValue
    }

    /// Hands `transfer` to the loop, or fails it at once when the queue has stopped or the
    /// calling task is already cancelled.
    ///
    /// The cancellation check shares the lock with `cancel`, so a cancellation is never lost
    /// between the check and the hand-over.
    func submit(_ transfer: SubmittedTransfer) {
        let rejection: UpstreamError? = state.withLock { state in
            if state.batch.stopping {
                return .clientShutDown
            }
            if Task.isCancelled {
                return .callCancelled
            }
            state.batch.submitted.append(transfer)
            wakeUp(&state)
            return nil
        }
        if let rejection {
            transfer.fail(rejection)
        }
    }

    /// Cancels the transfer with ticket `id`: at once when the loop has not taken it yet,
    /// else by asking the loop to abort it.
    func cancel(_ id: UInt64) {
        let removed: SubmittedTransfer? = state.withLock { state in
            if let index = state.batch.submitted.firstIndex(where: { $0.id == id }) {
                return state.batch.submitted.remove(at: index)
            }
            if !state.batch.stopping {
                state.batch.cancelled.append(id)
                wakeUp(&state)
            }
            return nil
        }
        removed?.fail(.callCancelled)
    }

    /// Tells the loop to fail everything and end; later submissions fail at once.
    func stop() {
        state.withLock { state in
            guard !state.batch.stopping else { return }
            state.batch.stopping = true
            wakeUp(&state)
        }
    }

    /// Takes everything submitted and cancelled since the last take; called by the loop only.
    func take() -> Batch {
        state.withLock { state in
            let batch = state.batch
            state.batch = Batch(stopping: batch.stopping)
            state.wakeupPending = false
            return batch
        }
    }

    /// Wakes the loop's `curl_multi_poll`. Called with the lock held: the loop cleans up the
    /// multi handle only after it has taken a stopping batch, and no wake-up follows that.
    private func wakeUp(_ state: inout State) {
        guard !state.wakeupPending else { return }
        state.wakeupPending = true
        curl_multi_wakeup(multi.pointer)
    }
}

extension UpstreamError {
    /// The failure of a call that the client's shutdown ended.
    static let clientShutDown = UpstreamError(
        kind: .shutDown, detail: "the upstream client was shut down")

    /// Returns the failure of a call that the loop ended at its deadline of `timeout`.
    static func deadlinePassed(_ timeout: Duration) -> UpstreamError {
        UpstreamError(
            kind: .timedOut, curlCode: Int(CURLE_OPERATION_TIMEDOUT.rawValue),
            detail: "timed out after \(timeout.roundedUpMilliseconds) milliseconds, possibly"
                + " while waiting for a free connection")
    }

    /// The failure of a call whose task was cancelled.
    static let callCancelled = UpstreamError(
        kind: .cancelled, detail: "the calling task was cancelled")
}
