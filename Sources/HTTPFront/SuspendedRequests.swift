import CMicroHTTPD
import Synchronization

/// The requests whose connection is suspended while their handler task runs.
///
/// Safety invariant: a connection pointer is passed to `MHD_resume_connection` only while its
/// context is registered here, and only under the lock of the context's shard. A suspended
/// connection stays allocated, because libmicrohttpd neither times it out nor notices a peer
/// that leaves while it is suspended. `resumeAllForStop()` marks every shard as stopping,
/// resumes its connections and empties it, so once it returns no connection is suspended,
/// none will be, and `MHD_stop_daemon` may free them. A handler task that ends later finds
/// its context missing and touches nothing of libmicrohttpd; its own strong reference keeps
/// the context alive.
///
/// The set is split into shards, each with its own lock. Suspending and resuming happen
/// under the lock and both make system calls (`epoll_ctl`, an `eventfd` write), so a single
/// lock was contended by the worker threads and the handler tasks.
final class SuspendedRequests: Sendable {
    private final class Shard: Sendable {
        struct State {
            var stopping = false
            var contexts: [ObjectIdentifier: RequestContext] = [:]
        }

        let state = Mutex(State())
    }

    private static let shardCount = 16
    private let shards = (0..<SuspendedRequests.shardCount).map { _ in Shard() }

    /// Suspends `connection` and registers `context`; returns false, suspending nothing, once
    /// `resumeAllForStop()` has run.
    func suspend(_ context: RequestContext, on connection: OpaquePointer) -> Bool {
        shard(for: context).state.withLock { state in
            if state.stopping {
                return false
            }
            state.contexts[ObjectIdentifier(context)] = context
            MHD_suspend_connection(connection)
            return true
        }
    }

    /// Stores `response` in `context` and resumes its connection, unless the context is no
    /// longer registered because `resumeAllForStop()` resumed it already.
    func resume(_ context: RequestContext, with response: HTTPResponse) {
        shard(for: context).state.withLock { state in
            guard state.contexts.removeValue(forKey: ObjectIdentifier(context)) != nil,
                let connection = context.connection
            else {
                return
            }
            context.response.withLock { $0 = response }
            MHD_resume_connection(connection)
        }
    }

    /// Resumes every registered connection without a response and rejects later suspensions.
    func resumeAllForStop() {
        for shard in shards {
            shard.state.withLock { state in
                state.stopping = true
                for context in state.contexts.values {
                    if let connection = context.connection {
                        MHD_resume_connection(connection)
                    }
                }
                state.contexts.removeAll()
            }
        }
    }

    private func shard(for context: RequestContext) -> Shard {
        // Heap addresses are 16-byte aligned, so the low bits carry no information.
        let address = UInt(bitPattern: ObjectIdentifier(context).hashValue)
        return shards[Int((address >> 4) % UInt(Self.shardCount))]
    }
}
