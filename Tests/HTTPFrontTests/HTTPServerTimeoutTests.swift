import Foundation
import Testing

@testable import HTTPFront

@Suite struct HTTPServerTimeoutTests {
    private func startTimedServer(header: Int = 300, body: Int = 300) throws -> HTTPServer {
        try startServer {
            $0.headerTimeout = .milliseconds(header)
            $0.bodyTimeout = .milliseconds(body)
        }
    }

    @Test func slowHeadIsCutWith408WhileOthersAreServed() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let slow = try RawHTTPClient(port: server.port)
        try await slow.send("GET /echo HTTP/1.1\r\nHost: t\r\n")

        let other = try RawHTTPClient(port: server.port)
        try await other.send("GET /echo?other HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await other.readResponse().header("X-Query") == "other")

        let reply = String(decoding: try await slow.readToEnd(), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 408 "))
        #expect(await eventually { server.statistics.timedOutConnections == 1 })
        #expect(await eventually { server.openRequestCount == 0 })
    }

    @Test func idleConnectionsMakeRoomAtTheLimit() async throws {
        let server = try startServer {
            $0.maxConnections = 4
            $0.headerTimeout = .milliseconds(2000)
        }
        defer { server.stop() }
        var idle: [RawHTTPClient] = []
        for index in 0..<4 {
            let client = try RawHTTPClient(port: server.port)
            try await client.send("GET /echo?idle\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            idle.append(client)
        }

        let late = try RawHTTPClient(port: server.port)
        try await late.send("GET /echo?late HTTP/1.1\r\nHost: t\r\n\r\n")

        #expect(try await late.readResponse().header("X-Query") == "late")
        #expect(server.statistics.reclaimedIdleConnections >= 1)
        #expect(server.statistics.timedOutConnections == 0)
        _ = idle
    }

    @Test func silentConnectionIsCut() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let silent = try RawHTTPClient(port: server.port)
        let reply = String(decoding: try await silent.readToEnd(), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 408 "))
        #expect(await eventually { server.statistics.openConnections == 0 })
    }

    @Test func tricklingHeadIsCutAlthoughBytesKeepComing() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let slow = try RawHTTPClient(port: server.port)
        try await slow.send("GET /echo HTTP/1.1\r\n")
        var cut = false
        for _ in 0..<40 where !cut {
            try await Task.sleep(for: .milliseconds(50))
            do { try await slow.send("X: y\r\n") } catch { cut = true }
        }
        #expect(await eventually { server.statistics.timedOutConnections == 1 })
    }

    @Test func slowBodyIsCut() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let slow = try RawHTTPClient(port: server.port)
        try await slow.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        let reply = String(decoding: try await slow.readToEnd(), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 408 "))
        #expect(await eventually { server.openRequestCount == 0 })
    }

    @Test func slowHandlerIsNotCut() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /sleep?800 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readResponse().text == "slept")
        #expect(server.statistics.timedOutConnections == 0)
    }

    @Test func idleKeptAliveConnectionOutlivesHeaderTimeout() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /echo?1 HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await client.readResponse()
        // Idle for three header timeouts: only the idle timeout applies between requests.
        try await Task.sleep(for: .milliseconds(900))
        try await client.send("GET /echo?2 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readResponse().header("X-Query") == "2")
        #expect(server.statistics.timedOutConnections == 0)
    }

    @Test func slowLaterHeadOnKeptAliveConnectionIsCut() async throws {
        let server = try startTimedServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /echo?1 HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await client.readResponse()
        try await Task.sleep(for: .milliseconds(500))
        // Half a request line: libmicrohttpd reports nothing, the kernel's byte count does.
        try await client.send("GET /ec")
        let reply = String(decoding: try await client.readToEnd(), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 408 "))
    }

    @Test func statisticsCountConnectionsAndRequests() async throws {
        let handler = TestHandler()
        let server = try startServer(handler: handler)
        defer { server.stop() }
        let waiting = try RawHTTPClient(port: server.port)
        try await waiting.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
        let idle = try RawHTTPClient(port: server.port)
        #expect(await eventually { server.statistics.openConnections == 2 })
        #expect(await eventually { server.statistics.openRequests == 1 })

        await handler.gate.open()
        _ = try await waiting.readResponse()
        waiting.disconnect()
        idle.disconnect()
        #expect(await eventually { server.statistics.openConnections == 0 })
        #expect(server.statistics.openRequests == 0)
        #expect(server.statistics.timedOutConnections == 0)
    }

    @Test func disabledKeepAliveClosesAfterResponse() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readResponse().header("Connection") != "close")

        server.disableKeepAlive()
        try await client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(await client.isClosedByServer())
    }
}
