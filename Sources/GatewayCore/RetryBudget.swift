/// A cap on the retries to one region, as a share of the calls that it received recently.
///
/// When Navixy struggles, every call that fails and retries multiplies the load on it. Like
/// Envoy's retry budget, this one allows retries only while they stay under `ratio` of the
/// calls, with a floor of `minRetries` so that a quiet region can still retry. Envoy compares
/// retries with the requests in flight. This budget counts the calls and retries that started
/// within the last `window`, as Linkerd's does, so a call that never reports back cannot hold a
/// share forever.
///
/// The window is kept as `bucketCount` buckets, so old events leave it in steps of a tenth of
/// the window. The caller owns the clock and passes the time of each event.
public struct RetryBudget: Sendable {
    /// The budget's configuration.
    public struct Settings: Hashable, Sendable {
        /// Maximum retries as a share of the calls in the window. Default 0.2, valid 0 to 1.
        public let ratio: Double
        /// Minimum retries allowed in the window, whatever the ratio gives. Default 3, valid 0
        /// to 1000.
        public let minRetries: Int
        /// The span of recent events that count. Default 10 s, valid 1 s to 10 min.
        public let window: Duration

        /// The settings with every value at its default.
        public static let `default` = Settings()!

        /// Creates settings, or returns nil when a value is outside its valid range.
        public init?(ratio: Double = 0.2, minRetries: Int = 3, window: Duration = .seconds(10)) {
            guard (0...1).contains(ratio), (0...1000).contains(minRetries),
                (Duration.seconds(1)...Duration.seconds(600)).contains(window)
            else { return nil }
            self.ratio = ratio
            self.minRetries = minRetries
            self.window = window
        }
    }

    /// The number of buckets that the window is split into.
    public static let bucketCount = 10

    private struct Bucket: Sendable {
        var index: Int64 = -1
        var calls = 0
        var retries = 0
    }

    /// The budget's configuration.
    public let settings: Settings
    private var origin: ContinuousClock.Instant?
    private var newestIndex: Int64 = 0
    private var buckets = [Bucket](repeating: Bucket(), count: RetryBudget.bucketCount)

    /// Creates an empty budget.
    public init(settings: Settings = .default) {
        self.settings = settings
    }

    /// Records a call's first attempt at `now`.
    public mutating func recordCall(at now: ContinuousClock.Instant) {
        let slot = currentSlot(at: now)
        buckets[slot].calls += 1
    }

    /// Takes one retry from the budget at `now` and returns true, or returns false when the
    /// retries in the window have reached the limit.
    public mutating func acquireRetry(at now: ContinuousClock.Instant) -> Bool {
        let slot = currentSlot(at: now)
        let (calls, retries) = totals(upTo: buckets[slot].index)
        guard retries < retryLimit(calls: calls) else { return false }
        buckets[slot].retries += 1
        return true
    }

    /// Returns the maximum retries that the window allows with `calls` calls in it.
    public func retryLimit(calls: Int) -> Int {
        max(settings.minRetries, Int(settings.ratio * Double(calls)))
    }

    /// Returns the slot of the bucket that covers `now`, emptied first when it last held an
    /// older bucket.
    ///
    /// An event older than the newest one seen counts in the newest bucket, because its own
    /// bucket may already be reused for a later span.
    private mutating func currentSlot(at now: ContinuousClock.Instant) -> Int {
        let start = origin ?? now
        origin = start
        let width = max(settings.window.clampedNanoseconds / Int64(Self.bucketCount), 1)
        let index = max((now - start).clampedNanoseconds / width, newestIndex)
        newestIndex = index
        let slot = Int(index % Int64(Self.bucketCount))
        if buckets[slot].index != index {
            buckets[slot] = Bucket(index: index)
        }
        return slot
    }

    /// Sums the buckets that are still inside the window ending with bucket `newest`.
    private func totals(upTo newest: Int64) -> (calls: Int, retries: Int) {
        let oldest = newest - Int64(Self.bucketCount) + 1
        var calls = 0
        var retries = 0
        for bucket in buckets where bucket.index >= oldest && bucket.index <= newest {
            calls += bucket.calls
            retries += bucket.retries
        }
        return (calls, retries)
    }
}
