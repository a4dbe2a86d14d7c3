import Foundation
import Testing

/// Clients that are slow, malformed, old, pipelined, impatient or numerous.
@Suite struct GatewayOperationsHostileClientTests {
    private let authorization = "Authorization: Bearer \(GatewayConfigFile.adminKey)\r\n"
    private let bindJSON = #"{"application": "android", "token": "hostile-token"}"#

    private func bindRequest(_ subject: String, version: String = "HTTP/1.1", extra: String = "")
        -> String
    {
        "PUT /v1/subjects/\(subject)/push-token \(version)\r\nHost: gw\r\n\(authorization)"
            + "Content-Type: application/json\r\nContent-Length: \(bindJSON.utf8.count)\r\n"
            + "\(extra)\r\n\(bindJSON)"
    }

    @Test func slowHeadersClientDoesNotStarveOthers() async throws {
        let limits = #""limits": {"header_timeout_ms": 500, "max_connections": 4}"#
        try await GatewayWithSimulator.run(extra: limits) { setup in
            try await setup.storeSession("u-1")
            // Half-sent heads take every connection slot.
            var slow: [StreamConnection] = []
            for _ in 0..<4 {
                let connection = try StreamConnection(port: setup.gateway.port)
                try await connection.send("GET /healthz HTTP/1.1\r\nHost: gw\r\n")
                slow.append(connection)
            }
            // This call waits in the listen backlog until the watchdog frees the slots.
            let answer = try await setup.bind("u-1", bindJSON)
            #expect(answer.status == 200)
            for connection in slow {
                let reply = String(decoding: try await connection.readToEnd(), as: UTF8.self)
                #expect(reply.hasPrefix("HTTP/1.1 408 "))
            }
            let scrape = try await MetricsScrape.fetch(from: setup.gateway)
            #expect(scrape["navixy_gateway_http_request_timeouts_total"] == 4)
        }
    }

    @Test func slowBodyIsCutAndNeverForwarded() async throws {
        try await GatewayWithSimulator.run(extra: #""limits": {"header_timeout_ms": 300}"#) {
            setup in
            try await setup.storeSession("u-1")
            let connection = try StreamConnection(port: setup.gateway.port)
            let request = bindRequest("u-1")
            try await connection.send(String(request.dropLast(10)))
            let reply = String(decoding: try await connection.readToEnd(), as: UTF8.self)
            #expect(reply.hasPrefix("HTTP/1.1 408 "))
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func headersOverTheLimitGet431() async throws {
        try await GatewayWithSimulator.run(extra: #""limits": {"max_header_bytes": 2048}"#) {
            setup in
            let big = String(repeating: "x", count: 3000)
            let answer = try await setup.gateway.send(
                "GET", "/healthz", key: nil, headers: [("X-Big", big)])
            #expect(answer.status == 431)
            #expect(answer.json?["error"]?["code"] == "headers_too_large")
            #expect(answer.header("X-Request-Id")?.isEmpty == false)
            let huge = String(repeating: "y", count: 200_000)
            _ = try? await setup.gateway.send(
                "GET", "/healthz", key: nil, headers: [("X-Huge", huge)])
            #expect(try await setup.gateway.send("GET", "/healthz", key: nil).status == 200)
            #expect(setup.gateway.process.exitStatus == nil)
        }
    }

    @Test func lengthWithChunkedFramingIsRejected() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let smuggled = bindRequest("u-1")
            let body = "0\r\n\r\n" + smuggled
            let request =
                "PUT /v1/subjects/u-1/push-token HTTP/1.1\r\nHost: gw\r\n\(authorization)"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n\(body)"
            let reply = try await setup.gateway.client.sendRaw(Array(request.utf8))
            #expect(String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
            let answer = try TestHTTPResponse(parsing: reply)
            #expect(answer.json?["error"]?["code"] == "malformed_request")
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func http10ClientIsServed() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let request = bindRequest("u-1", version: "HTTP/1.0")
            let reply = try await setup.gateway.client.sendRaw(Array(request.utf8))
            let answer = try TestHTTPResponse(parsing: reply)
            #expect(answer.status == 200)
            #expect(answer.json?["application"] == "navixy_android_viewer")
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let connection = try StreamConnection(port: setup.gateway.port)
            let requests =
                "GET /v1/subjects/u-1/session HTTP/1.1\r\nHost: gw\r\n\(authorization)"
                + "X-Request-Id: first\r\n\r\n"
                + bindRequest("u-1", extra: "X-Request-Id: second\r\n")
                + "GET /healthz HTTP/1.1\r\nHost: gw\r\nX-Request-Id: third\r\n\r\n"
            try await connection.send(requests)
            let first = try await connection.readResponse()
            let second = try await connection.readResponse()
            let third = try await connection.readResponse()
            #expect(first.header("X-Request-Id") == "first")
            #expect(first.status == 200)
            #expect(second.header("X-Request-Id") == "second")
            #expect(second.status == 200)
            #expect(third.header("X-Request-Id") == "third")
            #expect(third.status == 200)
        }
    }

