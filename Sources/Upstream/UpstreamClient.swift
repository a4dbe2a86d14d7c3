import CCurl
import Glibc
import Synchronization

/// An HTTP client for upstream calls, built on one libcurl multi handle.
///
/// One thread owns the multi handle and runs every transfer, so that a call in flight costs
/// a few kilobytes instead of a thread. Connections are kept open and reused for later calls
/// to the same host, up to the configured limits.
public final class UpstreamClient: Sendable {
    private let queue: TransferQueue
    // The loop thread until `shutdown` has joined it.
    private let thread: Mutex<pthread_t?>

    /// Starts the client's thread.
    ///
    /// Throws `invalidConfiguration` for a value out of its range, and `other` when libcurl or
    /// the thread cannot start.
    public init(configuration: UpstreamClientConfiguration = .init()) throws(UpstreamError) {
        try configuration.validate()
        try CurlGlobal.initialize()
        let multi = try Self.makeMultiHandle(configuration)
        let queue = TransferQueue(multi: multi)
        let loop = TransferLoop(multi: multi, queue: queue, configuration: configuration)
        do {
            thread = Mutex(try LoopThread.start(loop))
        } catch {
            curl_multi_cleanup(multi.pointer)
            throw error
        }
        self.queue = queue
    }

    deinit {
        shutdown()
    }

    /// Sends `request` and returns the response of any HTTP status, or throws the reason
    /// that no complete response arrived. Cancelling the calling task aborts the transfer
    /// and throws `cancelled`.
    public func send(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
        try request.validate()
        let queue = self.queue
        let id = queue.makeID()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.submit(
                    SubmittedTransfer(id: id, request: request, continuation: continuation))
            }
        } onCancel: {
            queue.cancel(id)
        }
        return try result.get()
    }

    /// Stops the thread after failing every pending call with `shutDown`; later calls fail at
    /// once. A second call does nothing, and returns once the first has stopped the thread.
    public func shutdown() {
        queue.stop()
        thread.withLock { thread in
            guard let running = thread else { return }
            thread = nil
            if pthread_equal(running, pthread_self()) != 0 {
                pthread_detach(running)
            } else {
                pthread_join(running, nil)
            }
        }
    }

    private static func makeMultiHandle(
        _ configuration: UpstreamClientConfiguration
    ) throws(UpstreamError) -> MultiHandle {
        guard let pointer = curl_multi_init() else {
            throw UpstreamError(kind: .other, detail: "curl_multi_init failed")
        }
        let options = [
            (CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost),
            (CURLMOPT_MAXCONNECTS, configuration.maxCachedConnections),
        ]
        for (option, value) in options {
            let code = ccurl_multi_setopt_long(pointer, option, value)
            guard code == CURLM_OK else {
                curl_multi_cleanup(pointer)
                throw UpstreamError(multiCode: code, call: "curl_multi_setopt")
            }
        }
        return MultiHandle(pointer: pointer)
    }
}
