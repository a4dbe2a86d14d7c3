import GatewayCore
import GatewayMetrics
import SessionStore

/// `GET /healthz`, `/readyz` and `/metrics`, which need no caller key.
struct ProbeEndpoint: Sendable {
    let store: any SessionStore
    let drain: DrainState
    let operationalMetrics: OperationalMetrics

    /// 200 while the process serves.
    func health() -> Reply {
        Reply(status: 200, body: Array(#"{"status":"ok"}"#.utf8))
    }

    /// Returns 200 when the store responds and no stop signal arrived, else 503, so that load
    /// balancers send new calls elsewhere. Draining is checked first and costs no store call.
    func readiness() async -> Reply {
        if drain.isDraining {
            return Reply(status: 503, body: Array(#"{"status":"draining"}"#.utf8))
        }
        do {
            try await store.ping()
            return Reply(status: 200, body: Array(#"{"status":"ready"}"#.utf8))
        } catch {
            return Reply(status: 503, body: Array(#"{"status":"store_unavailable"}"#.utf8))
        }
    }

    /// Returns the Prometheus text exposition.
    func metrics() -> Reply {
        Reply(
            status: 200, body: Array(operationalMetrics.exposition().utf8),
            contentType: MetricsRegistry.contentType)
    }
}
