import GatewayConfig
import GatewayCore
import GatewayLog
import Upstream

/// Sends one Navixy action to the endpoint of a region and classifies what came back.
///
/// It makes one attempt per call. A retry policy slots in around `attempt`: the policy decides
/// from the outcome, and this type applies it.
struct NavixyForwarder: Sendable {
    let client: UpstreamClient
    let regions: [String: RegionConfiguration]
    let logger: Logger

    /// Calls `action` with `body` in `region`, returning Navixy's answer or throwing when no
    /// usable answer came.
    func call(
        _ action: NavixyAction, body: [UInt8], region: String, trace: CallTrace
    ) async throws(GatewayError) -> NavixyOutcome {
        guard let settings = regions[region] else {
            throw GatewayError.regionNotConfigured(region)
        }
        let request = UpstreamRequest(
            url: settings.baseURL + "/" + action.path,
            body: body,
            headers: [
                ("Content-Type", "application/json"),
                ("X-Request-Id", trace.requestID),
            ],
            timeout: .milliseconds(settings.timeoutMs),
            caFile: settings.caFile)
        return try await attempt(request, region: region, trace: trace)
    }

    private func attempt(
        _ request: UpstreamRequest, region: String, trace: CallTrace
    ) async throws(GatewayError) -> NavixyOutcome {
        trace.upstreamAttempts += 1
        do {
            let response = try await client.send(request)
            trace.upstreamStatus = response.status
            return NavixyAnswer.classify(httpStatus: response.status, body: response.body)
        } catch {
            logger.warning(
                "upstream call failed",
                [
                    "request.id": .string(trace.requestID), "upstream.region": .string(region),
                    "upstream.error": .string(error.description),
                ])
            throw GatewayError(transportFailure: error)
        }
    }
}