    @Test func expectContinueSendsBodyAfter100() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let connection = try StreamConnection(port: setup.gateway.port)
            let request = bindRequest("u-1", extra: "Expect: 100-continue\r\n")
            let headEnd = request.range(of: "\r\n\r\n")!.upperBound
            try await connection.send(String(request[..<headEnd]))
            #expect(try await connection.readInterimStatusLine() == "HTTP/1.1 100 Continue")
            try await connection.send(String(request[headEnd...]))
            #expect(try await connection.readResponse().status == 200)
        }
    }

    @Test func refusedExpectContinueNeverUploads() async throws {
        try await GatewayWithSimulator.run { setup in
            let connection = try StreamConnection(port: setup.gateway.port)
            try await connection.send(
                "PUT /v1/subjects/u-1/push-token HTTP/1.1\r\nHost: gw\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 50000\r\n"
                    + "Expect: 100-continue\r\n\r\n")
            let answer = try await connection.readResponse()
            #expect(answer.status == 401)
        }
    }

    @Test func clientHangingUpMidCallFreesEverything() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            try await setup.simulator.addFaults(#"{"delay_ms": 1000}"#)
            let connection = try StreamConnection(port: setup.gateway.port)
            try await connection.send(bindRequest("u-1"))
            try await waitUntil("the bind reaches the simulator") {
                try await setup.simulator.recordedRequests().count == 1
            }
            connection.hangUp()

            // The scrape itself is the only request left once the abandoned call ends.
            try await waitUntil("the abandoned call is released") {
                let scrape = try await MetricsScrape.fetch(from: setup.gateway)
                return scrape["navixy_gateway_requests_in_flight"] == 1
                    && scrape["navixy_gateway_http_open_requests"] == 1
                    && scrape[
                        "navixy_gateway_requests_total",
                        [
                            "route": "/v1/subjects/{subject}/push-token", "method": "PUT",
                            "status": "200",
                        ]] == 1
            }
            #expect(try await setup.gateway.send("GET", "/healthz", key: nil).status == 200)
        }
    }

    @Test func connectionsPastTheLimitWaitThenGetServed() async throws {
        try await GatewayWithSimulator.run(extra: #""limits": {"max_connections": 2}"#) { setup in
            // Unfinished heads hold the slots: busy connections, which are never reclaimed.
            var open: [StreamConnection] = []
            for index in 0..<2 {
                let connection = try StreamConnection(port: setup.gateway.port)
                try await connection.send("GET /healthz?\(index) HTTP/1.1\r\nHost: gw\r\n")
                open.append(connection)
            }
            let waiting = try StreamConnection(port: setup.gateway.port, timeout: .seconds(1))
            try await waiting.send("GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n")
            // Connected in the kernel's backlog, but not yet accepted, so no response comes.
            await #expect(throws: EndToEndError.self) { try await waiting.readResponse() }

            open[0].hangUp()
            waiting.setTimeout(.seconds(10))
            #expect(try await waiting.readResponse().status == 200)
        }
    }

    @Test func idleConnectionsDoNotLockOutProbes() async throws {
        try await GatewayWithSimulator.run(extra: #""limits": {"max_connections": 2}"#) { setup in
            var idle: [StreamConnection] = []
            for index in 0..<2 {
                let connection = try StreamConnection(port: setup.gateway.port)
                try await connection.send("GET /healthz?\(index) HTTP/1.1\r\nHost: gw\r\n\r\n")
                #expect(try await connection.readResponse().status == 200)
                idle.append(connection)
            }

            let probe = try await setup.gateway.send("GET", "/readyz", key: nil)

            #expect(probe.status == 200)
            let scrape = try await MetricsScrape.fetch(from: setup.gateway)
            #expect((scrape["navixy_gateway_http_idle_connections_closed_total"] ?? 0) >= 1)
            _ = idle
        }
    }
}
