import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The watchdog's record of one open connection: its socket and its `RequestClock`.
///
/// Safety invariant: the socket is shut down only under the lock and only while `isClosed`
/// is false. libmicrohttpd reports a connection closed (`MHD_CONNECTION_NOTIFY_CLOSED`) before
/// it closes the socket, and `markClosed()` takes the same lock, so the watchdog never touches
/// a socket number that the kernel has already handed to a newer connection.
final class WatchedConnection: Sendable {
    private struct State {
        var clock: RequestClock
        var isClosed = false
    }

    /// The connection's socket.
    let socket: Int32
    private let state: Mutex<State>

    /// Creates the state of a connection accepted at `openedAt` on `socket`.
    init(socket: Int32, openedAt: ContinuousClock.Instant, timeouts: ReceiveTimeouts) {
        self.socket = socket
        let clock = RequestClock(
            openedAt: openedAt, headerTimeout: timeouts.header, bodyTimeout: timeouts.body)
        state = Mutex(State(clock: clock))
    }

    /// The clock's state, for tests.
    var clockState: RequestClock.State {
        state.withLock { $0.clock.state }
    }

    /// Records that a request line is complete.
    func requestLineArrived() {
        let now = ContinuousClock.now
        state.withLock { $0.clock.requestLineArrived(at: now) }
    }

    /// Records that a head is complete.
    func headArrived() {
        let now = ContinuousClock.now
        state.withLock { $0.clock.headArrived(at: now) }
    }

    /// Records that a whole request is in, or that a response was queued before its end.
    func requestArrived() {
        state.withLock { $0.clock.requestArrived() }
    }

    /// Records that a request completed.
    func requestCompleted() {
        let now = ContinuousClock.now
        state.withLock { $0.clock.requestCompleted(at: now) }
    }

    /// The instant the connection went idle between requests, or nil while it is not idle.
    var idleSince: ContinuousClock.Instant? {
        state.withLock { state in
            guard !state.isClosed, case .idle(let since) = state.clock.state else { return nil }
            return since
        }
    }

    /// Shuts the connection down if it is still idle and no byte of a next request has come
    /// since; returns whether it did. A connection with bytes in flight is left to the header
    /// timeout, so a request that is arriving is never dropped.
    func closeIfIdle() -> Bool {
        state.withLock { state in
            guard !state.isClosed, case .idle(let since) = state.clock.state else { return false }
            let milliseconds = cmhd_ms_since_data_received(socket)
            if milliseconds >= 0 && ContinuousClock.now - .milliseconds(milliseconds) > since {
                return false
            }
            shutdown(socket, Int32(SHUT_RDWR))
            return true
        }
    }

    /// Marks the connection closed, so that its socket is never touched again.
    func markClosed() {
        state.withLock { $0.isClosed = true }
    }

    /// Cuts the connection when its timeout passed at `now`; returns whether it did.
    ///
    /// A plain HTTP connection first gets a 408 response written straight to the socket.
    /// libmicrohttpd writes nothing while it waits for a request, so the bytes cannot mix
    /// with its own. Over TLS raw bytes would break the stream, so no 408 is sent there. Shutting
    /// the socket down in both directions makes libmicrohttpd's next read fail, and it then
    /// closes the connection and completes its request as on any client error.
    func cutIfExpired(at now: ContinuousClock.Instant, sendsTimeoutResponse: Bool) -> Bool {
        state.withLock { state in
            guard !state.isClosed else { return false }
            let expired = state.clock.checkExpired(at: now) {
                let milliseconds = cmhd_ms_since_data_received(socket)
                return milliseconds < 0 ? nil : now - .milliseconds(milliseconds)
            }
            guard expired else { return false }
            if sendsTimeoutResponse {
                Self.timeoutResponse.withUnsafeBytes { bytes in
                    _ = send(
                        socket, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
                }
            }
            shutdown(socket, Int32(SHUT_RDWR))
            return true
        }
    }

    private static let timeoutResponse = Array(
        "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8)
}

/// The header and body timeouts of an `HTTPServer`.
struct ReceiveTimeouts: Sendable {
    /// The time a head may take, or nil for no limit.
    var header: Duration?
    /// The time a body may take after its head, or nil for no limit.
    var body: Duration?

    /// Whether any timeout is set, so that the watchdog must run.
    var isEnabled: Bool { header != nil || body != nil }
}
