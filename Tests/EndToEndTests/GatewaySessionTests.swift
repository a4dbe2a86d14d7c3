import Foundation
import Testing

/// The session endpoints against the real gateway binary and a real SQLite file.
@Suite struct GatewaySessionTests {
    private let hash = "22EAC1C27AF4BE7B9D04DA2CE1AF111B"

    @Test func storeThenReplaceThenForget() async throws {
        try await GatewayWithSimulator.run { setup in
            let gateway = setup.gateway
            let key = GatewayConfigFile.sessionsKey
            let path = "/v1/subjects/u-42/session"
            let body = #"{"hash": "\#(hash)", "region": "eu"}"#

            let created = try await gateway.send("PUT", path, json: body, key: key)
            #expect(created.status == 201)
            #expect(created.json?["subject"] == "u-42")
            #expect(created.json?["region"] == "eu")
            #expect(created.json?["state"] == "active")
            #expect(created.json?["updated_at"]?.stringValue?.hasSuffix("Z") == true)
            #expect(created.json?.keys == ["subject", "region", "state", "updated_at"])

            let replaced = try await gateway.send("PUT", path, json: body, key: key)
            #expect(replaced.status == 200)

            let loaded = try await gateway.send("GET", path, key: key)
            #expect(loaded.status == 200)
            #expect(loaded.json?["state"] == "active")

            let forgotten = try await gateway.send("DELETE", path, key: key)
            #expect(forgotten.status == 204)
            #expect(forgotten.body.isEmpty)

            let missing = try await gateway.send("GET", path, key: key)
            #expect(missing.status == 404)
            #expect(missing.json?["error"]?["code"] == "session_not_found")
            let missingDelete = try await gateway.send("DELETE", path, key: key)
            #expect(missingDelete.json?["error"]?["code"] == "session_not_found")
        }
    }

    @Test func answersNeverContainTheHash() async throws {
        try await GatewayWithSimulator.run { setup in
            let path = "/v1/subjects/u-1/session"
            let key = GatewayConfigFile.adminKey
            let stored = try await setup.gateway.send(
                "PUT", path, json: #"{"hash": "\#(hash)", "region": "eu"}"#, key: key)
            let loaded = try await setup.gateway.send("GET", path, key: key)
            for answer in [stored, loaded] {
                #expect(!answer.text.lowercased().contains(hash.lowercased()))
            }
        }
    }

    @Test func invalidHashAndRegion() async throws {
        try await GatewayWithSimulator.run { setup in
            let cases: [(body: String, code: String)] = [
                (#"{"hash": "abc", "region": "eu"}"#, "invalid_hash"),
                (
                    #"{"hash": "\#(String(repeating: "g", count: 32))", "region": "eu"}"#,
                    "invalid_hash"
                ),
                (#"{"hash": 12, "region": "eu"}"#, "invalid_hash"),
                (#"{"region": "eu"}"#, "invalid_hash"),
                (#"{"hash": "\#(hash)", "region": "mars"}"#, "unknown_region"),
                (#"{"hash": "\#(hash)"}"#, "unknown_region"),
                (#"{"hash": "\#(hash)", "region": ["eu"]}"#, "unknown_region"),
                ("[]", "invalid_json"),
                ("{", "invalid_json"),
                ("", "invalid_json"),
            ]
            for (body, code) in cases {
                let answer = try await setup.gateway.send(
                    "PUT", "/v1/subjects/u-1/session", json: body, key: GatewayConfigFile.adminKey)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.json?["error"]?["code"]?.stringValue == code, "\(body)")
            }
            let loaded = try await setup.gateway.send(
                "GET", "/v1/subjects/u-1/session", key: GatewayConfigFile.adminKey)
            #expect(loaded.status == 404)
        }
    }

    @Test func invalidSubjects() async throws {
        try await GatewayWithSimulator.run { setup in
            let subjects = [
                "a%2Fb", "a%20b", "%", "%zz", String(repeating: "a", count: 129), "caf%C3%A9",
                "",
            ]
            for subject in subjects {
                let answer = try await setup.gateway.send(
                    "GET", "/v1/subjects/\(subject)/session", key: GatewayConfigFile.adminKey)
                #expect(answer.status == 400, "\(subject)")
                #expect(answer.json?["error"]?["code"] == "invalid_subject", "\(subject)")
            }
            let longest = String(repeating: "a", count: 128)
            let accepted = ["u.1_x:y@z-2", "U-42", "%75-1", longest]
            for subject in accepted {
                let answer = try await setup.gateway.send(
                    "GET", "/v1/subjects/\(subject)/session", key: GatewayConfigFile.adminKey)
                #expect(answer.status == 404, "\(subject)")
                #expect(answer.json?["error"]?["code"] == "session_not_found", "\(subject)")
            }
        }
    }

    @Test func sessionSurvivesRestart() async throws {
        try await TemporaryFolder.with { folder in
            try await NavixySimulator.run { simulator in
                let configuration = GatewayConfigFile.json(
                    folder: folder, regions: ["eu": simulator.baseURL])
                let path = "/v1/subjects/u-restart/session"
                let key = GatewayConfigFile.adminKey
                try await RunningGateway.run(configuration: configuration, folder: folder) {
                    gateway in
                    let stored = try await gateway.send(
                        "PUT", path, json: #"{"hash": "\#(hash)", "region": "eu"}"#, key: key)
                    #expect(stored.status == 201)
                }
                try await RunningGateway.run(configuration: configuration, folder: folder) {
                    gateway in
                    let loaded = try await gateway.send("GET", path, key: key)
                    #expect(loaded.status == 200)
                    #expect(loaded.json?["region"] == "eu")
                }
            }
        }
    }
}
