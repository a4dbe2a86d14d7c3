extension GatewayError {
    /// The delay for `Retry-After` of a `rate_limited` response when Navixy sent none, in seconds.
    public static let defaultRateLimitRetryAfterSeconds = 1

    /// Maps a Navixy outcome to the gateway's error, or returns nil for success.
    ///
    /// The first rule that matches decides:
    /// 1. codes 3 and 4: `session_ended` (409);
    /// 2. code 15 or HTTP 429: `rate_limited` (429);
    /// 3. HTTP 5xx or codes 1, 6, 8, 14: `upstream_unavailable` (503);
    /// 4. any other error JSON: `upstream_rejected` (422);
    /// 5. any other response that is not Navixy's JSON: `bad_upstream_response` (502).
    ///
    /// `upstream` is set exactly when Navixy responded with its error JSON.
    /// `retryAfterSeconds` is Navixy's `Retry-After`, which `rate_limited` passes on.
    public init?(outcome: NavixyOutcome, retryAfterSeconds: Int? = nil) {
        let rateLimitDelay = retryAfterSeconds ?? Self.defaultRateLimitRetryAfterSeconds
        switch outcome {
        case .success:
            return nil
        case .failure(let status, let httpStatus):
            self = Self.mapping(status, httpStatus: httpStatus, rateLimitDelay: rateLimitDelay)
        case .notNavixyJSON(let httpStatus) where httpStatus == 429:
            self = .rateLimited(retryAfterSeconds: rateLimitDelay)
        case .notNavixyJSON(let httpStatus) where (500...599).contains(httpStatus):
            self = .upstreamUnavailable("Navixy responded with HTTP \(httpStatus). Retry later.")
        case .notNavixyJSON(let httpStatus):
            self = .badUpstreamResponse(httpStatus: httpStatus)
        }
    }

    private static func mapping(
        _ status: NavixyStatus, httpStatus: Int, rateLimitDelay: Int
    ) -> GatewayError {
        if NavixyAnswer.sessionEndingCodes.contains(status.code) {
            return .sessionEnded(upstream: status)
        }
        if status.code == NavixyAnswer.rateLimitCode || httpStatus == 429 {
            return .rateLimited(upstream: status, retryAfterSeconds: rateLimitDelay)
        }
        if (500...599).contains(httpStatus) || NavixyAnswer.unavailableCodes.contains(status.code) {
            return .upstreamUnavailable(
                "Navixy failed with error \(status.code). Retry later.", upstream: status)
        }
        return .upstreamRejected(status)
    }
}
