import Foundation
import HTTPFront
import Testing

/// gzip in both directions: request bodies, responses, and Navixy's responses.
@Suite struct GatewayOperationsGzipTests {
    private let adminHeaders = [("Authorization", "Bearer \(GatewayConfigFile.adminKey)")]

    private func putGzip(
        _ gateway: RunningGateway, _ path: String, body: [UInt8], coding: String = "gzip"
    ) async throws -> TestHTTPResponse {
        try await gateway.client.send(
            "PUT", path,
            headers: adminHeaders + [
                ("Content-Type", "application/json"), ("Content-Encoding", coding),
            ],
            body: body)
    }

    @Test func gzipRequestBodyIsDecoded() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let json = #"{"application": "iphone", "token": "gz-token", "categories": "*"}"#
            let answer = try await putGzip(
                setup.gateway, "/v1/subjects/u-1/push-token", body: Gzip.compress(Array(json.utf8)))
            #expect(answer.status == 200)
            #expect(answer.json?["application"] == "navixy_iphone_viewer")
            let bind = try #require(try await setup.simulator.recordedRequests().last)
            #expect(bind["params"]?["token"] == "gz-token")
        }
    }

    @Test func gzipBombIs413AndCostsLittleMemory() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let pid = setup.gateway.process.processIdentifier
            let before = try #require(ProcessFacts.peakResidentBytes(pid: pid))
            let bomb = Gzip.compress([UInt8](repeating: 0, count: 10 << 20))
            for _ in 0..<3 {
                let answer = try await putGzip(
                    setup.gateway, "/v1/subjects/u-1/push-token", body: bomb)
                #expect(answer.status == 413)
                #expect(answer.json?["error"]?["code"] == "body_too_large")
            }
            let after = try #require(ProcessFacts.peakResidentBytes(pid: pid))
            // Decoding all ten megabytes would raise the peak by at least that much.
            #expect(after - before < 4 << 20, "peak memory grew by \(after - before) bytes")
            #expect(try await setup.simulator.recordedRequests().count == 0)
            #expect(try await setup.gateway.send("GET", "/healthz", key: nil).status == 200)
        }
    }

    @Test func undecodableGzipIs400() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let answer = try await putGzip(
                setup.gateway, "/v1/subjects/u-1/push-token", body: Array("{\"not\": 1}".utf8))
            #expect(answer.status == 400)
            #expect(answer.json?["error"]?["code"] == "invalid_json")
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test(arguments: ["br", "deflate", "compress", "gzip, gzip"])
    func otherContentCodingsAre415(coding: String) async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let json = Array(#"{"application": "android", "token": "t"}"#.utf8)
            let answer = try await putGzip(
                setup.gateway, "/v1/subjects/u-1/push-token", body: json, coding: coding)
            #expect(answer.status == 415)
            #expect(answer.json?["error"]?["code"] == "unsupported_media_type")
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func answersAreCompressedWhenTheCallerAccepts() async throws {
        try await GatewayWithSimulator.run(extra: #""gzip_min_bytes": 64"#) { setup in
            // A long subject makes the response long and repetitive enough to shrink.
            let subject = String(repeating: "u", count: 120)
            try await setup.storeSession(subject)
            let path = "/v1/subjects/\(subject)/session"
            let key = GatewayConfigFile.adminKey

            let compressed = try await setup.gateway.send(
                "GET", path, key: key, headers: [("Accept-Encoding", "gzip, br")])
            #expect(compressed.status == 200)
            #expect(compressed.header("Content-Encoding") == "gzip")
            #expect(compressed.header("Vary") == "Accept-Encoding")
            let decoded = try #require(Gzip.decompress(compressed.body))
            #expect(TestJSON(parsing: decoded)?["subject"]?.stringValue == subject)

            for accept in ["gzip;q=0", "identity"] {
                let plain = try await setup.gateway.send(
                    "GET", path, key: key, headers: [("Accept-Encoding", accept)])
                #expect(plain.header("Content-Encoding") == nil)
                #expect(plain.header("Vary") == "Accept-Encoding")
                #expect(plain.json?["subject"]?.stringValue == subject)
            }
            let unasked = try await setup.gateway.send("GET", path, key: key)
            #expect(unasked.header("Content-Encoding") == nil)

            let small = try await setup.gateway.send(
                "GET", "/healthz", key: nil, headers: [("Accept-Encoding", "gzip")])
            #expect(small.header("Content-Encoding") == nil)
            #expect(small.header("Vary") == nil)
        }
    }

    @Test func metricsScrapeIsCompressedByDefault() async throws {
        try await GatewayWithSimulator.run { setup in
            let answer = try await setup.gateway.send(
                "GET", "/metrics", key: nil, headers: [("Accept-Encoding", "gzip")])
            #expect(answer.header("Content-Encoding") == "gzip")
            let text = String(decoding: try #require(Gzip.decompress(answer.body)), as: UTF8.self)
            #expect(text.contains("navixy_gateway_build_info"))
        }
    }

    @Test func navixyGzipAnswersAreDecoded() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            try await setup.simulator.addFaults(#"{"gzip": true}"#, #"{"code": 4, "gzip": true}"#)
            let bound = try await setup.bind("u-1", #"{"application": "android", "token": "t"}"#)
            #expect(bound.status == 200)
            let ended = try await setup.bind("u-1", #"{"application": "android", "token": "t"}"#)
            #expect(ended.status == 409)
            #expect(ended.json?["error"]?["upstream"]?["code"] == 4)

            // The gateway requests gzip, and the simulator's step compresses either way.
            let calls = try await setup.simulator.recordedRequests()
            #expect(calls.count == 2)
            for call in calls {
                let accepted = call["headers"]?["accept-encoding"]?.stringValue ?? ""
                #expect(accepted.contains("gzip"))
                #expect(call["fault"]?["gzip"] == true)
            }
        }
    }

    @Test func simulatorSendsGzipUnasked() async throws {
        try await NavixySimulator.run { simulator in
            try await simulator.addFaults(#"{"gzip": true}"#)
            let answer = try await simulator.callNavixy(
                "user/auth", json: #"{"login": "a", "password": "b"}"#)
            #expect(answer.header("Content-Encoding") == "gzip")
            let decoded = try #require(Gzip.decompress(answer.body))
            #expect(TestJSON(parsing: decoded)?["success"] == true)
        }
    }
}
