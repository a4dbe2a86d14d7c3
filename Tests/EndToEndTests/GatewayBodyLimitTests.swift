import Foundation
import Testing

/// The body limit and media types, with a small `max_body_bytes` so that tests stay cheap.
@Suite struct GatewayBodyLimitTests {
    private static let limit = 512

    /// A bind body of exactly `size` bytes, padded inside the token.
    private func bindBody(size: Int) -> String {
        let frame = #"{"application": "android", "token": ""}"#
        let token = String(repeating: "t", count: size - frame.utf8.count)
        return #"{"application": "android", "token": "\#(token)"}"#
    }

    private func withSmallLimit(_ body: (GatewayWithSimulator) async throws -> Void) async throws {
        try await GatewayWithSimulator.run(
            extra: #""limits": {"max_body_bytes": \#(Self.limit)}"#, body)
    }

    @Test func bodyAtTheLimitPasses() async throws {
        try await withSmallLimit { setup in
            try await setup.storeSession("u-1")
            let answer = try await setup.bind("u-1", bindBody(size: Self.limit))
            #expect(answer.status == 200)
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        try await withSmallLimit { setup in
            try await setup.storeSession("u-1")
            let answer = try await setup.bind("u-1", bindBody(size: Self.limit + 1))
            #expect(answer.status == 413)
            #expect(answer.json?["error"]?["code"] == "body_too_large")
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func chunkedBodyOverTheLimitIs413() async throws {
        try await withSmallLimit { setup in
            try await setup.storeSession("u-1")
            let body = Array(bindBody(size: Self.limit * 4).utf8)
            var chunked: [UInt8] = []
            for chunk in stride(from: 0, to: body.count, by: 100) {
                let piece = body[chunk..<min(chunk + 100, body.count)]
                chunked +=
                    Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
            }
            chunked += Array("0\r\n\r\n".utf8)
            let answer = try await setup.gateway.client.send(
                "PUT", "/v1/subjects/u-1/push-token",
                headers: [
                    ("Authorization", "Bearer \(GatewayConfigFile.adminKey)"),
                    ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked"),
                ], body: chunked)
            #expect(answer.status == 413)
            #expect(answer.json?["error"]?["code"] == "body_too_large")
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func sizeIsCheckedBeforeMediaType() async throws {
        try await withSmallLimit { setup in
            let answer = try await setup.gateway.client.send(
                "PUT", "/v1/subjects/u-1/push-token",
                headers: [
                    ("Authorization", "Bearer \(GatewayConfigFile.adminKey)"),
                    ("Content-Type", "text/plain"),
                ], body: Array(bindBody(size: Self.limit + 1).utf8))
            #expect(answer.status == 413)
            #expect(answer.json?["error"]?["code"] == "body_too_large")
        }
    }

    @Test func unsupportedMediaTypes() async throws {
        try await withSmallLimit { setup in
            try await setup.storeSession("u-1")
            let headerSets: [[(name: String, value: String)]] = [
                [("Content-Type", "text/plain")],
                [("Content-Type", "application/x-www-form-urlencoded")],
                [],
                [("Content-Type", "application/json"), ("Content-Encoding", "br")],
            ]
            for headers in headerSets {
                let answer = try await setup.gateway.client.send(
                    "PUT", "/v1/subjects/u-1/push-token",
                    headers: [("Authorization", "Bearer \(GatewayConfigFile.adminKey)")] + headers,
                    body: Array(#"{"application": "android", "token": "abc"}"#.utf8))
                #expect(answer.status == 415, "\(headers)")
                #expect(answer.json?["error"]?["code"] == "unsupported_media_type")
            }
            let withCharset = try await setup.gateway.client.send(
                "PUT", "/v1/subjects/u-1/push-token",
                headers: [
                    ("Authorization", "Bearer \(GatewayConfigFile.adminKey)"),
                    ("Content-Type", "Application/JSON; charset=utf-8"),
                ], body: Array(#"{"application": "android", "token": "abc"}"#.utf8))
            #expect(withCharset.status == 200)
        }
    }

    @Test func garbageBytesNeverCrash() async throws {
        try await withSmallLimit { setup in
            var generator = SeededGenerator(seed: 42)
            for _ in 0..<40 {
                let length = Int.random(in: 0...300, using: &generator)
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                // The blank line ends the head, so the front parses and rejects it at once.
                _ = try? await LoopbackConnection.exchange(
                    port: setup.gateway.port, bytes: bytes + Array("\r\n\r\n".utf8),
                    timeout: .seconds(5))
                let json = try await setup.gateway.client.send(
                    "PUT", "/v1/subjects/u-1/session",
                    headers: [
                        ("Authorization", "Bearer \(GatewayConfigFile.adminKey)"),
                        ("Content-Type", "application/json"),
                    ], body: bytes)
                #expect(json.status == 400)
            }
            let health = try await setup.gateway.send("GET", "/healthz", key: nil)
            #expect(health.status == 200)
            #expect(setup.gateway.process.exitStatus == nil)
        }
    }
}

/// A deterministic random source (SplitMix64), so that a failing input can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
