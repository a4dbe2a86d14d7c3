import Foundation
import Testing

/// What callers see for each way Navixy can fail, with one attempt per call.
@Suite struct GatewayUpstreamErrorTests {
    private let body = #"{"application": "android", "token": "abc"}"#

    /// Binds once, in a region that makes one attempt per call, with the simulator's next
    /// answer scripted by `fault`.
    private func bind(withFault fault: String, regionExtra: String = "") async throws
        -> TestHTTPResponse
    {
        let oneAttempt = #""retry": {"max_attempts": 1}"#
        let settings = regionExtra.isEmpty ? oneAttempt : oneAttempt + ", " + regionExtra
        return try await GatewayWithSimulator.run(regionExtra: settings) { setup in
            try await setup.storeSession("u-1")
            try await setup.simulator.addFaults(fault)
            return try await setup.bind("u-1", body)
        }
    }

    @Test func navixyCode7IsRejected() async throws {
        let answer = try await bind(withFault: #"{"code": 7, "description": "Invalid parameters"}"#)
        #expect(answer.status == 422)
        #expect(answer.json?["error"]?["code"] == "upstream_rejected")
        #expect(answer.json?["error"]?["upstream"]?["code"] == 7)
        #expect(answer.json?["error"]?["upstream"]?["description"] == "Invalid parameters")
    }

    @Test func navixyCode3EndsTheSession() async throws {
        let answer = try await bind(withFault: #"{"code": 3, "description": "Wrong hash"}"#)
        #expect(answer.status == 409)
        #expect(answer.json?["error"]?["code"] == "session_ended")
    }

    @Test func navixyServerErrorsAreUnavailable() async throws {
        for fault in [
            #"{"status": 503, "code": 8, "description": "Queue service error"}"#,
            #"{"status": 500, "code": 1, "description": "Database error"}"#,
            #"{"status": 502, "body": "<html>Bad gateway</html>", "content_type": "text/html"}"#,
        ] {
            let answer = try await bind(withFault: fault)
            #expect(answer.status == 503, "\(fault)")
            #expect(answer.json?["error"]?["code"] == "upstream_unavailable", "\(fault)")
        }
    }

    @Test func upstreamObjectOnlyForNavixyJSON() async throws {
        let navixy = try await bind(
            withFault: #"{"status": 503, "code": 8, "description": "Queue"}"#)
        #expect(navixy.json?["error"]?["upstream"]?["code"] == 8)
        let page = try await bind(withFault: #"{"status": 503, "body": "down"}"#)
        #expect(page.json?["error"]?["upstream"] == nil)
    }

    @Test func rateLimitIs429() async throws {
        let coded = try await bind(
            withFault: #"{"status": 429, "code": 15, "description": "Too many requests"}"#)
        #expect(coded.status == 429)
        #expect(coded.json?["error"]?["code"] == "rate_limited")
        let plain = try await bind(withFault: #"{"status": 429, "body": "slow down"}"#)
        #expect(plain.status == 429)
        #expect(plain.json?["error"]?["code"] == "rate_limited")
    }

    @Test func answerThatIsNotNavixyJSONIsBadGateway() async throws {
        for fault in [
            #"{"status": 200, "body": "<html>login</html>", "content_type": "text/html"}"#,
            #"{"status": 404, "body": "not found"}"#,
            #"{"status": 200, "body": "{\"unexpected\": true}"}"#,
        ] {
            let answer = try await bind(withFault: fault)
            #expect(answer.status == 502, "\(fault)")
            #expect(answer.json?["error"]?["code"] == "bad_upstream_response", "\(fault)")
        }
    }

    @Test func droppedConnectionIsUnavailable() async throws {
        let answer = try await bind(withFault: #"{"drop": true}"#)
        #expect(answer.status == 503)
        #expect(answer.json?["error"]?["code"] == "upstream_unavailable")
    }

    @Test func slowNavixyTimesOut() async throws {
        let answer = try await bind(
            withFault: #"{"delay_ms": 3000}"#, regionExtra: #""timeout_ms": 300"#)
        #expect(answer.status == 504)
        #expect(answer.json?["error"]?["code"] == "upstream_timeout")
    }

    @Test func unreachableRegionIsUnavailable() async throws {
        try await TemporaryFolder.with { folder in
            let closedPort = try ReservedLoopbackPort()
            defer { withExtendedLifetime(closedPort) {} }
            let configuration = GatewayConfigFile.json(
                folder: folder, regions: ["eu": "http://127.0.0.1:\(closedPort.port)/v2"])
            try await RunningGateway.run(configuration: configuration, folder: folder) { gateway in
                let stored = try await gateway.send(
                    "PUT", "/v1/subjects/u-1/session",
                    json: #"{"hash": "22eac1c27af4be7b9d04da2ce1af111b", "region": "eu"}"#,
                    key: GatewayConfigFile.adminKey)
                #expect(stored.status == 201)
                let answer = try await gateway.send(
                    "PUT", "/v1/subjects/u-1/push-token", json: body,
                    key: GatewayConfigFile.adminKey)
                #expect(answer.status == 503)
                #expect(answer.json?["error"]?["code"] == "upstream_unavailable")
            }
        }
    }
}

/// Proxy variables in the gateway's environment must not reroute calls to Navixy, which would
/// send session hashes through a host nobody configured. The variables are given to the
/// gateway process alone: changing this test process's environment would race with every
/// test that starts a process.
@Suite struct GatewayProxyEnvironmentTests {
    @Test func proxyVariablesAreIgnored() async throws {
        try await TemporaryFolder.with { folder in
            try await NavixySimulator.run { proxy in
                try await NavixySimulator.run { navixy in
                    let proxyURL = "http://127.0.0.1:\(proxy.port)"
                    let configuration = GatewayConfigFile.json(
                        folder: folder, regions: ["eu": navixy.baseURL])
                    let environment = [
                        "http_proxy": proxyURL, "HTTP_PROXY": proxyURL, "https_proxy": proxyURL,
                        "ALL_PROXY": proxyURL, "no_proxy": "",
                    ]
                    try await RunningGateway.run(
                        configuration: configuration, folder: folder, environment: environment
                    ) { gateway in
                        let setup = GatewayWithSimulator(gateway: gateway, simulator: navixy)
                        try await setup.storeSession("u-1")
                        let answer = try await setup.bind(
                            "u-1", #"{"application": "android", "token": "abc"}"#)
                        #expect(answer.status == 200)
                    }
                    #expect(try await navixy.recordedRequests().count == 1)
                    #expect(try await proxy.recordedRequests().isEmpty)
                }
            }
        }
    }
}
