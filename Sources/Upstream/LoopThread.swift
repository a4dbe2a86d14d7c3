import Glibc

/// Starts the POSIX thread that runs a `TransferLoop`.
///
/// A joinable `pthread` rather than Foundation's `Thread`, so that `shutdown` can wait until
/// the loop has cleaned up its multi handle.
enum LoopThread {
    /// Starts a thread running `loop.run()`; the thread owns `loop` from then on.
    static func start(_ loop: TransferLoop) throws(UpstreamError) -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(loop).toOpaque()
        let result = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<TransferLoop>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<TransferLoop>.fromOpaque(context).release()
            throw UpstreamError(
                kind: .other, detail: "pthread_create failed: \(String(cString: strerror(result)))")
        }
        return thread
    }
}
