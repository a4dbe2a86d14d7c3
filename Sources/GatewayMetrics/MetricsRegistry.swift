import Synchronization

/// The metrics of one process and their Prometheus text exposition (format 0.0.4).
///
/// Metrics are registered once at start-up, then updated from any thread. Updates take no
/// lock once a caller holds a series: `Counter`, `Gauge` and `Histogram` are atomics. Finding
/// a series by its label values takes its family's lock for a dictionary lookup.
public final class MetricsRegistry: Sendable {
    /// The `Content-Type` of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let metrics = Mutex<[any ExposedMetric]>([])

    /// Creates an empty registry.
    public init() {}

    /// Registers a counter family with `labelNames`; pass no names for a single series.
    public func counter(_ name: String, help: String, labelNames: [String] = [])
        -> MetricFamily<Counter>
    {
        register(MetricFamily(name: name, help: help, labelNames: labelNames) { Counter() })
    }

    /// Registers a gauge family with `labelNames`; pass no names for a single series.
    public func gauge(_ name: String, help: String, labelNames: [String] = [])
        -> MetricFamily<Gauge>
    {
        register(MetricFamily(name: name, help: help, labelNames: labelNames) { Gauge() })
    }

    /// Registers a histogram family whose buckets have the upper bounds `buckets`, in
    /// increasing order; the `+Inf` bucket is added.
    public func histogram(
        _ name: String, help: String, labelNames: [String] = [], buckets: [Double]
    ) -> MetricFamily<Histogram> {
        precondition(!buckets.isEmpty && buckets == buckets.sorted(), "buckets must increase")
        precondition(!labelNames.contains("le"), "le is reserved for histogram buckets")
        return register(
            MetricFamily(name: name, help: help, labelNames: labelNames) {
                Histogram(upperBounds: buckets)
            })
    }

    /// Registers a gauge without labels whose value `read` returns at each scrape.
    public func gauge(_ name: String, help: String, reading read: @escaping @Sendable () -> Double)
    {
        register(SampledMetric(name: name, help: help, type: "gauge", read: read))
    }

    /// Registers a counter without labels whose value `read` returns at each scrape; the value
    /// must never decrease while the process runs.
    public func counter(
        _ name: String, help: String, reading read: @escaping @Sendable () -> Double
    ) {
        register(SampledMetric(name: name, help: help, type: "counter", read: read))
    }

    /// Returns every metric in the Prometheus text format, in registration order.
    public func exposition() -> String {
        let registered = metrics.withLock { $0 }
        var output = ""
        for metric in registered {
            metric.appendExposition(to: &output)
        }
        return output
    }

    @discardableResult
    private func register<Metric: ExposedMetric>(_ metric: Metric) -> Metric {
        precondition(MetricName.isValid(metric.name), "invalid metric name \(metric.name)")
        metrics.withLock { metrics in
            precondition(
                !metrics.contains { $0.name == metric.name }, "\(metric.name) registered twice")
            metrics.append(metric)
        }
        return metric
    }
}

/// A registered metric, as the registry writes it out.
protocol ExposedMetric: Sendable {
    /// The metric name, unique in a registry.
    var name: String { get }
    /// Appends the `# HELP` and `# TYPE` lines and every sample.
    func appendExposition(to output: inout String)
}

/// A metric whose value is read from elsewhere at each scrape.
private struct SampledMetric: ExposedMetric {
    let name: String
    let help: String
    let type: String
    let read: @Sendable () -> Double

    func appendExposition(to output: inout String) {
        TextFormat.appendHeader(name: name, help: help, type: type, to: &output)
        output += name + " " + TextFormat.number(read()) + "\n"
    }
}
