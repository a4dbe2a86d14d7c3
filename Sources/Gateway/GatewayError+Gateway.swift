import GatewayCore
import Upstream

extension GatewayError {
    /// Creates the error for a store that failed. The caller sees no detail, because the
    /// detail is logged under the request id.
    static func storeUnavailable() -> GatewayError {
        GatewayError(.storeUnavailable, "The session store is unavailable. Retry later.")
    }

    /// Creates the error for a stored session whose region was removed from the
    /// configuration since the session was stored.
    static func regionNotConfigured(_ region: String) -> GatewayError {
        GatewayError.upstreamUnavailable(
            "The session's region \(region) is not configured on this gateway. Store the "
                + "session again with a configured region.")
    }

    /// Maps a failed upstream attempt: a deadline that passed is 504, a response too large is
    /// 502, and everything else means Navixy could not be reached (503).
    init(transportFailure failure: UpstreamError) {
        switch failure.kind {
        case .timedOut:
            self = .upstreamTimeout()
        case .responseTooLarge:
            self = GatewayError(
                .badUpstreamResponse,
                "Navixy responded with a body larger than the gateway accepts.")
        default:
            self = .upstreamUnavailable()
        }
    }
}
