import Testing

@testable import Upstream

@Suite struct UpstreamClientLifecycleTests {
    @Test func shutdownFailsPendingCalls() async throws {
        let server = try FakeServer { _ in .hang }
        defer { server.stop() }
        let client = try UpstreamClient()
        let calls = (0..<3).map { _ in Task { await client.failure(of: server.request()) } }
        #expect(await eventually { server.requests.count == 3 })

        client.shutdown()

        for call in calls {
            let error = await call.value
            #expect(error?.kind == .shutDown)
        }
    }

    @Test func sendAfterShutdownFails() async throws {
        let server = try FakeServer { _ in .http() }
        defer { server.stop() }
        let client = try UpstreamClient()
        client.shutdown()
        client.shutdown()

        let error = try #require(await client.failure(of: server.request()))

        #expect(error.kind == .shutDown)
        #expect(server.acceptCount == 0)
    }

    @Test func cancellingTaskAbortsItsTransfer() async throws {
        let server = try FakeServer { request in
            request.body == Array("hang".utf8) ? .hang : .http(body: Array("ok".utf8))
        }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }
        let call = Task { await client.failure(of: server.request(body: "hang")) }
        #expect(await eventually { server.requests.count == 1 })

        call.cancel()
        let error = await call.value
        let response = try await client.send(server.request(body: "next"))

        #expect(error?.kind == .cancelled)
        #expect(response.body == Array("ok".utf8))
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        let server = try FakeServer { _ in .http() }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await client.failure(of: server.request())
        }
        let error = await call.value

        #expect(error?.kind == .cancelled)
        #expect(server.acceptCount == 0)
    }

    @Test(arguments: [
        ("ftp://127.0.0.1/file", [(name: String, value: String)](), Duration.seconds(1)),
        ("http://", [], .seconds(1)),
        ("http://127.0.0.1/", [(name: "X-Request-Id", value: "a\r\nHost: evil")], .seconds(1)),
        ("http://127.0.0.1/", [(name: "Bad Name", value: "x")], .seconds(1)),
        ("http://127.0.0.1/", [], .zero),
    ])
    func invalidRequestIsRejected(
        url: String, headers: [(name: String, value: String)], timeout: Duration
    ) async throws {
        let client = try UpstreamClient()
        defer { client.shutdown() }
        let request = UpstreamRequest(url: url, body: [], headers: headers, timeout: timeout)

        let error = try #require(await client.failure(of: request))

        #expect(error.kind == .invalidRequest)
    }

    @Test func outOfRangeConfigurationIsRejected() {
        let configurations = [
            UpstreamClientConfiguration(maxConnectionsPerHost: 0),
            UpstreamClientConfiguration(maxCachedConnections: 0),
            UpstreamClientConfiguration(maxResponseBytes: 0),
            UpstreamClientConfiguration(connectTimeout: .zero),
            UpstreamClientConfiguration(systemCAPath: ""),
        ]
        for configuration in configurations {
            let error = #expect(throws: UpstreamError.self) {
                try UpstreamClient(configuration: configuration)
            }
            #expect(error?.kind == .invalidConfiguration)
        }
    }
}
