import Synchronization

/// All series of one metric, one per combination of label values.
public final class MetricFamily<Series: MetricSeries>: ExposedMetric {
    /// The metric name.
    public let name: String
    /// The `# HELP` text.
    public let help: String
    /// The label names, in the order `labels(_:)` takes their values.
    public let labelNames: [String]
    private let makeSeries: @Sendable () -> Series
    private let series = Mutex<[[String]: Series]>([:])

    init(
        name: String, help: String, labelNames: [String],
        makeSeries: @escaping @Sendable () -> Series
    ) {
        precondition(labelNames.allSatisfy(MetricName.isValidLabel), "invalid label name")
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.makeSeries = makeSeries
    }

    /// Returns the series for `values`, one per label name, creating it at zero when new.
    ///
    /// Label values must come from a small, fixed set (route templates, regions, status
    /// codes), because every distinct combination is kept until the process exits.
    public func labels(_ values: String...) -> Series {
        labels(values)
    }

    /// Returns the series for `values`, one per label name, creating it at zero when new.
    public func labels(_ values: [String]) -> Series {
        precondition(values.count == labelNames.count, "\(name) takes \(labelNames.count) labels")
        return series.withLock { series in
            if let existing = series[values] { return existing }
            let created = makeSeries()
            series[values] = created
            return created
        }
    }

    func appendExposition(to output: inout String) {
        TextFormat.appendHeader(name: name, help: help, type: Series.typeName, to: &output)
        let snapshot = series.withLock { $0 }
        for values in snapshot.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let pairs = zip(labelNames, values).map { (name: $0, value: $1) }
            snapshot[values]!.appendSamples(name: name, labels: pairs, to: &output)
        }
    }
}

/// One series of a metric family: a counter, a gauge or a histogram.
public protocol MetricSeries: AnyObject, Sendable {
    /// The `# TYPE` of the family.
    static var typeName: String { get }
    /// Appends this series' sample lines under `name` with `labels`.
    func appendSamples(
        name: String, labels: [(name: String, value: String)], to output: inout String)
}
