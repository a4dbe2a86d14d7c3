import Synchronization

/// A count that only goes up, such as requests served.
public final class Counter: MetricSeries {
    /// `counter`.
    public static let typeName = "counter"
    private let count = Atomic<UInt64>(0)

    init() {}

    /// The current count.
    public var value: UInt64 { count.load(ordering: .relaxed) }

    /// Adds `amount` to the count.
    public func increment(by amount: UInt64 = 1) {
        count.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Appends `name{labels} value`.
    public func appendSamples(
        name: String, labels: [(name: String, value: String)], to output: inout String
    ) {
        TextFormat.appendSample(name: name, labels: labels, value: String(value), to: &output)
    }
}
