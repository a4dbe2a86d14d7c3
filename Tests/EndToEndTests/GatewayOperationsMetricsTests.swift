import Foundation
import Testing

/// `/metrics` against the traffic just sent.
@Suite struct GatewayOperationsMetricsTests {
    private static let pushRoute = "/v1/subjects/{subject}/push-token"
    private static let sessionRoute = "/v1/subjects/{subject}/session"

    @Test func scrapeMatchesTrafficJustSent() async throws {
        try await GatewayWithSimulator.run { setup in
            var secrets: [String] = []
            for index in 0..<3 {
                secrets.append(try await setup.storeSession("metrics-subject-\(index)"))
            }
            for index in 0..<4 {
                let token = "metrics-token-\(index)"
                secrets.append(token)
                let answer = try await setup.bind(
                    "metrics-subject-\(index % 3)",
                    #"{"application": "android", "token": "\#(token)"}"#)
                #expect(answer.status == 200)
            }
            for _ in 0..<2 {
                let answer = try await setup.bind(
                    "metrics-missing", #"{"application": "android", "token": "t"}"#)
                #expect(answer.status == 404)
            }
            for _ in 0..<3 {
                let answer = try await setup.gateway.send(
                    "DELETE", "/v1/subjects/metrics-subject-0/push-token", key: "wrong-key")
                #expect(answer.status == 401)
            }
            _ = try await setup.gateway.send("GET", "/healthz", key: nil)

            let answer = try await setup.gateway.send("GET", "/metrics", key: nil)
            #expect(answer.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let scrape = MetricsScrape(text: answer.text)
            let requests = "navixy_gateway_requests_total"
            #expect(
                scrape[requests, ["route": Self.sessionRoute, "method": "PUT", "status": "201"]]
                    == 3)
            #expect(
                scrape[requests, ["route": Self.pushRoute, "method": "PUT", "status": "200"]] == 4)
            #expect(
                scrape[requests, ["route": Self.pushRoute, "method": "PUT", "status": "404"]] == 2)
            #expect(
                scrape[requests, ["route": Self.pushRoute, "method": "DELETE", "status": "401"]]
                    == 3)
            #expect(scrape[requests, ["route": "/healthz", "method": "GET", "status": "200"]] == 1)
            #expect(
                scrape[
                    "navixy_gateway_request_duration_seconds_count",
                    ["route": Self.pushRoute, "method": "PUT"]] == 6)
            #expect(
                scrape[
                    "navixy_gateway_request_duration_seconds_bucket",
                    ["route": Self.pushRoute, "method": "PUT", "le": "+Inf"]] == 6)
            #expect(
                scrape[
                    "navixy_gateway_store_duration_seconds_count",
                    ["operation": "save", "outcome": "ok"]] == 3)
            #expect(
                scrape[
                    "navixy_gateway_store_duration_seconds_count",
                    ["operation": "load", "outcome": "ok"]] == 6)
            // The scrape itself is the one request in flight.
            #expect(scrape["navixy_gateway_requests_in_flight"] == 1)
            #expect(scrape["navixy_gateway_http_open_requests"] == 1)
            #expect(scrape["navixy_gateway_draining"] == 0)
            #expect(scrape["navixy_gateway_http_request_timeouts_total"] == 0)
            #expect(scrape["navixy_gateway_build_info", ["version": "0.1.0"]] == 1)
            #expect(
                scrape[
                    "navixy_gateway_upstream_circuit_state", ["region": "eu", "state": "closed"]]
                    == 1)
            #expect(
                scrape["navixy_gateway_upstream_circuit_state", ["region": "eu", "state": "open"]]
                    == 0)

            for secret in secrets + ["metrics-subject", "metrics-missing", "wrong-key"] {
                #expect(!scrape.text.contains(secret), "a label carries caller data")
            }
        }
    }

    @Test func upstreamAttemptsRetriesAndCircuitAreCounted() async throws {
        let region = #""circuit": {"failure_threshold": 1, "open_ms": 60000}"#
        try await GatewayWithSimulator.run(regionExtra: region) { setup in
            try await setup.storeSession("u-1")
            try await setup.simulator.addFaults(#"{"code": 8}"#, #"{"code": 8}"#, #"{"code": 8}"#)
            let failed = try await setup.bind("u-1", #"{"application": "android", "token": "t"}"#)
            #expect(failed.status == 503)
            let refused = try await setup.bind("u-1", #"{"application": "android", "token": "t"}"#)
            #expect(refused.json?["error"]?["code"] == "circuit_open")

            let scrape = try await MetricsScrape.fetch(from: setup.gateway)
            let attempts = "navixy_gateway_upstream_attempts_total"
            #expect(scrape[attempts, ["region": "eu", "outcome": "navixy_8"]] == 3)
            #expect(
                scrape["navixy_gateway_upstream_attempt_duration_seconds_count", ["region": "eu"]]
                    == 3)
            #expect(
                scrape[
                    "navixy_gateway_upstream_retries_total", ["region": "eu", "reason": "navixy_8"]]
                    == 2)
            #expect(
                scrape[
                    "navixy_gateway_upstream_retries_skipped_total",
                    ["region": "eu", "reason": "navixy_8", "cause": "attempts"]] == 1)
            let state = "navixy_gateway_upstream_circuit_state"
            #expect(scrape[state, ["region": "eu", "state": "open"]] == 1)
            #expect(scrape[state, ["region": "eu", "state": "closed"]] == 0)
        }
    }
}
