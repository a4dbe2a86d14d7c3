import Upstream

/// The values shared by the attempts of one call.
struct CallContext: Sendable {
    /// The region called, with its policy, budget and breaker.
    let region: UpstreamRegion
    /// The request of every attempt but for its timeout.
    let request: UpstreamRequest
    /// The instant by which the caller gets its answer.
    let deadline: ContinuousClock.Instant
    /// Values masked in Navixy's error descriptions.
    let secrets: [String]
    /// The call's trace, which counts the attempts.
    let trace: CallTrace
}
