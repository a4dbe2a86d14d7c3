import Upstream

/// Sends one attempt of a Navixy call. `UpstreamClient` is the real one; tests script answers
/// and failures through their own.
protocol UpstreamTransport: Sendable {
    /// Sends `request` and returns the response of any HTTP status, or throws the reason that
    /// no complete response arrived.
    func send(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse
}

extension UpstreamClient: UpstreamTransport {}
