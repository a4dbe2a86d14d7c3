import Foundation

/// The facts one call gathers on its way, for its access log line.
///
/// Only the task handling the call writes to it, and the access line reads it after that
/// task is done, so a lock is enough and never contended.
final class CallTrace: @unchecked Sendable {
    /// The id echoed to the caller and sent upstream.
    let requestID: String
    /// When the gateway started handling the call, on the monotonic clock.
    let startedAt: ContinuousClock.Instant
    /// The deadline the caller asked for with `X-Request-Timeout-Ms`, if any.
    let requestedTimeout: Duration?
    private let lock = NSLock()
    private var _region: String?
    private var _upstreamAttempts = 0
    private var _upstreamStatus: Int?

    init(
        requestID: String, requestedTimeout: Duration? = nil,
        startedAt: ContinuousClock.Instant = .now
    ) {
        self.requestID = requestID
        self.requestedTimeout = requestedTimeout
        self.startedAt = startedAt
    }

    /// The region of the subject's session, once it is loaded.
    var region: String? {
        get { lock.withLock { _region } }
        set { lock.withLock { _region = newValue } }
    }

    /// How many attempts were sent upstream.
    var upstreamAttempts: Int {
        get { lock.withLock { _upstreamAttempts } }
        set { lock.withLock { _upstreamAttempts = newValue } }
    }

    /// The HTTP status of the last upstream response, if any came.
    var upstreamStatus: Int? {
        get { lock.withLock { _upstreamStatus } }
        set { lock.withLock { _upstreamStatus = newValue } }
    }

    /// Milliseconds since `startedAt`, rounded to microseconds.
    var elapsedMilliseconds: Double {
        let elapsed = ContinuousClock.now - startedAt
        let microseconds =
            elapsed.components.seconds * 1_000_000
            + elapsed.components.attoseconds / 1_000_000_000_000
        return Double(microseconds) / 1000
    }
}
