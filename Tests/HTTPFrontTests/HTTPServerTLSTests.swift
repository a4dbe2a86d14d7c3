import Foundation
import Testing

@testable import HTTPFront

@Suite struct HTTPServerTLSTests {
    /// A fresh self-signed certificate for 127.0.0.1, made by the openssl command-line tool.
    private struct SelfSignedCertificate {
        let directory: URL
        var certificateFile: URL { directory.appendingPathComponent("cert.pem") }
        var keyFile: URL { directory.appendingPathComponent("key.pem") }

        init() async throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("httpfront-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true)
            let status = try await runTool(
                "/usr/bin/openssl",
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", directory.appendingPathComponent("key.pem").path,
                    "-out", directory.appendingPathComponent("cert.pem").path,
                ])
            try #require(status == 0)
        }

        func identity() throws -> TLSIdentity {
            TLSIdentity(
                certificatePEM: try String(contentsOf: certificateFile, encoding: .utf8),
                privateKeyPEM: try String(contentsOf: keyFile, encoding: .utf8))
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func curlReachesServerOverTLS() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let identity = try certificate.identity()
        let server = try startServer { $0.tls = identity }
        defer { server.stop() }

        let output = certificate.directory.appendingPathComponent("body")
        let status = try await runTool(
            "/usr/bin/curl",
            [
                "--silent", "--show-error", "--max-time", "10", "--noproxy", "*",
                "--cacert", certificate.certificateFile.path,
                "--data-binary", "secret body", "--output", output.path,
                "https://127.0.0.1:\(server.port)/echo?tls=1",
            ])
        #expect(status == 0)
        #expect(try String(contentsOf: output, encoding: .utf8) == "secret body")
    }

    @Test func plainRequestToTLSPortFails() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let identity = try certificate.identity()
        let server = try startServer { $0.tls = identity }
        defer { server.stop() }

        let client = try RawHTTPClient(port: server.port, timeoutSeconds: 3)
        try? await client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        let reply = (try? await client.readToEnd()) ?? []
        #expect(!String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
    }

    @Test func invalidKeyFailsStart() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        var identity = try certificate.identity()
        identity.privateKeyPEM =
            "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
        #expect(throws: HTTPServerError.self) {
            _ = try startServer { $0.tls = identity }
        }
    }
}

/// Runs a tool to completion within 20 seconds and returns its exit status.
func runTool(_ path: String, _ arguments: [String]) async throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    return try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { finished in
            continuation.resume(returning: finished.terminationStatus)
        }
        do {
            try process.run()
        } catch {
            continuation.resume(throwing: error)
            return
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) {
            if process.isRunning { process.terminate() }
        }
    }
}
