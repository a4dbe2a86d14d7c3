import Testing

@testable import GatewayMetrics

@Suite struct MetricsRegistryTests {
    @Test func counterFamilyWritesSortedSeries() {
        let registry = MetricsRegistry()
        let requests = registry.counter(
            "app_requests_total", help: "Requests served.", labelNames: ["route", "status"])
        requests.labels("/b", "200").increment()
        requests.labels("/a", "404").increment(by: 2)
        requests.labels("/b", "200").increment()
        #expect(
            registry.exposition() == """
                # HELP app_requests_total Requests served.
                # TYPE app_requests_total counter
                app_requests_total{route="/a",status="404"} 2
                app_requests_total{route="/b",status="200"} 2

                """)
    }

    @Test func gaugeGoesUpAndDown() {
        let registry = MetricsRegistry()
        let inFlight = registry.gauge("app_in_flight", help: "Calls running.").labels()
        inFlight.increment()
        inFlight.increment()
        inFlight.decrement()
        #expect(inFlight.value == 1)
        inFlight.set(0.25)
        #expect(registry.exposition().hasSuffix("app_in_flight 0.25\n"))
    }

    @Test func histogramBucketsAreCumulative() {
        let registry = MetricsRegistry()
        let latency = registry.histogram(
            "app_seconds", help: "Latency.", labelNames: ["route"], buckets: [0.1, 1])
        let series = latency.labels("/x")
        series.observe(0.05)
        series.observe(0.1)
        series.observe(0.5)
        series.observe(Duration.seconds(3))
        #expect(series.count == 4)
        #expect(
            registry.exposition() == """
                # HELP app_seconds Latency.
                # TYPE app_seconds histogram
                app_seconds_bucket{route="/x",le="0.1"} 2
                app_seconds_bucket{route="/x",le="1"} 3
                app_seconds_bucket{route="/x",le="+Inf"} 4
                app_seconds_sum{route="/x"} 3.65
                app_seconds_count{route="/x"} 4

                """)
    }

    @Test func labelValuesAndHelpAreEscaped() {
        let registry = MetricsRegistry()
        let family = registry.counter(
            "app_total", help: "Back\\slash and\nnewline.", labelNames: ["value"])
        family.labels("quote \" back \\ line \n").increment()
        let text = registry.exposition()
        #expect(text.contains(#"# HELP app_total Back\\slash and\nnewline."#))
        #expect(text.contains(#"app_total{value="quote \" back \\ line \n"} 1"#))
    }

    @Test func sampledMetricsAreReadAtEachScrape() {
        let registry = MetricsRegistry()
        let source = Box()
        registry.gauge("app_open", help: "Open.") { Double(source.read()) }
        registry.counter("app_cut_total", help: "Cut.") { 7 }
        #expect(registry.exposition().contains("app_open 1\n"))
        #expect(registry.exposition().contains("app_open 2\n"))
        #expect(registry.exposition().contains("# TYPE app_cut_total counter\napp_cut_total 7\n"))
    }

    @Test func familiesKeepRegistrationOrder() {
        let registry = MetricsRegistry()
        _ = registry.gauge("zeta", help: "Z.")
        _ = registry.gauge("alpha", help: "A.")
        let headers = registry.exposition().split(separator: "\n").filter { $0.hasPrefix("# HELP") }
        #expect(headers == ["# HELP zeta Z.", "# HELP alpha A."])
    }

    @Test func familyWithoutSeriesWritesOnlyItsHeader() {
        let registry = MetricsRegistry()
        _ = registry.counter("app_total", help: "None yet.", labelNames: ["route"])
        #expect(registry.exposition() == "# HELP app_total None yet.\n# TYPE app_total counter\n")
    }

    @Test func concurrentUpdatesLoseNothing() async {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "C.", labelNames: ["k"])
        let gauge = registry.gauge("g", help: "G.").labels()
        let histogram = registry.histogram("h", help: "H.", buckets: [1]).labels()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 {
                        counter.labels("k\(task % 2)").increment()
                        gauge.add(1)
                        histogram.observe(0.5)
                    }
                }
            }
        }
        #expect(counter.labels("k0").value + counter.labels("k1").value == 80_000)
        #expect(gauge.value == 80_000)
        #expect(histogram.count == 80_000)
        #expect(histogram.sum == 40_000)
    }

    @Test(arguments: [
        (0.005, "0.005"), (1, "1"), (-2, "-2"), (2.5, "2.5"), (Double.infinity, "+Inf"),
        (-Double.infinity, "-Inf"), (Double.nan, "NaN"), (1e20, "1e+20"),
    ])
    func numbersUseTheFormatsSpelling(value: Double, expected: String) {
        #expect(TextFormat.number(value) == expected)
    }

    @Test(arguments: [
        ("navixy_gateway_up", true), ("a:b_c9", true), ("9lives", false), ("has-dash", false),
        ("", false), ("ünïcode", false),
    ])
    func metricNamesFollowTheFormat(name: String, valid: Bool) {
        #expect(MetricName.isValid(name) == valid)
    }

    @Test(arguments: [("route", true), ("__name", false), ("a:b", false), ("_x", true)])
    func labelNamesFollowTheFormat(name: String, valid: Bool) {
        #expect(MetricName.isValidLabel(name) == valid)
    }
}

/// A value that changes on every read, to show that a sampled gauge is read at each scrape.
private final class Box: @unchecked Sendable {
    private var value = 0

    func read() -> Int {
        value += 1
        return value
    }
}
