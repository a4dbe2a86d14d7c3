/// A circuit breaker for the calls to one region, as a value that takes events.
///
/// While closed, it lets every call through and counts consecutive failed calls. At
/// `failureThreshold` it opens and rejects calls for `openDuration`. Then it turns half-open:
/// up to `halfOpenProbes` calls may run at once as probes. That many successes close the
/// circuit, and one failure opens it again.
///
/// The caller records each call once, after its retries, as `CallResult` classifies it: a call
/// that Navixy rejected shows that Navixy works, and a rate-limited one shows nothing either
/// way. The caller also owns the clock and passes the time of each event. Results that arrive
/// while the circuit is open come from calls allowed earlier and are ignored.
public struct CircuitBreaker: Sendable {
    /// The breaker's configuration.
    public struct Settings: Hashable, Sendable {
        /// Consecutive failed calls that open the circuit. Default 5, valid 1 to 1000.
        public let failureThreshold: Int
        /// Time the circuit stays open before it allows probes. Default 10 s, valid 1 ms to
        /// 1 hour.
        public let openDuration: Duration
        /// Probes allowed in flight at once while half-open, and the successes that close the
        /// circuit. Default 3, valid 1 to 100.
        public let halfOpenProbes: Int

        /// The settings with every value at its default.
        public static let `default` = Settings()!

        /// Creates settings, or returns nil when a value is outside its valid range.
        public init?(
            failureThreshold: Int = 5, openDuration: Duration = .seconds(10),
            halfOpenProbes: Int = 3
        ) {
            guard (1...1000).contains(failureThreshold), (1...100).contains(halfOpenProbes),
                (Duration.milliseconds(1)...Duration.seconds(3600)).contains(openDuration)
            else { return nil }
            self.failureThreshold = failureThreshold
            self.openDuration = openDuration
            self.halfOpenProbes = halfOpenProbes
        }
    }

    /// The breaker's state, for metrics and logs.
    public enum State: String, Hashable, Sendable {
        case closed
        case open
        case halfOpen = "half_open"
    }

    private enum Phase: Sendable {
        case closed(failures: Int)
        case open(until: ContinuousClock.Instant)
        case halfOpen(inFlight: Int, successes: Int, lastProbe: ContinuousClock.Instant)
    }

    /// The breaker's configuration.
    public let settings: Settings
    private var phase: Phase = .closed(failures: 0)

    /// Creates a closed breaker.
    public init(settings: Settings = .default) {
        self.settings = settings
    }

    /// The state after the last event. An open circuit whose time is up stays `open` until the
    /// next `permit(at:)`.
    public var state: State {
        switch phase {
        case .closed: return .closed
        case .open: return .open
        case .halfOpen: return .halfOpen
        }
    }

    /// Decides whether a call may start at `now`, and counts it as a probe when half-open.
    ///
    /// A probe that never reports back would block the half-open circuit forever, so once
    /// `openDuration` has passed since the last probe started, the probes in flight are taken
    /// as lost and new ones are allowed.
    public mutating func permit(at now: ContinuousClock.Instant) -> CircuitPermit {
        switch phase {
        case .closed:
            return .allowed
        case .open(let until):
            guard now >= until else { return .rejected(retryAfter: until - now) }
            phase = .halfOpen(inFlight: 1, successes: 0, lastProbe: now)
            return .allowed
        case .halfOpen(let inFlight, let successes, let lastProbe):
            let probesLost = now - lastProbe >= settings.openDuration
            let running = probesLost ? 0 : inFlight
            guard running < settings.halfOpenProbes else {
                return .rejected(retryAfter: lastProbe + settings.openDuration - now)
            }
            phase = .halfOpen(inFlight: running + 1, successes: successes, lastProbe: now)
            return .allowed
        }
    }

    /// Records a call that succeeded at `now`.
    public mutating func recordSuccess(at now: ContinuousClock.Instant) {
        switch phase {
        case .closed:
            phase = .closed(failures: 0)
        case .open:
            break
        case .halfOpen(let inFlight, let successes, let lastProbe):
            if successes + 1 >= settings.halfOpenProbes {
                phase = .closed(failures: 0)
            } else {
                phase = .halfOpen(
                    inFlight: max(inFlight - 1, 0), successes: successes + 1, lastProbe: lastProbe)
            }
        }
    }

    /// Records a call that failed at `now`, which opens the circuit at the threshold or when
    /// half-open.
    public mutating func recordFailure(at now: ContinuousClock.Instant) {
        switch phase {
        case .closed(let failures):
            if failures + 1 >= settings.failureThreshold {
                phase = .open(until: now + settings.openDuration)
            } else {
                phase = .closed(failures: failures + 1)
            }
        case .open:
            break
        case .halfOpen:
            phase = .open(until: now + settings.openDuration)
        }
    }

    /// Records a call that shows nothing about the region's health at `now`. It keeps the
    /// count of consecutive failures, and frees its probe slot when half-open.
    public mutating func recordInconclusive(at now: ContinuousClock.Instant) {
        guard case .halfOpen(let inFlight, let successes, let lastProbe) = phase else { return }
        phase = .halfOpen(
            inFlight: max(inFlight - 1, 0), successes: successes, lastProbe: lastProbe)
    }
}
