import Foundation
import GatewayConfig
import GatewayCore
import GatewayLog
import Upstream

/// Sends one Navixy action to the endpoint of a region and classifies what came back, within
/// the call's deadline, with retries, a retry budget, a circuit breaker and a concurrency limit
/// per region.
///
/// `RetryPolicy` decides whether a retry would help and after how long. This type decides
/// whether it may happen now, since the budget and the deadline may forbid it, then sleeps and
/// makes the attempt. A call runs in this order: the region's circuit, the deadline, a slot of
/// the region's concurrency limit, then the attempts.
///
/// The deadline counts from `CallTrace.startedAt`, when the gateway started to handle the
/// request, so it bounds the caller's whole wait.
struct NavixyForwarder: Sendable {
    /// Maximum wait for a free slot of a region's concurrency limit before `503 overloaded`.
    static let maxQueueWait = Duration.milliseconds(100)
    /// Minimum time left before the deadline for an attempt to start. With less left, the call
    /// fails with `504 upstream_timeout` at once, because no response could arrive in time.
    static let minimumAttemptTime = Duration.milliseconds(10)
    /// `Retry-After` of a `503 overloaded` response, in seconds.
    static let overloadedRetryAfterSeconds = 1

    /// The sender of every attempt: `UpstreamClient`, or a script in tests.
    let transport: any UpstreamTransport
    /// The logger of retry and failure lines.
    let logger: Logger
    /// The receiver of attempt, retry, circuit and overload events, for metrics.
    let observer: any UpstreamObserver
    /// The time source of deadlines, backoff and the circuit breakers.
    let clock: any UpstreamClock
    /// The source of backoff jitter: each call returns 64 uniformly random bits.
    let random: @Sendable () -> UInt64
    private let regions: [String: UpstreamRegion]

    /// Creates a forwarder for `regions`, or throws when a region's settings are out of range.
    init(
        transport: any UpstreamTransport, regions: [String: RegionConfiguration], logger: Logger,
        observer: any UpstreamObserver = IgnoringUpstreamObserver(),
        clock: any UpstreamClock = SystemUpstreamClock(),
        random: @escaping @Sendable () -> UInt64 = {
            var generator = SystemRandomNumberGenerator()
            return generator.next()
        }
    ) throws(GatewayStartError) {
        var states: [String: UpstreamRegion] = [:]
        for (name, configuration) in regions {
            states[name] = try UpstreamRegion(name: name, configuration: configuration)
        }
        self.regions = states
        self.transport = transport
        self.logger = logger
        self.observer = observer
        self.clock = clock
        self.random = random
    }

    /// Calls `action` with `body` in `region` and returns Navixy's answer when it succeeded or
    /// when another attempt could not change it (such as code 4 or 7). Throws the caller's
    /// error when the call could not be made or its retries ran out.
    ///
    /// Navixy's error description may quote what it was sent, so `secrets` are masked in the
    /// descriptions that thrown errors carry.
    func call(
        _ action: NavixyAction, body: [UInt8], region: String, secrets: [String],
        trace: CallTrace
    ) async throws(GatewayError) -> NavixyOutcome {
        guard let state = regions[region] else {
            throw GatewayError.regionNotConfigured(region)
        }
        let context = CallContext(
            region: state, request: request(action, body: body, state: state, trace: trace),
            deadline: trace.startedAt + state.timeout(requested: trace.requestedTimeout),
            secrets: secrets, trace: trace)
        try admit(state)
        let ending = await runAdmitted(context)
        if let changed = state.record(ending.health, at: clock.now) {
            observer.circuitChanged(region: region, state: changed.rawValue)
        }
        return try ending.result.get()
    }

    /// Builds the attempt's request; `runAttempts` sets its timeout before each attempt.
    private func request(
        _ action: NavixyAction, body: [UInt8], state: UpstreamRegion, trace: CallTrace
    ) -> UpstreamRequest {
        UpstreamRequest(
            url: state.configuration.baseURL + "/" + action.path,
            body: body,
            headers: [
                ("Content-Type", "application/json"),
                ("X-Request-Id", trace.requestID),
            ],
            timeout: .milliseconds(state.configuration.timeoutMs),
            caFile: state.configuration.caFile)
    }

    /// Throws `circuit_open` when the region's breaker refuses the call.
    private func admit(_ state: UpstreamRegion) throws(GatewayError) {
        let (permit, changed) = state.permit(at: clock.now)
        if let changed {
            observer.circuitChanged(region: state.name, state: changed.rawValue)
        }
        if case .rejected(let retryAfter) = permit {
            throw GatewayError.circuitOpen(retryAfter: retryAfter)
        }
    }

    /// Takes a slot of the region's concurrency limit and runs the attempts, or answers
    /// `overloaded` when no slot freed up within `maxQueueWait`.
    ///
    /// The slot is held for the whole call, backoff included, so the limit bounds the calls in
    /// flight, and no retry ever waits for a slot.
    private func runAdmitted(_ context: CallContext) async -> CallEnding {
        let state = context.region
        let wait = min(Self.maxQueueWait, max(context.deadline - clock.now, .zero))
        guard await state.limit.acquire(waitingAtMost: wait, clock: clock) else {
            observer.overloaded(region: state.name)
            let error = GatewayError.overloaded(retryAfterSeconds: Self.overloadedRetryAfterSeconds)
            return CallEnding(result: .failure(error), health: .inconclusive)
        }
        defer { state.limit.release() }
        state.recordCall(at: clock.now)
        return await runAttempts(context)
    }
}
