import Testing

@testable import Upstream

@Suite struct UpstreamClientTLSTests {
    private static let response = "HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n{\"success\":true}"

    /// Starts a server with the certificate of CA `signer` and returns a POST to it.
    private func startServer(
        _ authorities: CertificateAuthorities, signedBy signer: String, host: String = "127.0.0.1",
        caFile: String? = nil
    ) async throws -> (OpenSSLServer, UpstreamRequest) {
        let server = try await OpenSSLServer(
            certificate: authorities.serverCertificate(signedBy: signer),
            key: authorities.serverKey, response: Self.response)
        let request = UpstreamRequest(
            url: "https://\(host):\(server.port)/v2/call", body: Array(#"{"hash":"x"}"#.utf8),
            timeout: .seconds(10), caFile: caFile)
        return (server, request)
    }

    @Test func untrustedCertificateIsTLSFailed() async throws {
        let authorities = try await CertificateAuthorities()
        defer { authorities.remove() }
        let (server, request) = try await startServer(authorities, signedBy: "a")
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: request))

        #expect(error.kind == .tlsFailed)
        #expect(error.curlCode == 60)
    }

    @Test func caFileMakesCertificateTrusted() async throws {
        let authorities = try await CertificateAuthorities()
        defer { authorities.remove() }
        let (server, request) = try await startServer(
            authorities, signedBy: "a", caFile: authorities.caFile("a"))
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let response = try await client.send(request)

        #expect(response.status == 200)
        #expect(response.body == Array(#"{"success":true}"#.utf8))
        #expect(await server.waitForOutput(containing: #"{"hash":"x"}"#))
    }

    @Test func caFileAddsToSystemCertificates() async throws {
        let authorities = try await CertificateAuthorities()
        defer { authorities.remove() }
        let (server, request) = try await startServer(
            authorities, signedBy: "b", caFile: authorities.caFile("a"))
        defer { server.stop() }
        let configuration = UpstreamClientConfiguration(systemCAPath: authorities.systemDirectory)
        let client = try UpstreamClient(configuration: configuration)
        defer { client.shutdown() }

        let response = try await client.send(request)

        #expect(response.status == 200)
    }

    @Test func caFileAloneDoesNotTrustOtherCA() async throws {
        let authorities = try await CertificateAuthorities()
        defer { authorities.remove() }
        let (server, request) = try await startServer(
            authorities, signedBy: "b", caFile: authorities.caFile("a"))
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: request))

        #expect(error.kind == .tlsFailed)
    }

    @Test func hostNameMismatchIsTLSFailed() async throws {
        let authorities = try await CertificateAuthorities()
        defer { authorities.remove() }
        let (server, request) = try await startServer(
            authorities, signedBy: "a", host: "localhost", caFile: authorities.caFile("a"))
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: request))

        #expect(error.kind == .tlsFailed)
        #expect(error.curlCode == 60)
    }

    @Test func caFileOfOneCallDoesNotCarryOver() async throws {
        let authorities = try await CertificateAuthorities()
        defer { authorities.remove() }
        let (trusting, trustingRequest) = try await startServer(
            authorities, signedBy: "a", caFile: authorities.caFile("a"))
        defer { trusting.stop() }
        let (plain, plainRequest) = try await startServer(authorities, signedBy: "a")
        defer { plain.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let response = try await client.send(trustingRequest)
        let error = try #require(await client.failure(of: plainRequest))

        #expect(response.status == 200)
        #expect(error.kind == .tlsFailed)
    }
}
