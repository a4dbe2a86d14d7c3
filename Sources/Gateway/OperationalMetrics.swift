import Foundation
import GatewayMetrics
import HTTPFront

/// The gateway's metrics, served at `/metrics`.
///
/// Label values come only from small fixed sets: route templates (never a subject), method
/// names, status codes, configured region names, and the constant outcome strings of
/// `UpstreamObserver`. No hash, token, key or subject is ever a label.
final class OperationalMetrics: Sendable {
    /// Bucket upper bounds, in seconds, for whole calls and upstream attempts.
    static let callBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// Bucket upper bounds, in seconds, for session store operations.
    static let storeBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]
    /// The circuit states of `UpstreamObserver.circuitChanged`, one gauge series each.
    static let circuitStates = ["closed", "open", "half_open"]

    /// The registry behind the exposition.
    let registry = MetricsRegistry()
    let requests: MetricFamily<Counter>
    let requestDuration: MetricFamily<Histogram>
    let requestsInFlight: Gauge
    let storeDuration: MetricFamily<Histogram>
    let upstreamAttempts: MetricFamily<Counter>
    let upstreamAttemptDuration: MetricFamily<Histogram>
    let upstreamRetries: MetricFamily<Counter>
    let upstreamRetriesSkipped: MetricFamily<Counter>
    let circuitState: MetricFamily<Gauge>
    let upstreamOverloaded: MetricFamily<Counter>

    /// Registers every metric, with the circuit of each of `regions` closed.
    init(regions: [String], version: String, startedAt: Date = Date()) {
        let registry = registry
        registry.gauge("navixy_gateway_up", help: "1 while the process serves.") { 1 }
        registry.gauge(
            "navixy_gateway_build_info", help: "Build information; the value is always 1.",
            labelNames: ["version"]
        ).labels(version).set(1)
        registry.gauge(
            "process_start_time_seconds", help: "Start time of the process, in Unix seconds."
        ) { startedAt.timeIntervalSince1970 }

        requests = registry.counter(
            "navixy_gateway_requests_total",
            help: "Requests responded to, by route template, method and status.",
            labelNames: ["route", "method", "status"])
        requestDuration = registry.histogram(
            "navixy_gateway_request_duration_seconds",
            help: "Time from the request being read to its response, by route and method.",
            labelNames: ["route", "method"], buckets: Self.callBuckets)
        requestsInFlight = registry.gauge(
            "navixy_gateway_requests_in_flight",
            help: "Requests whose body is in and whose response is being computed."
        ).labels()
        storeDuration = registry.histogram(
            "navixy_gateway_store_duration_seconds",
            help: "Session store operations, by operation and outcome (ok or error).",
            labelNames: ["operation", "outcome"], buckets: Self.storeBuckets)

        upstreamAttempts = registry.counter(
            "navixy_gateway_upstream_attempts_total",
            help: "Attempts sent to Navixy, by region and outcome.",
            labelNames: ["region", "outcome"])
        upstreamAttemptDuration = registry.histogram(
            "navixy_gateway_upstream_attempt_duration_seconds",
            help: "Duration of one attempt sent to Navixy, by region.",
            labelNames: ["region"], buckets: Self.callBuckets)
        upstreamRetries = registry.counter(
            "navixy_gateway_upstream_retries_total",
            help: "Retries scheduled, by region and the outcome that caused them.",
            labelNames: ["region", "reason"])
        upstreamRetriesSkipped = registry.counter(
            "navixy_gateway_upstream_retries_skipped_total",
            help: "Retries not made, by region, reason and cause (budget, deadline, attempts).",
            labelNames: ["region", "reason", "cause"])
        circuitState = registry.gauge(
            "navixy_gateway_upstream_circuit_state",
            help: "1 for the current circuit state of each region, 0 for the others.",
            labelNames: ["region", "state"])
        upstreamOverloaded = registry.counter(
            "navixy_gateway_upstream_overloaded_total",
            help:
                "Calls rejected with 503 overloaded because the region's concurrency limit stayed full.",
            labelNames: ["region"])

        for region in regions {
            setCircuit(region: region, state: "closed")
        }
    }

    /// Registers the front's connection and request counts and the drain flag, read at each
    /// scrape. The server is held weakly, so the metrics do not keep it alive.
    func observe(_ server: HTTPServer, drain: DrainState) {
        registry.gauge(
            "navixy_gateway_http_connections", help: "Open client connections, idle ones included."
        ) { [weak server] in Double(server?.statistics.openConnections ?? 0) }
        registry.gauge(
            "navixy_gateway_http_open_requests",
            help: "Requests begun and not yet completed, from request line to response sent."
        ) { [weak server] in Double(server?.statistics.openRequests ?? 0) }
        registry.counter(
            "navixy_gateway_http_request_timeouts_total",
            help: "Connections cut because a head or body took longer than header_timeout_ms."
        ) { [weak server] in Double(server?.statistics.timedOutConnections ?? 0) }
        registry.counter(
            "navixy_gateway_http_idle_connections_closed_total",
            help: "Idle kept-alive connections closed to make room at limits.max_connections."
        ) { [weak server] in Double(server?.statistics.reclaimedIdleConnections ?? 0) }
        registry.gauge(
            "navixy_gateway_draining", help: "1 once a stop signal arrived, else 0."
        ) { drain.isDraining ? 1 : 0 }
    }

    /// Counts one request with its response status and duration.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let method = Self.methodLabel(method)
        requests.labels(route, method, String(status)).increment()
        requestDuration.labels(route, method).observe(duration)
    }

    /// Records one store operation.
    func recordStore(operation: String, succeeded: Bool, duration: Duration) {
        storeDuration.labels(operation, succeeded ? "ok" : "error").observe(duration)
    }

    /// Sets the circuit gauge of `region` to `state`.
    func setCircuit(region: String, state: String) {
        for candidate in Set(Self.circuitStates + [state]) {
            circuitState.labels(region, candidate).set(candidate == state ? 1 : 0)
        }
    }

    /// Returns the Prometheus text exposition.
    func exposition() -> String {
        registry.exposition()
    }

    /// Returns the method itself for the methods HTTP defines, else `other`, because the
    /// method is the caller's free text and every distinct label value is kept forever.
    static func methodLabel(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT":
            method
        default:
            "other"
        }
    }
}
