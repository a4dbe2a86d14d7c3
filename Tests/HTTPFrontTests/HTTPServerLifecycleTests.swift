import Foundation
import Testing

@testable import HTTPFront

@Suite struct HTTPServerLifecycleTests {
    @Test func waitingHandlerHoldsNoWorker() async throws {
        let handler = TestHandler()
        let server = try startServer(handler: handler) { $0.threadCount = 1 }
        defer { server.stop() }
        let waiting = try RawHTTPClient(port: server.port)
        try await waiting.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(await eventually { await handler.gate.arrivals == 1 })

        // One worker thread only: this response proves the suspended request does not hold it.
        let other = try RawHTTPClient(port: server.port)
        try await other.send("GET /echo?other HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await other.readResponse().header("X-Query") == "other")

        await handler.gate.open()
        let response = try await waiting.readResponse()
        #expect(response.text == "gate passed")
    }

    @Test func sleepingHandlersRunConcurrently() async throws {
        let server = try startServer()
        defer { server.stop() }
        let clients = try (0..<20).map { _ in try RawHTTPClient(port: server.port) }
        for client in clients {
            try await client.send("GET /sleep?50 HTTP/1.1\r\nHost: t\r\n\r\n")
        }
        for client in clients {
            #expect(try await client.readResponse().text == "slept")
        }
    }

    @Test func clientLeavingDuringHandlerIsHarmless() async throws {
        let handler = TestHandler()
        let server = try startServer(handler: handler)
        defer { server.stop() }
        let leaving = try RawHTTPClient(port: server.port)
        try await leaving.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(await eventually { await handler.gate.arrivals == 1 })
        leaving.disconnect()

        await handler.gate.open()
        #expect(await eventually { await handler.gate.departures == 1 })
        #expect(await eventually { server.openRequestCount == 0 })

        let next = try RawHTTPClient(port: server.port)
        try await next.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await next.readResponse().status == 200)
    }

    @Test func dropConnectionClosesWithoutResponse() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /drop HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readToEnd().isEmpty)
    }

    @Test func screenedRequestClosesAfterResponse() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try await client.send("POST /screened HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 403)
        #expect(response.text == "screened")
        #expect(await client.isClosedByServer())
    }

    @Test func stopClosesRequestWithRunningHandler() async throws {
        let handler = TestHandler()
        let server = try startServer(handler: handler)
        let client = try RawHTTPClient(port: server.port)
        try await client.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(await eventually { await handler.gate.arrivals == 1 })

        server.stop()
        #expect(try await client.readToEnd().isEmpty)
        #expect(server.openRequestCount == 0)

        // The task ends after the daemon is gone; its response must go nowhere.
        await handler.gate.open()
        #expect(await eventually { await handler.gate.departures == 1 })
        server.stop()
    }

    @Test func stopAcceptingKeepsOpenConnections() async throws {
        let server = try startServer()
        defer { server.stop() }
        let open = try RawHTTPClient(port: server.port)
        try await open.send("GET /echo?1 HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await open.readResponse()

        server.stopAccepting()
        server.stopAccepting()
        // A child process that another test spawns keeps a copy of the listening socket until
        // its exec closes it, so the refusal may take a moment.
        #expect(await eventually { (try? RawHTTPClient(port: server.port)) == nil })
        try await open.send("GET /echo?2 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await open.readResponse().header("X-Query") == "2")
    }

    @Test func releasedServerStopsListening() async throws {
        var server: HTTPServer? = try startServer()
        let port = try #require(server?.port)
        server = nil
        // As above, a spawned child may hold the listening socket until its exec.
        #expect(await eventually { (try? RawHTTPClient(port: port)) == nil })
    }

    @Test func servesOnIPv6Loopback() async throws {
        let server = try startServer { $0.host = "::1" }
        defer { server.stop() }
        let client = try RawHTTPClient(host: "::1", port: server.port)
        try await client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await client.readResponse().status == 200)
    }

    @Test func hostNameIsRejected() {
        #expect {
            _ = try startServer { $0.host = "localhost" }
        } throws: { error in
            (error as? HTTPServerError)?.operation == "inet_pton"
        }
    }

    @Test func invalidConfigurationListsEveryProblem() {
        #expect {
            _ = try startServer {
                $0.threadCount = 0
                $0.maxBodyBytes = -1
            }
        } throws: { error in
            let description = String(describing: error)
            return description.contains("threadCount") && description.contains("maxBodyBytes")
        }
    }

    @Test func takenPortNamesStartCall() throws {
        let first = try startServer()
        defer { first.stop() }
        #expect {
            _ = try startServer { $0.port = first.port }
        } throws: { error in
            guard let error = error as? HTTPServerError else { return false }
            return error.operation == "MHD_start_daemon" && error.reason.contains("bind")
        }
    }
}
