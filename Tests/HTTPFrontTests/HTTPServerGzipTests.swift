import Foundation
import Testing

@testable import HTTPFront

@Suite struct HTTPServerGzipTests {
    private func post(_ body: [UInt8], coding: String = "gzip", extra: String = "") -> [UInt8] {
        Array(
            ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Encoding: \(coding)\r\n"
                + "Content-Length: \(body.count)\r\n\(extra)\r\n").utf8) + body
    }

    @Test func gzipBodyReachesHandlerDecoded() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let text = Array(String(repeating: "abc", count: 1000).utf8)
        try await client.send(post(Gzip.compress(text), coding: "x-gzip"))
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.body == text)
    }

    @Test func chunkedGzipBodyReachesHandlerDecoded() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let compressed = Gzip.compress(Array("hello, chunks".utf8))
        var chunked = Array(
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                .utf8)
        for start in stride(from: 0, to: compressed.count, by: 5) {
            let piece = compressed[start..<min(start + 5, compressed.count)]
            chunked += Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
        }
        try await client.send(chunked + Array("0\r\n\r\n".utf8))
        #expect(try await client.readResponse().text == "hello, chunks")
    }

    @Test func decodedSizeOfExactlyTheLimitPasses() async throws {
        let server = try startServer { $0.maxBodyBytes = 4096 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(post(Gzip.compress([UInt8](repeating: 65, count: 4096))))
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.body.count == 4096)
    }

    @Test func decodedSizeOverTheLimitIs413() async throws {
        let server = try startServer { $0.maxBodyBytes = 4096 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(post(Gzip.compress([UInt8](repeating: 65, count: 4097))))
        #expect(try await client.readResponse().status == 413)

        // The whole compressed body was read, so the connection serves the next request.
        try await client.send("GET /echo?next HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readResponse().header("X-Query") == "next")
    }

    @Test func bombOfTenMegabytesOfZerosIs413() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 10 << 20))
        try await client.send(post(bomb))
        let response = try await client.readResponse()
        #expect(response.status == 413)
        #expect(response.text == "too large")
    }

    @Test func sizeAsSentCountsAgainstTheLimit() async throws {
        let server = try startServer { $0.maxBodyBytes = 100 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let noise = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 17) }
        // A Content-Length over the limit gets its 413 before the body is read.
        try await client.send(post(Gzip.compress(noise)))
        #expect(try await client.readResponse().status == 413)
    }

    @Test(arguments: [
        Array("plain text".utf8),
        Array(Gzip.compress(Array("cut short".utf8)).dropLast(3)),
        Gzip.compress(Array("trailing".utf8)) + [1, 2, 3],
    ])
    func undecodableBodyIs400(body: [UInt8]) async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(post(body))
        #expect(try await client.readResponse().status == 400)
    }

    @Test func emptyGzipBodyStaysEmpty() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(post([]))
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func otherCodingsReachHandlerAsSent() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(post(Array("raw".utf8), coding: "br"))
        #expect(try await client.readResponse().text == "raw")
    }
}

@Suite struct HTTPServerCompressionTests {
    private let body = String(repeating: "0123456789", count: 20)

    private func exchange(
        acceptEncoding: String?, method: String = "POST", minBytes: Int? = 100
    ) async throws -> RawHTTPClient.Response {
        let server = try startServer { $0.gzipMinBytes = minBytes }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let accept = acceptEncoding.map { "Accept-Encoding: \($0)\r\n" } ?? ""
        try await client.send(
            "\(method) /echo HTTP/1.1\r\nHost: t\r\n\(accept)Content-Length: \(body.utf8.count)"
                + "\r\n\r\n\(body)")
        return try await client.readResponse()
    }

    @Test func acceptedGzipCompressesLargeBody() async throws {
        let response = try await exchange(acceptEncoding: "gzip, deflate")
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.header("Vary") == "Accept-Encoding")
        #expect(response.body.count < body.utf8.count)
        #expect(Gzip.decompress(response.body) == Array(body.utf8))
    }

    @Test(arguments: [nil, "gzip;q=0", "identity", "br"])
    func unacceptedGzipSendsBodyAsIs(acceptEncoding: String?) async throws {
        let response = try await exchange(acceptEncoding: acceptEncoding)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.header("Vary") == "Accept-Encoding")
        #expect(response.text == body)
    }

    @Test func bodyUnderTheMinimumIsSentAsIs() async throws {
        let response = try await exchange(acceptEncoding: "gzip", minBytes: 201)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.header("Vary") == nil)
        #expect(response.text == body)
    }

    @Test func compressionIsOffByDefault() async throws {
        let response = try await exchange(acceptEncoding: "gzip", minBytes: nil)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.text == body)
    }
}
