import Foundation
import HTTPFront
import Testing

/// Hashes and push tokens never leave the gateway except toward Navixy.
@Suite struct GatewaySecretTests {
    @Test func logsNeverContainSecrets() async throws {
        var secrets: [String] = []
        let output = try await GatewayWithSimulator.run(extra: #""log_level": "debug""#) { setup in
            let gateway = setup.gateway
            for index in 0..<10 {
                let hash = try await setup.storeSession("u-\(index)")
                let token = "secret-token-\(index)-\(UUID().uuidString)"
                secrets += [hash, token]
                _ = try await setup.bind(
                    "u-\(index)", #"{"application": "android", "token": "\#(token)"}"#)
                _ = try await setup.bind(
                    "u-\(index)", #"{"application": "web", "token": "\#(token)"}"#)
                _ = try await gateway.send(
                    "DELETE", "/v1/subjects/u-\(index)/push-token", key: GatewayConfigFile.adminKey)
            }
            let endedHash = try await setup.storeSession("u-ended")
            secrets.append(endedHash)
            try await setup.simulator.endSession(endedHash)
            _ = try await setup.bind("u-ended", #"{"application": "ios", "token": "abc-ended"}"#)
            try await setup.simulator.addFaults(
                #"{"code": 7, "description": "Invalid parameters"}"#)
            _ = try await setup.bind("u-0", #"{"application": "ios", "token": "abc-rejected"}"#)
            secrets += ["abc-ended", "abc-rejected", GatewayConfigFile.adminKey]
            await gateway.process.terminate()
            return gateway.process.standardOutput.lines + gateway.process.standardError.lines
        }
        #expect(output.contains { $0.contains("request completed") })
        let text = output.joined(separator: "\n").lowercased()
        for secret in secrets {
            #expect(!text.contains(secret.lowercased()), "a secret reached the output")
        }
    }
}

/// A busy gateway with every error path at once, searched for every secret it saw.
@Suite struct GatewayBusySecretTests {
    private static let configuration = #"""
        "log_level": "debug", "limits": {"max_body_bytes": 2048, "header_timeout_ms": 300}
        """#
    /// One attempt per call and a circuit that stays closed, so that each fault step meets
    /// exactly the calls of its phase.
    private static let regionSettings = #"""
        "timeout_ms": 300, "retry": {"max_attempts": 1}, "circuit": {"failure_threshold": 1000}
        """#

    @Test func busyRunWithEveryErrorPathLeaksNoSecret() async throws {
        let evidence = Evidence()
        evidence.addSecrets([GatewayConfigFile.adminKey, GatewayConfigFile.pushKey])
        let output = try await GatewayWithSimulator.run(
            regionExtra: Self.regionSettings, extra: Self.configuration
        ) { setup in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.successfulCalls(setup, evidence: evidence) }
                group.addTask { try await Self.callerMistakes(setup, evidence: evidence) }
                group.addTask { try await Self.hostileClients(setup, evidence: evidence) }
                try await group.waitForAll()
            }
            for (index, fault) in Self.upstreamFaults.enumerated() {
                try await Self.upstreamFailures(
                    setup, phase: index, fault: fault, evidence: evidence)
            }
            await setup.gateway.process.terminate()
            return setup.gateway.process.standardOutput.lines
                + setup.gateway.process.standardError.lines
        }
        #expect(output.contains { $0.contains("request completed") })
        #expect(output.contains { $0.contains("\"http.status\":504") })
        let logs = output.joined(separator: "\n").lowercased()
        let answers = evidence.answers.withLock { $0 }.joined(separator: "\n").lowercased()
        #expect(answers.contains("upstream_rejected"))
        let secrets = evidence.secrets.withLock { $0 }
        #expect(secrets.count > 40)
        for secret in secrets.map({ $0.lowercased() }) {
            // Booleans first, so that a failure does not print every secret and log line.
            let inLogs = logs.contains(secret)
            let inAnswers = answers.contains(secret)
            #expect(!inLogs, "a secret reached the output")
            #expect(!inAnswers, "a secret reached an answer")
        }
    }

    private static func secretToken(_ label: String) -> String {
        "tok-\(label)-\(UUID().uuidString)"
    }

    /// Binds, deletes and reads for ten subjects at once, as plain JSON and as gzip.
    private static func successfulCalls(_ setup: GatewayWithSimulator, evidence: Evidence)
        async throws
    {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask {
                    let subject = "busy-\(index)"
                    let hash = try await setup.storeSession(subject)
                    let token = secretToken("ok\(index)")
                    evidence.addSecrets([hash, token])
                    let json = #"{"application": "android", "token": "\#(token)"}"#
                    evidence.keep(try await setup.bind(subject, json))
                    evidence.keep(
                        try await setup.gateway.client.send(
                            "PUT", "/v1/subjects/\(subject)/push-token",
                            headers: [
                                ("Authorization", "Bearer \(GatewayConfigFile.adminKey)"),
                                ("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
                            ], body: Gzip.compress(Array(json.utf8))))
                    evidence.keep(
                        try await setup.gateway.send(
                            "GET", "/v1/subjects/\(subject)/session",
                            key: GatewayConfigFile.adminKey))
                    evidence.keep(
                        try await setup.gateway.send(
                            "DELETE", "/v1/subjects/\(subject)/push-token",
                            key: GatewayConfigFile.adminKey))
                }
            }
            try await group.waitForAll()
        }
    }

    /// Sends every 4xx that a caller can cause, each with a secret in its key, body or path.
    private static func callerMistakes(_ setup: GatewayWithSimulator, evidence: Evidence)
        async throws
    {
        let ended = try await setup.storeSession("busy-ended")
        try await setup.simulator.endSession(ended)
        let token = secretToken("mistake")
        let wrongKey = "wrong-key-\(UUID().uuidString)"
        let badHash = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(31))
        let keys =
            #"{"p256dh": "p256-\#(UUID().uuidString)", "auth": "auth-\#(UUID().uuidString)"}"#
        evidence.addSecrets([ended, token, wrongKey, badHash])
        let gateway = setup.gateway
        let admin = GatewayConfigFile.adminKey
        let bodies = [
            #"{"application": "android", "token": "\#(token)""#,
            #"{"application": "blackberry", "token": "\#(token)"}"#,
            #"{"application": "android", "token": "\#(token) \#(token)"}"#,
            #"{"application": "web", "token": "https://push.example/\#(token)", "keys": 5}"#,
            #"{"application": "android", "token": "\#(token)", "keys": \#(keys)}"#,
            #"{"application": "android", "token": "\#(token)", "categories": "x,,y"}"#,
            #"{"application": "android", "token": "\#(token)\#(String(repeating: "x", count: 3000))"}"#,
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for body in bodies {
                group.addTask { evidence.keep(try await setup.bind("busy-0", body)) }
                group.addTask { evidence.keep(try await setup.bind("busy-missing", body)) }
                group.addTask { evidence.keep(try await setup.bind("busy-ended", body)) }
            }
            group.addTask {
                evidence.keep(
                    try await gateway.send(
                        "PUT", "/v1/subjects/busy-0/push-token", json: bodies[0], key: wrongKey))
                evidence.keep(
                    try await gateway.send(
                        "PUT", "/v1/subjects/busy-0/session",
                        json: #"{"hash": "\#(badHash)", "region": "eu"}"#, key: admin))
                evidence.keep(
                    try await gateway.send(
                        "PUT", "/v1/subjects/busy-0/push-token", json: bodies[0],
                        key: GatewayConfigFile.sessionsKey))
                evidence.keep(
                    try await gateway.send("POST", "/v1/subjects/\(token)/session", key: admin))
                evidence.keep(
                    try await gateway.send("GET", "/v1/subjects/\(token)%2F/session", key: admin))
                evidence.keep(
                    try await gateway.client.send(
                        "PUT", "/v1/subjects/busy-0/push-token",
                        headers: [
                            ("Authorization", "Bearer \(admin)"), ("Content-Type", "text/plain"),
                        ],
                        body: Array(token.utf8)))
                evidence.keep(
                    try await gateway.client.send(
                        "PUT", "/v1/subjects/busy-0/push-token",
                        headers: [
                            ("Authorization", "Bearer \(admin)"),
                            ("Content-Type", "application/json"),
                            ("Content-Encoding", "gzip"),
                        ], body: Array(token.utf8)))
            }
            try await group.waitForAll()
        }
    }

    /// Sends a body that the body timeout cuts and a head that the header timeout cuts, both
    /// with secrets in them.
    private static func hostileClients(_ setup: GatewayWithSimulator, evidence: Evidence)
        async throws
    {
        let token = secretToken("slow")
        evidence.addSecrets([token])
        let body = #"{"application": "android", "token": "\#(token)"}"#
        let slowBody = try StreamConnection(port: setup.gateway.port)
        try await slowBody.send(
            "PUT /v1/subjects/busy-1/push-token HTTP/1.1\r\nHost: gw\r\n"
                + "Authorization: Bearer \(GatewayConfigFile.adminKey)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count + 10)\r\n\r\n"
                + body)
        let slowHead = try StreamConnection(port: setup.gateway.port)
        try await slowHead.send(
            "GET /v1/subjects/\(token)/session HTTP/1.1\r\nX-Token: \(token)\r\n")
        _ = try await slowBody.readToEnd()
        _ = try await slowHead.readToEnd()
    }

    /// Navixy failures that quote the call's own hash and token, each met by four calls at
    /// once. During the wait a fifth client hangs up mid-call.
    private static let upstreamFaults = [
        #"{"code": 7, "description": "invalid token TOKEN for session HASH", "repeat": 4}"#,
        #"{"code": 15, "description": "too many requests for HASH", "repeat": 4}"#,
        #"{"status": 500, "body": "internal error HASH TOKEN", "repeat": 4}"#,
        #"{"code": 8, "description": "HASH unavailable", "repeat": 4}"#,
        #"{"drop": true, "repeat": 4}"#,
        #"{"status": 200, "body": "<html>TOKEN HASH</html>", "repeat": 4}"#,
        #"{"delay_ms": 1000, "repeat": 5}"#,
        #"{"code": 4, "description": "session HASH ended", "gzip": true, "repeat": 4}"#,
    ]

    private static func upstreamFailures(
        _ setup: GatewayWithSimulator, phase: Int, fault: String, evidence: Evidence
    ) async throws {
        let subject = "busy-phase-\(phase)"
        let hash = try await setup.storeSession(subject)
        let token = secretToken("phase\(phase)")
        evidence.addSecrets([hash, token])
        try await setup.simulator.addFaults(
            fault.replacingOccurrences(of: "HASH", with: hash)
                .replacingOccurrences(of: "TOKEN", with: token))
        let json = #"{"application": "android", "token": "\#(token)"}"#
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { evidence.keep(try await setup.bind(subject, json)) }
            }
            if fault.contains("delay_ms") {
                group.addTask { try await hangUpMidCall(setup, subject: subject, hash: hash, json) }
            }
            try await group.waitForAll()
        }
        // A call may leave steps unused: after code 4 the session has ended, and later calls
        // for it get 409 without reaching Navixy. The next phase starts with none left.
        let cleared = try await setup.simulator.client.send("DELETE", "/_sim/faults")
        #expect(cleared.status == 204)
    }

    /// Sends a bind and hangs up once its call, and the four others of the phase, wait in
    /// the simulator.
    private static func hangUpMidCall(
        _ setup: GatewayWithSimulator, subject: String, hash: String, _ json: String
    ) async throws {
        let leaving = try StreamConnection(port: setup.gateway.port)
        try await leaving.send(
            "PUT /v1/subjects/\(subject)/push-token HTTP/1.1\r\nHost: gw\r\n"
                + "Authorization: Bearer \(GatewayConfigFile.adminKey)\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: \(json.utf8.count)\r\n\r\n\(json)")
        try await waitUntil("five calls of \(subject) reach the simulator") {
            try await setup.simulator.recordedRequests()
                .filter { $0["params"]?["hash"]?.stringValue == hash }.count == 5
        }
        leaving.hangUp()
    }
}

/// The secrets a busy run used and the responses it received, shared by its concurrent tasks.
private final class Evidence: Sendable {
    let secrets = Locked<[String]>([])
    let answers = Locked<[String]>([])

    func addSecrets(_ values: [String]) {
        secrets.withLock { $0 += values }
    }

    /// Keeps the response's body and headers for the final search.
    func keep(_ answer: TestHTTPResponse) {
        let headers = answer.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        answers.withLock { $0.append(headers + "\n" + answer.text) }
    }
}
