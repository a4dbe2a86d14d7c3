import Foundation
import Testing

@testable import HTTPFront

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct HTTPServerBasicTests {
    @Test func echoesHeadAndBody() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "POST /echo%2Fx?a=1&b HTTP/1.1\r\nHost: t\r\nX-One: 1\r\nContent-Length: 5\r\n\r\nhello"
        )
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello")
        #expect(response.header("X-Method") == "POST")
        #expect(response.header("X-Target") == "/echo%2Fx?a=1&b")
        #expect(response.header("X-Path") == "/echo%2Fx")
        #expect(response.header("X-Query") == "a=1&b")
        #expect(response.header("X-Version") == "HTTP/1.1")
        #expect(response.header("X-Header-Names") == "Host,X-One,Content-Length")
        #expect(response.header("Content-Type") == "application/octet-stream")
        #expect(response.header("Date") != nil)
    }

    @Test func repeatedHeadersKeepOrder() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "GET /echo HTTP/1.1\r\nHost: t\r\nX-Tag: a\r\nx-tag: b\r\nX-TAG: c\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.header("X-Tags") == "a,b,c")
    }

    @Test func keepAliveReusesConnection() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        for index in 0..<5 {
            try await client.send(
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\n\(index)")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "\(index)")
            #expect(response.header("Connection")?.lowercased() != "close")
        }
    }

    @Test func pipelinedRequestsRespondInOrder() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let requests = (0..<4).map { index in
            "POST /echo?\(index) HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nab\(index)"
        }
        try await client.send(requests.joined())
        for index in 0..<4 {
            let response = try await client.readResponse()
            #expect(response.header("X-Query") == "\(index)")
            #expect(response.text == "ab\(index)")
        }
    }

    @Test func http10ClosesAfterResponse() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /echo HTTP/1.0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("X-Version") == "HTTP/1.0")
        #expect(await client.isClosedByServer())
    }

    @Test func expectContinueGetsInterimResponse() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "PUT /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try await client.readResponse()
        #expect(interim.status == 100)

        try await client.send("body")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "body")
    }

    @Test func chunkedBodyIsJoined() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "abcde")
    }

    @Test func headRequestGetsNoBody() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send(
            "HEAD /echo HTTP/1.1\r\nHost: t\r\n\r\nGET /echo?next HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try await client.readHeadOnly()
        #expect(head.status == 200)
        let next = try await client.readResponse()
        #expect(next.header("X-Query") == "next")
    }

    @Test func responseHeaderWithLineBreakIsLeftOut() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /bad-header HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("X-Good") == "yes")
        #expect(response.header("X-Injected") == nil)
        #expect(response.header("Set-Cookie") == nil)
    }

    /// Checks interoperability with a common client: the curl command line. It runs in its own
    /// process because proxy variables that other suites set for this process would reroute
    /// an in-process client such as URLSession.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func curlGetsEcho() async throws {
        let server = try startServer()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("front-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = folder.appendingPathComponent("body")
        let headers = folder.appendingPathComponent("headers")

        let status = try await runTool(
            "/usr/bin/curl",
            [
                "--silent", "--noproxy", "*", "--max-time", "5", "-X", "PUT", "--data", "{\"a\":1}",
                "--output", body.path, "--dump-header", headers.path,
                "http://127.0.0.1:\(server.port)/echo?q=1",
            ])

        #expect(status == 0)
        #expect(try String(contentsOf: body, encoding: .utf8) == "{\"a\":1}")
        let head = try String(contentsOf: headers, encoding: .utf8)
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(head.lowercased().contains("x-query: q=1"))
    }

    @Test func everyRequestContextIsReleased() async throws {
        let server = try startServer()
        let client = try RawHTTPClient(port: server.port)
        for _ in 0..<3 {
            try await client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
        }
        #expect(await eventually { server.openRequestCount == 0 })
        server.stop()
        #expect(server.openRequestCount == 0)
    }
}
