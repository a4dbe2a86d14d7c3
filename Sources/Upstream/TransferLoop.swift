import CCurl
import Glibc

/// The owner of the multi handle: it runs on its own thread, starts what callers submit, drives
/// libcurl, and resumes each caller when its transfer is done.
///
/// Nothing here is thread-safe, and nothing needs to be: after `run()` starts, only the loop
/// thread touches this object and the multi handle, except `curl_multi_wakeup`.
final class TransferLoop {
    /// How long one `curl_multi_poll` may wait when no transfer is due, in milliseconds. libcurl
    /// shortens the wait for its own timers, and a wake-up ends it, so this only bounds how
    /// often an idle loop wakes.
    private static let idlePollMilliseconds: Int32 = 1000

    private let multi: MultiHandle
    private let queue: TransferQueue
    private let configuration: UpstreamClientConfiguration
    private var active: [UInt64: Transfer] = [:]
    // No active transfer has a deadline before this one; nil when there is none.
    private var earliestDeadline: ContinuousClock.Instant?

    /// Creates the loop of `multi`, fed by `queue`.
    init(multi: MultiHandle, queue: TransferQueue, configuration: UpstreamClientConfiguration) {
        self.multi = multi
        self.queue = queue
        self.configuration = configuration
    }

    /// Runs until the queue stops, then fails what is left and cleans up the multi handle.
    func run() {
        while true {
            let batch = queue.take()
            if batch.stopping {
                stop(failing: batch.submitted)
                return
            }
            batch.submitted.forEach(start)
            for id in batch.cancelled {
                abort(id, with: .callCancelled)
            }

            var running: Int32 = 0
            // A failure here concerns the multi handle as a whole; every transfer still
            // reports its own outcome through curl_multi_info_read.
            _ = curl_multi_perform(multi.pointer, &running)
            collectFinished()
            expireOverdue()

            let pollCode = curl_multi_poll(multi.pointer, nil, 0, pollMilliseconds(), nil)
            if pollCode != CURLM_OK {
                abortAll(with: UpstreamError(multiCode: pollCode, call: "curl_multi_poll"))
                // A multi handle that fails every poll would otherwise keep a core busy.
                usleep(10_000)
            }
        }
    }

    /// Makes a transfer of `submitted` and adds it to the multi handle, or fails the caller.
    ///
    /// Each transfer gets a new easy handle, because a free list of reset handles would save
    /// only about 2 microseconds per call. 100,000 rounds of curl_easy_init plus
    /// curl_easy_cleanup took 0.23 s, and 100,000 of curl_easy_reset took 0.05 s. The client
    /// finished one loopback call per 93 microseconds (16,000 calls from 16 tasks to the tests'
    /// fake server). Both were measured in a debug build on a shared 2-core Debian 12 machine.
    private func start(_ submitted: SubmittedTransfer) {
        guard
            let transfer = Transfer(
                id: submitted.id, timeout: submitted.request.timeout,
                maxResponseBytes: configuration.maxResponseBytes,
                continuation: submitted.continuation)
        else {
            submitted.fail(UpstreamError(kind: .other, detail: "curl_easy_init failed"))
            return
        }
        do {
            try transfer.configure(for: submitted.request, configuration: configuration)
        } catch {
            transfer.fail(error)
            return
        }
        let code = curl_multi_add_handle(multi.pointer, transfer.handle)
        guard code == CURLM_OK else {
            transfer.fail(UpstreamError(multiCode: code, call: "curl_multi_add_handle"))
            return
        }
        active[transfer.id] = transfer
        earliestDeadline = min(earliestDeadline ?? transfer.deadline, transfer.deadline)
    }

    /// Fails every transfer past its deadline that libcurl has not ended itself.
    ///
    /// libcurl 7.88 applies CURLOPT_TIMEOUT_MS only once a transfer has a connection, so a
    /// transfer queued behind CURLMOPT_MAX_HOST_CONNECTIONS would wait past its deadline.
    private func expireOverdue() {
        let now = ContinuousClock.now
        guard let earliest = earliestDeadline, earliest <= now else { return }
        earliestDeadline = nil
        for transfer in Array(active.values) {
            if transfer.deadline <= now {
                abort(transfer.id, with: .deadlinePassed(transfer.timeout))
            } else {
                earliestDeadline = min(earliestDeadline ?? transfer.deadline, transfer.deadline)
            }
        }
    }

    /// Returns how long the next curl_multi_poll may wait: until the earliest deadline,
    /// rounded up to whole milliseconds, and at most `idlePollMilliseconds`.
    private func pollMilliseconds() -> Int32 {
        guard let earliest = earliestDeadline else { return Self.idlePollMilliseconds }
        let remaining = max(.zero, earliest - .now).roundedUpMilliseconds
        return Int32(min(remaining, Int(Self.idlePollMilliseconds)))
    }

    /// Resumes the caller of every transfer that libcurl reports as done.
    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi.pointer, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle
            else { continue }
            // The message is freed by curl_multi_remove_handle, so read it first.
            let code = message.pointee.data.result
            var pointer: UnsafeMutableRawPointer?
            _ = ccurl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &pointer)
            guard let pointer else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(pointer).takeUnretainedValue()
            curl_multi_remove_handle(multi.pointer, handle)
            active[transfer.id] = nil
            transfer.finish(code: code)
        }
    }

    /// Removes the transfer with ticket `id`, if still running, and fails its caller.
    private func abort(_ id: UInt64, with error: UpstreamError) {
        guard let transfer = active.removeValue(forKey: id) else { return }
        curl_multi_remove_handle(multi.pointer, transfer.handle)
        transfer.fail(error)
    }

    private func abortAll(with error: UpstreamError) {
        for id in Array(active.keys) {
            abort(id, with: error)
        }
    }

    /// Fails every caller, running or not yet started, and cleans up the multi handle.
    private func stop(failing submitted: [SubmittedTransfer]) {
        for transfer in submitted {
            transfer.fail(.clientShutDown)
        }
        abortAll(with: .clientShutDown)
        curl_multi_cleanup(multi.pointer)
    }
}
