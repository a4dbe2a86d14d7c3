import Foundation
import Testing

/// Upstream TLS: a region behind a private certificate is trusted through its `ca_file`, and
/// refused without it.
@Suite(.enabled(if: Tool.isAvailable("openssl")))
struct GatewayResilienceTLSTests {
    private let hash = "5b0a4c3d2e1f00112233445566778899"

    /// Makes a self-signed certificate for 127.0.0.1 in `folder`, and runs `body` with a
    /// gateway whose region `onprem` points at a simulator serving HTTPS with it.
    private func withTLSRegion<Result>(
        trustingCertificate: Bool, _ body: (ResilienceSetup) async throws -> Result
    ) async throws -> Result {
        try await TemporaryFolder.with { folder in
            let certificate = folder.appendingPathComponent("navixy-sim.pem").path
            let key = folder.appendingPathComponent("navixy-sim.key").path
            try await Tool.run(
                "openssl",
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
                ])
            let region = ResilienceRegion(
                name: "onprem", settings: #""retry": {"base_delay_ms": 1, "max_delay_ms": 5}"#,
                simulatorArguments: ["--tls-cert", certificate, "--tls-key", key, "--hash", hash],
                scheme: "https", caFile: trustingCertificate ? certificate : nil)
            return try await ResilienceSetup.run([region]) { setup in
                try await setup.storeSession("u-1", region: "onprem", hash: hash)
                return try await body(setup)
            }
        }
    }

    @Test func caFileMakesThePrivateCertificateTrusted() async throws {
        try await withTLSRegion(trustingCertificate: true) { setup in
            let (answer, _) = try await setup.bind("u-1")
            #expect(answer.status == 200)
            #expect(answer.json?["region"] == "onprem")
            #expect(setup.logRecords("upstream call failed").isEmpty)
        }
    }

    @Test func privateCertificateWithoutCAFileIsRefused() async throws {
        try await withTLSRegion(trustingCertificate: false) { setup in
            let (answer, _) = try await setup.bind("u-1")
            #expect(answer.status == 503)
            #expect(answer.json?["error"]?["code"] == "upstream_unavailable")

            let failures = setup.logRecords("upstream call failed")
            #expect(failures.count == 1, "a TLS failure is not retried")
            let failure = try #require(failures.first)
            #expect(failure["level"] == "error")
            #expect(failure["upstream.region"] == "onprem")
            #expect(failure["upstream.reason"] == "tls_failed")
            let detail = failure["upstream.error"]?.stringValue ?? ""
            #expect(detail.lowercased().contains("certificate"), "\(detail)")
            #expect(setup.logRecords("upstream retry scheduled").isEmpty)
        }
    }
}
