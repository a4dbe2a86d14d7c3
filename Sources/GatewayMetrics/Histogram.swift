import Synchronization

/// Observations counted into buckets by upper bound, such as request durations in seconds.
///
/// Each observation increments one bucket and adds to the sum, without a lock. The
/// exposition makes the buckets cumulative and takes the `+Inf` bucket as `_count`, so the
/// two always agree, although a scrape during an observation may see the sum of a moment
/// earlier or later than the buckets.
public final class Histogram: MetricSeries {
    /// `histogram`.
    public static let typeName = "histogram"
    /// The bucket upper bounds in increasing order, without `+Inf`.
    public let upperBounds: [Double]
    // One cell per bound plus the +Inf bucket; Atomic cannot live in an array directly.
    private let buckets: [AtomicCell]
    private let sumBits = Atomic<UInt64>(0.0.bitPattern)

    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        buckets = (0...upperBounds.count).map { _ in AtomicCell() }
    }

    /// The number of observations.
    public var count: UInt64 {
        buckets.reduce(0) { $0 + $1.value.load(ordering: .relaxed) }
    }

    /// The sum of every observed value.
    public var sum: Double { Double(bitPattern: sumBits.load(ordering: .relaxed)) }

    /// Records `value` in the first bucket whose upper bound is at least `value`.
    public func observe(_ value: Double) {
        let index = upperBounds.firstIndex { value <= $0 } ?? upperBounds.count
        buckets[index].value.wrappingAdd(1, ordering: .relaxed)
        var current = sumBits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + value).bitPattern
            let (exchanged, original) = sumBits.weakCompareExchange(
                expected: current, desired: next, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Records `duration` in seconds.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Appends the cumulative `_bucket` lines, `_sum` and `_count`.
    public func appendSamples(
        name: String, labels: [(name: String, value: String)], to output: inout String
    ) {
        var cumulative: UInt64 = 0
        for (index, cell) in buckets.enumerated() {
            cumulative += cell.value.load(ordering: .relaxed)
            let bound = index < upperBounds.count ? TextFormat.number(upperBounds[index]) : "+Inf"
            TextFormat.appendSample(
                name: name + "_bucket", labels: labels + [(name: "le", value: bound)],
                value: String(cumulative), to: &output)
        }
        TextFormat.appendSample(
            name: name + "_sum", labels: labels, value: TextFormat.number(sum), to: &output)
        TextFormat.appendSample(
            name: name + "_count", labels: labels, value: String(cumulative), to: &output)
    }
}

/// An atomic count on the heap, so that several can sit in an array.
private final class AtomicCell: Sendable {
    let value = Atomic<UInt64>(0)
}
