import Foundation
import Testing

@testable import HTTPFront

@Suite struct HTTPServerLimitTests {
    @Test func bodyOfExactLimitPasses() async throws {
        let server = try startServer { $0.maxBodyBytes = 8 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 8\r\n\r\n12345678")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "12345678")
    }

    @Test func declaredLengthOverLimitRespondsAtOnce() async throws {
        let server = try startServer { $0.maxBodyBytes = 8 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        // The body is never sent: the response must come from the head alone.
        try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 413)
        #expect(response.text == "too large")
        #expect(await client.isClosedByServer())
    }

    @Test func declaredLengthOverLimitSkipsContinue() async throws {
        let server = try startServer { $0.maxBodyBytes = 8 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "PUT /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 413)
    }

    @Test func chunkedBodyOverLimitRespondsAtEnd() async throws {
        let server = try startServer { $0.maxBodyBytes = 8 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 413)

        // The whole body was read, so the connection stays usable.
        try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok")
        let next = try await client.readResponse()
        #expect(next.status == 200)
        #expect(next.text == "ok")
    }

    @Test func endlessChunkedBodyIsCutOff() async throws {
        let server = try startServer { $0.maxBodyBytes = 8 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 65, count: 0x10000) + [13, 10]
        var sendFailed = false
        for _ in 0..<40 {
            do {
                try await client.send(chunk)
            } catch {
                sendFailed = true
                break
            }
        }
        // Past 1 MiB of dropped body the server closes without a response.
        let rest = (try? await client.readToEnd()) ?? []
        #expect(sendFailed || rest.isEmpty)
        #expect(!String(decoding: rest, as: UTF8.self).contains("HTTP/1.1 413"))
    }

    @Test func headOverLimitGets431() async throws {
        let server = try startServer { $0.maxHeaderBytes = 2048 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        // Request line 20, "Host: t" line 9, "X-Big: ..." line 9 + n, end 2: 2049 bytes.
        let filler = String(repeating: "a", count: 2048 - 40 + 1)
        try await client.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: \(filler)\r\n\r\n")
        #expect(try await client.readResponse().status == 431)
    }

    @Test func headAtLimitPasses() async throws {
        let server = try startServer { $0.maxHeaderBytes = 2048 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        // "GET /echo HTTP/1.1" line 20, "Host: t" line 9, "X-Big: ..." line 9 + n, end 2.
        let filler = String(repeating: "a", count: 2048 - 40)
        try await client.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: \(filler)\r\n\r\n")
        #expect(try await client.readResponse().status == 200)
    }

    @Test func longRequestLineGets414() async throws {
        let server = try startServer { $0.maxHeaderBytes = 2048 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let path = "/" + String(repeating: "p", count: 3000)
        try await client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readResponse().status == 414)
    }

    @Test(arguments: [
        "GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 40000))\r\n\r\n",
        "GET /\(String(repeating: "p", count: 40000)) HTTP/1.1\r\nHost: t\r\n\r\n",
    ])
    func headFarOverLimitIsRejected(request: String) async throws {
        let server = try startServer { $0.maxHeaderBytes = 2048 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try? await client.send(request)
        // libmicrohttpd responds to these itself (431 or 414) or closes the connection.
        let reply = String(decoding: (try? await client.readToEnd()) ?? [], as: UTF8.self)
        #expect(!reply.hasPrefix("HTTP/1.1 200"))

        let after = try RawHTTPClient(port: server.port)
        try await after.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await after.readResponse().status == 200)
    }

    @Test func idleConnectionIsClosed() async throws {
        let server = try startServer { $0.idleTimeoutSeconds = 1 }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port, timeoutSeconds: 4)
        #expect(await client.isClosedByServer())
    }

    @Test func connectionsPastLimitWaitForFreeSlot() async throws {
        let server = try startServer { $0.maxConnections = 2 }
        defer { server.stop() }
        let first = try RawHTTPClient(port: server.port)
        let second = try RawHTTPClient(port: server.port)
        try await first.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        try await second.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await first.readResponse()
        _ = try await second.readResponse()

        let third = try RawHTTPClient(port: server.port, timeoutSeconds: 1)
        try await third.send("GET /echo?third HTTP/1.1\r\nHost: t\r\n\r\n")
        await #expect(throws: RawHTTPClient.ClientError.self) { try await third.readResponse() }

        first.disconnect()
        third.setTimeout(seconds: 5)
        let response = try await third.readResponse()
        #expect(response.header("X-Query") == "third")
    }
}
