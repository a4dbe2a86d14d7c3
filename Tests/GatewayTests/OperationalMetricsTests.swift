import Testing

@testable import Gateway

@Suite struct OperationalMetricsTests {
    private func scrape(_ metrics: OperationalMetrics) -> Set<String> {
        Set(metrics.exposition().split(separator: "\n").map(String.init))
    }

    @Test func upstreamEventsAreCounted() {
        let metrics = OperationalMetrics(regions: ["eu"], version: "9.9.9")
        let observer: any UpstreamObserver = metrics
        observer.attemptFinished(region: "eu", outcome: "http_5xx", duration: .milliseconds(30))
        observer.retryScheduled(region: "eu", reason: "http_5xx")
        observer.attemptFinished(region: "eu", outcome: "success", duration: .milliseconds(20))
        observer.retrySkipped(region: "eu", reason: "timeout", because: "deadline")
        observer.overloaded(region: "eu")
        let lines = scrape(metrics)
        let attempts = "navixy_gateway_upstream_attempts_total"
        #expect(lines.contains(#"\#(attempts){region="eu",outcome="http_5xx"} 1"#))
        #expect(lines.contains(#"\#(attempts){region="eu",outcome="success"} 1"#))
        #expect(
            lines.contains(
                #"navixy_gateway_upstream_attempt_duration_seconds_count{region="eu"} 2"#))
        #expect(
            lines.contains(
                #"navixy_gateway_upstream_attempt_duration_seconds_bucket{region="eu",le="0.025"} 1"#
            ))
        #expect(
            lines.contains(
                #"navixy_gateway_upstream_retries_total{region="eu",reason="http_5xx"} 1"#))
        #expect(
            lines.contains(
                #"navixy_gateway_upstream_retries_skipped_total{region="eu",reason="timeout",cause="deadline"} 1"#
            ))
        #expect(lines.contains(#"navixy_gateway_upstream_overloaded_total{region="eu"} 1"#))
    }

    @Test func circuitGaugeShowsOneStatePerRegion() {
        let metrics = OperationalMetrics(regions: ["eu", "us"], version: "1")
        let state = "navixy_gateway_upstream_circuit_state"
        #expect(scrape(metrics).contains(#"\#(state){region="us",state="closed"} 1"#))

        metrics.circuitChanged(region: "eu", state: "open")
        var lines = scrape(metrics)
        #expect(lines.contains(#"\#(state){region="eu",state="open"} 1"#))
        #expect(lines.contains(#"\#(state){region="eu",state="closed"} 0"#))
        #expect(lines.contains(#"\#(state){region="eu",state="half_open"} 0"#))
        #expect(lines.contains(#"\#(state){region="us",state="closed"} 1"#))

        metrics.circuitChanged(region: "eu", state: "half_open")
        lines = scrape(metrics)
        #expect(lines.contains(#"\#(state){region="eu",state="half_open"} 1"#))
        #expect(lines.contains(#"\#(state){region="eu",state="open"} 0"#))
    }

    @Test func requestsAreCountedByRouteMethodAndStatus() {
        let metrics = OperationalMetrics(regions: [], version: "1")
        metrics.recordRequest(
            route: "/healthz", method: "GET", status: 200, duration: .milliseconds(1))
        metrics.recordRequest(
            route: "unmatched", method: "BREW", status: 401, duration: .milliseconds(1))
        let lines = scrape(metrics)
        #expect(
            lines.contains(
                #"navixy_gateway_requests_total{route="/healthz",method="GET",status="200"} 1"#))
        #expect(
            lines.contains(
                #"navixy_gateway_requests_total{route="unmatched",method="other",status="401"} 1"#))
        #expect(lines.contains(#"navixy_gateway_build_info{version="1"} 1"#))
    }
}
