import GatewayCore
import SessionStore

/// `GET /healthz`, `/readyz` and `/metrics`, which need no caller key.
struct ProbeEndpoint: Sendable {
    let store: any SessionStore

    /// 200 while the process serves.
    func health() -> Reply {
        Reply(status: 200, body: Array(#"{"status":"ok"}"#.utf8))
    }

    /// 200 when the store answers, else 503.
    func readiness() async -> Reply {
        do {
            try await store.ping()
            return Reply(status: 200, body: Array(#"{"status":"ready"}"#.utf8))
        } catch {
            return Reply(status: 503, body: Array(#"{"status":"store_unavailable"}"#.utf8))
        }
    }

    /// The Prometheus text exposition.
    func metrics() -> Reply {
        // TODO: expose request, upstream and store metrics; until then scrapers see only
        // that the process is up.
        Reply(
            status: 200, body: Array("navixy_gateway_up 1\n".utf8),
            contentType: "text/plain; version=0.0.4")
    }
}
