import Glibc
import Testing

@testable import Upstream

@Suite struct UpstreamClientFailureTests {
    /// The body that the fake's default request carries; no error may repeat it.
    private let secret = "0123456789abcdef0123456789abcdef"

    @Test func slowServerTimesOutNearDeadline() async throws {
        let server = try FakeServer { _ in .delayed(.seconds(30), .http()) }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }
        let started = ContinuousClock.now

        let error = try #require(
            await client.failure(of: server.request(timeout: .milliseconds(300))))

        let elapsed = ContinuousClock.now - started
        #expect(error.kind == .timedOut)
        #expect(error.curlCode == 28)
        #expect(elapsed >= .milliseconds(250))
        #expect(elapsed < .seconds(5))
        #expect(!error.description.contains(secret))
    }

    @Test func refusedConnectionIsConnectFailed() async throws {
        let (socket, port) = try Socket.listenOnLoopback(listen: false)
        defer { close(socket) }
        let client = try UpstreamClient()
        defer { client.shutdown() }
        let request = UpstreamRequest(
            url: "http://127.0.0.1:\(port)/v2/call", body: [], timeout: .seconds(5))

        let error = try #require(await client.failure(of: request))

        #expect(error.kind == .connectFailed)
        #expect(error.curlCode == 7)
    }

    @Test func closeWithoutAnswerIsEmptyReply() async throws {
        let server = try FakeServer { _ in .close }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: server.request()))

        #expect(error.kind == .emptyReply)
        #expect(error.curlCode == 52)
        #expect(!error.description.contains(secret))
    }

    @Test func resetIsConnectionReset() async throws {
        let server = try FakeServer { _ in .reset }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: server.request()))

        #expect(error.kind == .connectionReset)
    }

    @Test func bodyCutShortIsConnectionReset() async throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"
        let server = try FakeServer { _ in .bytes(Array((head + "partial").utf8), thenClose: true) }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: server.request()))

        #expect(error.kind == .connectionReset)
        #expect(error.curlCode == 18)
    }

    @Test func bodyOverLimitIsResponseTooLarge() async throws {
        let server = try FakeServer { _ in .http(body: [UInt8](repeating: 65, count: 1001)) }
        defer { server.stop() }
        let client = try UpstreamClient(configuration: .init(maxResponseBytes: 1000))
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: server.request()))

        #expect(error.kind == .responseTooLarge)
    }

    @Test func bodyAtLimitIsAccepted() async throws {
        let server = try FakeServer { _ in .http(body: [UInt8](repeating: 65, count: 1000)) }
        defer { server.stop() }
        let client = try UpstreamClient(configuration: .init(maxResponseBytes: 1000))
        defer { client.shutdown() }

        let response = try await client.send(server.request())

        #expect(response.body.count == 1000)
    }

    @Test func decodedGzipOverLimitIsResponseTooLarge() async throws {
        let server = try FakeServer { _ in
            .http(headers: [("Content-Encoding", "gzip")], body: GzipFixture.compressedRun)
        }
        defer { server.stop() }
        let configuration = UpstreamClientConfiguration(maxResponseBytes: 1000)
        let client = try UpstreamClient(configuration: configuration)
        defer { client.shutdown() }

        let error = try #require(await client.failure(of: server.request()))

        #expect(error.kind == .responseTooLarge)
    }

    @Test func decodedGzipAtLimitIsAccepted() async throws {
        let server = try FakeServer { _ in
            .http(headers: [("Content-Encoding", "gzip")], body: GzipFixture.compressedRun)
        }
        defer { server.stop() }
        let configuration = UpstreamClientConfiguration(maxResponseBytes: GzipFixture.runLength)
        let client = try UpstreamClient(configuration: configuration)
        defer { client.shutdown() }

        let response = try await client.send(server.request())

        #expect(response.body.count == GzipFixture.runLength)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "a") })
    }

    @Test func redirectIsNotFollowed() async throws {
        let server = try FakeServer { _ in .http(status: 302, headers: [("Location", "/other")]) }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let response = try await client.send(server.request())

        #expect(response.status == 302)
        #expect(server.requests.count == 1)
    }
}

@Suite struct UpstreamClientQueueingTests {
    @Test func callWaitingForConnectionTimesOut() async throws {
        let server = try FakeServer { request in
            request.body == Array("hang".utf8) ? .hang : .http()
        }
        defer { server.stop() }
        let client = try UpstreamClient(configuration: .init(maxConnectionsPerHost: 1))
        defer { client.shutdown() }
        let blocker = Task { await client.failure(of: server.request(body: "hang")) }
        #expect(await eventually { server.requests.count == 1 })
        let started = ContinuousClock.now

        let error = try #require(
            await client.failure(of: server.request(body: "queued", timeout: .milliseconds(300))))

        let elapsed = ContinuousClock.now - started
        blocker.cancel()
        #expect(error.kind == .timedOut)
        #expect(elapsed < .seconds(5))
        #expect(server.acceptCount == 1)
    }
}
