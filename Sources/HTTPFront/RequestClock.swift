/// The timing state of one connection: which request part it is waiting for, since when, and
/// whether the header or body timeout has passed.
///
/// A value with no clock of its own: the caller passes the time of each event, so tests can
/// drive it without sleeping.
///
/// Semantics, the same for the first request and for later ones on a kept-alive connection:
/// - The head must be complete within `headerTimeout` of its start. For the first request the
///   start is the accept. For a later request it is the arrival of its first byte. Because
///   libmicrohttpd does not report that, the watchdog reads it from the kernel (`TCP_INFO`)
///   at each tick, or takes the moment the request line is complete if that comes first.
/// - The body must be complete within `bodyTimeout` of the head's completion.
/// - Between requests the connection is idle and only the idle timeout applies, which
///   libmicrohttpd enforces.
/// - While the handler runs and the response is sent, no timeout applies.
struct RequestClock: Equatable {
    /// The request part the connection is waiting for.
    enum State: Equatable {
        /// The head of a request, which started at `since`.
        case receivingHead(since: ContinuousClock.Instant)
        /// The body of a request whose head was complete at `since`.
        case receivingBody(since: ContinuousClock.Instant)
        /// The next request; the previous one completed at `since`.
        case idle(since: ContinuousClock.Instant)
        /// Nothing: the whole request is in and its response is on its way.
        case processing
        /// Nothing ever again: the watchdog cut the connection.
        case cut
    }

    /// Bytes seen up to this long after a request completed are taken as part of it, because
    /// the kernel stamps data arrival in scheduler ticks (1 to 10 ms).
    static let idleSlack = Duration.milliseconds(50)

    /// The time a head may take, or nil for no limit.
    let headerTimeout: Duration?
    /// The time a body may take after its head, or nil for no limit.
    let bodyTimeout: Duration?
    /// The current state.
    private(set) var state: State

    /// Creates the clock of a connection accepted at `openedAt`, waiting for its first head.
    init(openedAt: ContinuousClock.Instant, headerTimeout: Duration?, bodyTimeout: Duration?) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        state = .receivingHead(since: openedAt)
    }

    /// Records that a request line is complete; an idle connection starts its header clock.
    mutating func requestLineArrived(at now: ContinuousClock.Instant) {
        if case .idle = state { state = .receivingHead(since: now) }
    }

    /// Records that a head is complete, which starts the body clock.
    mutating func headArrived(at now: ContinuousClock.Instant) {
        guard state != .cut else { return }
        state = .receivingBody(since: now)
    }

    /// Records that a whole request is in, or that a response was queued early.
    mutating func requestArrived() {
        guard state != .cut else { return }
        state = .processing
    }

    /// Records that a request's response is sent, or that the request ended otherwise.
    mutating func requestCompleted(at now: ContinuousClock.Instant) {
        guard state != .cut else { return }
        state = .idle(since: now)
    }

    /// Returns whether the connection must be cut at `now`, and if so records the cut.
    ///
    /// `lastDataArrival` returns when the kernel last received data on the socket. It is
    /// called only while the connection is idle, because it costs a system call.
    mutating func checkExpired(
        at now: ContinuousClock.Instant, lastDataArrival: () -> ContinuousClock.Instant?
    ) -> Bool {
        if case .idle(let since) = state, let arrival = lastDataArrival(),
            arrival > since + Self.idleSlack
        {
            state = .receivingHead(since: arrival)
        }
        let expired: Bool
        switch state {
        case .receivingHead(let since): expired = headerTimeout.map { now - since > $0 } ?? false
        case .receivingBody(let since): expired = bodyTimeout.map { now - since > $0 } ?? false
        case .idle, .processing, .cut: expired = false
        }
        if expired { state = .cut }
        return expired
    }
}
