import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The state the libmicrohttpd callbacks share: the handler, the limits, the suspended
/// requests and the connection watchdog.
final class ServerCore: Sendable {
    let handler: any HTTPHandler
    let maxHeaderBytes: Int
    let maxBodyBytes: Int
    /// The smallest body compressed for a client that accepts gzip, or nil for never.
    let gzipMinBytes: Int?
    /// Bytes of an oversized body that are read and dropped before the connection is closed
    /// without a response, because libmicrohttpd 0.9.75 can only respond once the body has
    /// ended.
    let maxDiscardedBytes: Int
    private let suspended = SuspendedRequests()
    private let daemon = Mutex<DaemonHandle?>(nil)
    /// The latest message libmicrohttpd logged, kept to explain a failed start.
    let lastLogMessage = Mutex<String?>(nil)
    /// Request contexts created and not yet released by the completion callback.
    let openRequests = Atomic<Int>(0)
    /// Whether responses close their connection, set once the server drains.
    let keepAliveDisabled = Atomic<Bool>(false)
    /// The open connections and their header and body timeouts.
    let watchdog: ConnectionWatchdog

    init(handler: any HTTPHandler, configuration: HTTPServerConfiguration) {
        self.handler = handler
        self.maxHeaderBytes = configuration.maxHeaderBytes
        self.maxBodyBytes = configuration.maxBodyBytes
        self.gzipMinBytes = configuration.gzipMinBytes
        self.maxDiscardedBytes = max(configuration.maxBodyBytes, 1 << 20)
        let timeouts = ReceiveTimeouts(
            header: configuration.headerTimeout, body: configuration.bodyTimeout)
        watchdog = ConnectionWatchdog(
            timeouts: timeouts, isTLS: configuration.tls != nil,
            maxConnections: configuration.maxConnections)
    }

    /// Records the running daemon, so that `stop()` can end it.
    func adopt(daemon started: OpaquePointer) {
        let handle = DaemonHandle(pointer: started)
        daemon.withLock { $0 = handle }
    }

    /// Suspends `connection` until the handler task delivers; returns false, suspending
    /// nothing, when the daemon is stopping, and the caller then closes the connection.
    func suspend(_ context: RequestContext, on connection: OpaquePointer) -> Bool {
        suspended.suspend(context, on: connection)
    }

    /// Hands a handler task's response to the suspended connection, unless `stop()` already
    /// closed it.
    func deliver(_ response: HTTPResponse, to context: RequestContext) {
        suspended.resume(context, with: response)
    }

    /// Stops accepting connections and closes the listening socket; open connections go on.
    ///
    /// Runs `MHD_quiesce_daemon` once only: libmicrohttpd 0.9.75 returns the same listening
    /// socket on every call, and closing it twice could close a socket opened meanwhile.
    func stopAccepting() {
        daemon.withLock { daemon in
            guard let running = daemon, !running.isQuiesced else { return }
            daemon?.isQuiesced = true
            let listener = MHD_quiesce_daemon(running.pointer)
            if listener >= 0 {
                close(listener)
            }
        }
    }

    /// Resumes every suspended connection without a response, then stops the daemon.
    ///
    /// The daemon lock is held through `MHD_stop_daemon`, so a second caller returns only once
    /// the daemon is gone. Worker threads never take that lock.
    func stop() {
        watchdog.stop()
        daemon.withLock { daemon in
            guard let running = daemon?.pointer else { return }
            // libmicrohttpd panics when stopped with a connection still suspended.
            suspended.resumeAllForStop()
            MHD_stop_daemon(running)
            daemon = nil
        }
    }
}

/// A running daemon. libmicrohttpd's daemon calls (`MHD_quiesce_daemon`, `MHD_stop_daemon`) may
/// come from any thread; `ServerCore` makes them one at a time.
struct DaemonHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Whether `MHD_quiesce_daemon` ran; libmicrohttpd then leaves the listening socket to us.
    var isQuiesced = false
}
