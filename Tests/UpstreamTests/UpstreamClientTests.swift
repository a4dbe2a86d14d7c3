import Glibc
import Testing

@testable import Upstream

@Suite struct UpstreamClientTests {
    @Test func okResponseCarriesStatusHeadersAndBody() async throws {
        let server = try FakeServer { _ in
            .http(
                status: 200, headers: [("X-Upstream", "fake")],
                body: Array(#"{"success":true}"#.utf8))
        }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let response = try await client.send(server.request())

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"success":true}"#)
        #expect(response.header("x-upstream") == "fake")
        #expect(response.header("Content-Length") == "16")
    }

    @Test func errorStatusIsAResponseNotAFailure() async throws {
        let server = try FakeServer { _ in .http(status: 503, body: Array("busy".utf8)) }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let response = try await client.send(server.request())

        #expect(response.status == 503)
        #expect(response.body == Array("busy".utf8))
    }

    @Test func requestBodyAndHeadersReachServer() async throws {
        let server = try FakeServer { _ in .http() }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }
        let headers = [
            (name: "X-Request-Id", value: "req-42"),
            (name: "Content-Type", value: "application/json; charset=utf-8"),
        ]

        _ = try await client.send(server.request(body: "{\"a\":\"\u{0}é\"}", headers: headers))

        let received = try #require(server.requests.first)
        #expect(received.requestLine == "POST /v2/call HTTP/1.1")
        #expect(received.body == Array("{\"a\":\"\u{0}é\"}".utf8))
        #expect(received.header("X-Request-Id") == "req-42")
        #expect(received.header("Content-Type") == "application/json; charset=utf-8")
        #expect(received.header("Accept") == "application/json")
        #expect(received.header("Accept-Encoding") == "gzip")
        #expect(received.header("Expect") == nil)
    }

    @Test func defaultContentTypeIsJSON() async throws {
        let server = try FakeServer { _ in .http() }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        _ = try await client.send(server.request())

        #expect(server.requests.first?.header("Content-Type") == "application/json")
    }

    @Test func emptyBodyIsSentAsEmptyPost() async throws {
        let server = try FakeServer { _ in .http() }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        _ = try await client.send(server.request(body: ""))

        let received = try #require(server.requests.first)
        #expect(received.requestLine.hasPrefix("POST "))
        #expect(received.header("Content-Length") == "0")
        #expect(received.body.isEmpty)
    }

    @Test func sequentialCallsReuseOneConnection() async throws {
        let server = try FakeServer { _ in .http(body: Array("ok".utf8)) }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        for _ in 0..<5 {
            let response = try await client.send(server.request())
            #expect(response.status == 200)
        }

        #expect(server.requests.count == 5)
        #expect(server.acceptCount == 1)
    }

    @Test func hundredConcurrentCallsComplete() async throws {
        let server = try FakeServer { request in .http(body: request.body) }
        defer { server.stop() }
        let configuration = UpstreamClientConfiguration(maxConnectionsPerHost: 16)
        let client = try UpstreamClient(configuration: configuration)
        defer { client.shutdown() }

        let echoed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let response = try await client.send(server.request(body: "call \(index)"))
                    return response.status == 200 && response.body == Array("call \(index)".utf8)
                }
            }
            return try await group.reduce(into: 0) { count, matched in count += matched ? 1 : 0 }
        }

        #expect(echoed == 100)
        #expect(server.requests.count == 100)
        #expect(server.acceptCount <= 16)
    }

    @Test func gzipResponseIsDecoded() async throws {
        let server = try FakeServer { _ in
            .http(headers: [("Content-Encoding", "gzip")], body: GzipFixture.compressed)
        }
        defer { server.stop() }
        let client = try UpstreamClient()
        defer { client.shutdown() }

        let response = try await client.send(server.request())

        #expect(String(decoding: response.body, as: UTF8.self) == GzipFixture.plainText)
    }
}
