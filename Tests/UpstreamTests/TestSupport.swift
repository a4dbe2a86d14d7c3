@testable import Upstream

extension FakeServer {
    /// Returns a POST to this server's `/v2/call`; the default body stands for one that
    /// carries a session hash.
    func request(
        body: String = #"{"hash":"0123456789abcdef0123456789abcdef"}"#,
        headers: [(name: String, value: String)] = [], timeout: Duration = .seconds(10)
    ) -> UpstreamRequest {
        UpstreamRequest(
            url: "http://127.0.0.1:\(port)/v2/call", body: Array(body.utf8), headers: headers,
            timeout: timeout)
    }
}

extension UpstreamClient {
    /// Sends `request` and returns the error it fails with, or nil when a response arrived.
    func failure(of request: UpstreamRequest) async -> UpstreamError? {
        do {
            _ = try await send(request)
            return nil
        } catch {
            return error
        }
    }
}

/// Waits until `condition` holds, checking every 10 milliseconds for at most 5 seconds;
/// returns whether it came to hold.
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<500 {
        if condition() {
            return true
        }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
