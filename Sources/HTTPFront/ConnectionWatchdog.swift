import Dispatch
import Synchronization

/// Tracks every open connection and cuts the ones that pass their header or body timeout,
/// which libmicrohttpd 0.9.75 lacks: its only timeout counts inactivity, so a client that
/// sends one byte every few seconds keeps a connection slot forever.
///
/// libmicrohttpd reports each connection's start and end (`MHD_OPTION_NOTIFY_CONNECTION`); a
/// timer on a queue of its own checks every connection's `RequestClock` at each tick. Worker
/// threads touch only their connection's lock, and the registry lock only when a connection
/// opens or closes, never per request.
final class ConnectionWatchdog: Sendable {
    private let timeouts: ReceiveTimeouts
    private let sendsTimeoutResponse: Bool
    private let maxConnections: Int
    private let connections = Mutex<[ObjectIdentifier: WatchedConnection]>([:])
    private let timer = Mutex<TimerHandle?>(nil)
    /// Connections that libmicrohttpd has opened and not yet closed.
    let openConnections = Atomic<Int>(0)
    /// Connections cut because a timeout passed.
    let cutConnections = Atomic<Int>(0)
    /// Idle keep-alive connections closed to make room at the connection limit.
    let reclaimedConnections = Atomic<Int>(0)

    /// Creates a watchdog enforcing `timeouts`; over TLS it sends no 408 before cutting. At
    /// `maxConnections` open connections, it closes the longest-idle keep-alive ones.
    init(timeouts: ReceiveTimeouts, isTLS: Bool, maxConnections: Int = .max) {
        self.timeouts = timeouts
        self.sendsTimeoutResponse = !isTLS
        self.maxConnections = maxConnections
    }

    /// Registers a connection accepted on `socket` and returns its state.
    func connectionOpened(socket: Int32) -> WatchedConnection {
        let watched = WatchedConnection(
            socket: socket, openedAt: .now, timeouts: timeouts)
        connections.withLock { $0[ObjectIdentifier(watched)] = watched }
        openConnections.add(1, ordering: .relaxed)
        return watched
    }

    /// Forgets a connection that libmicrohttpd is closing.
    func connectionClosed(_ watched: WatchedConnection) {
        watched.markClosed()
        connections.withLock { $0[ObjectIdentifier(watched)] = nil }
        openConnections.subtract(1, ordering: .relaxed)
    }

    /// Starts the periodic check when a timeout is set. The tick is a fifth of the shortest
    /// timeout, between 10 and 250 ms, so a connection is cut at most that late.
    func start() {
        let shortest = [timeouts.header, timeouts.body].compactMap { $0 }.min()
        guard let shortest else { return }
        let tick = min(max(shortest / 5, .milliseconds(10)), .milliseconds(250))
        let (seconds, attoseconds) = tick.components
        let interval = DispatchTimeInterval.milliseconds(
            Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        let source = DispatchSource.makeTimerSource(
            queue: DispatchQueue(label: "HTTPFront.ConnectionWatchdog"))
        source.schedule(deadline: .now() + interval, repeating: interval)
        source.setEventHandler { [weak self] in self?.sweep(at: .now) }
        let handle = TimerHandle(source: source)
        timer.withLock { $0 = handle }
        source.resume()
    }

    /// Stops the periodic check; safe to call more than once.
    func stop() {
        let handle = timer.withLock { $0.take() }
        handle?.source.cancel()
    }

    /// Cuts every connection whose timeout passed at `now`, then makes room when the
    /// connection limit is reached.
    func sweep(at now: ContinuousClock.Instant) {
        let snapshot = connections.withLock { Array($0.values) }
        for watched in snapshot
        where watched.cutIfExpired(at: now, sendsTimeoutResponse: sendsTimeoutResponse) {
            cutConnections.add(1, ordering: .relaxed)
        }
        if openConnections.load(ordering: .relaxed) >= maxConnections {
            reclaimIdleConnections(snapshot)
        }
    }

    /// Closes the longest-idle keep-alive connections, a sixteenth of the limit (at least one)
    /// per sweep. New connections wait in the kernel's backlog at the limit, so without this a
    /// client holding idle connections would lock every other client out, health probes
    /// included, until `idle_timeout` passes. HTTP/1.1 lets a server close an idle persistent
    /// connection at any time (RFC 9112, section 9.6), and clients then reconnect.
    private func reclaimIdleConnections(_ snapshot: [WatchedConnection]) {
        let idle = snapshot.compactMap { watched in watched.idleSince.map { (watched, $0) } }
            .sorted { $0.1 < $1.1 }
        let wanted = max(1, maxConnections / 16)
        var closed = 0
        for (watched, _) in idle where closed < wanted && watched.closeIfIdle() {
            closed += 1
        }
        reclaimedConnections.add(closed, ordering: .relaxed)
    }
}

/// A dispatch timer, which Dispatch lets any thread cancel although its type is not `Sendable`.
private struct TimerHandle: @unchecked Sendable {
    let source: any DispatchSourceTimer
}
