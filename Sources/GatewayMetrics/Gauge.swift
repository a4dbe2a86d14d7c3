import Synchronization

/// A value that goes up and down, such as requests in flight.
public final class Gauge: MetricSeries {
    /// `gauge`.
    public static let typeName = "gauge"
    // The bit pattern of a Double, because there is no atomic floating-point type.
    private let bits = Atomic<UInt64>(0.0.bitPattern)

    init() {}

    /// The current value.
    public var value: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }

    /// Replaces the value.
    public func set(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    /// Adds `amount`, which may be negative.
    public func add(_ amount: Double) {
        var current = bits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = bits.weakCompareExchange(
                expected: current, desired: next, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Adds 1.
    public func increment() { add(1) }

    /// Subtracts 1.
    public func decrement() { add(-1) }

    /// Appends `name{labels} value`.
    public func appendSamples(
        name: String, labels: [(name: String, value: String)], to output: inout String
    ) {
        TextFormat.appendSample(
            name: name, labels: labels, value: TextFormat.number(value), to: &output)
    }
}
