import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The state the libmicrohttpd callbacks share: the handler, the limits, and the set of
/// suspended connections.
///
/// Safety invariant for suspended connections: a connection pointer is passed to
/// `MHD_resume_connection` only while its context is in `Registry.suspended`, and only under
/// the registry lock. A suspended connection stays allocated, because libmicrohttpd neither
/// times it out nor notices a peer that leaves while it is suspended. `stop()` resumes every
/// registered connection and empties the set under the lock before `MHD_stop_daemon` frees
/// any connection, and no connection is suspended once `stopping` is set. So a handler task
/// that ends after `stop()` finds its context missing from the set and touches nothing of
/// libmicrohttpd; its strong reference keeps the context itself alive.
final class ServerCore: Sendable {
    /// The connections waiting for a handler task, and whether the daemon is going away.
    struct Registry {
        var stopping = false
        var suspended: [ObjectIdentifier: RequestContext] = [:]
    }

    let handler: any HTTPHandler
    let maxBodyBytes: Int
    /// Bytes of an oversized body that are read and dropped before the connection is closed
    /// without an answer; libmicrohttpd 0.9.75 can only answer once the body has ended.
    let maxDiscardedBytes: Int
    private let registry = Mutex(Registry())
    private let daemon = Mutex<DaemonHandle?>(nil)
    /// The latest message libmicrohttpd logged, kept to explain a failed start.
    let lastLogMessage = Mutex<String?>(nil)
    /// Request contexts created and not yet released by the completion callback.
    let openRequests = Atomic<Int>(0)

    init(handler: any HTTPHandler, maxBodyBytes: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.maxDiscardedBytes = max(maxBodyBytes, 1 << 20)
    }

    /// Records the running daemon, so that `stop()` can end it.
    func adopt(daemon started: OpaquePointer) {
        let handle = DaemonHandle(pointer: started)
        daemon.withLock { $0 = handle }
    }

    /// Suspends `connection` and registers its context, unless the daemon is stopping.
    ///
    /// Returns false when stopping; the caller then closes the connection.
    func suspend(_ context: RequestContext, on connection: OpaquePointer) -> Bool {
        registry.withLock { registry in
            if registry.stopping {
                return false
            }
            registry.suspended[ObjectIdentifier(context)] = context
            MHD_suspend_connection(connection)
            return true
        }
    }

    /// Stores a handler task's answer and resumes the connection, unless `stop()` already
    /// resumed it.
    func deliver(_ response: HTTPResponse, to context: RequestContext) {
        registry.withLock { registry in
            guard registry.suspended.removeValue(forKey: ObjectIdentifier(context)) != nil,
                let connection = context.connection
            else {
                return
            }
            context.answer.withLock { $0 = response }
            MHD_resume_connection(connection)
        }
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

    /// Resumes every suspended connection without an answer, then stops the daemon.
    ///
    /// The daemon lock is held through `MHD_stop_daemon`, so a second caller returns only once
    /// the daemon is gone. Worker threads never take that lock.
    func stop() {
        daemon.withLock { daemon in
            guard let running = daemon?.pointer else { return }
            registry.withLock { registry in
                registry.stopping = true
                for context in registry.suspended.values {
                    if let connection = context.connection {
                        MHD_resume_connection(connection)
                    }
                }
                registry.suspended.removeAll()
            }
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
