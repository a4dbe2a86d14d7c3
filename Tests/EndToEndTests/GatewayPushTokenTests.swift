import Foundation
import Testing

/// Binding and deleting push tokens through the gateway into the real simulator.
@Suite struct GatewayPushTokenTests {
    @Test func bindNormalizesAndForwards() async throws {
        try await GatewayWithSimulator.run { setup in
            let hash = try await setup.storeSession("u-42")
            let answer = try await setup.gateway.send(
                "PUT", "/v1/subjects/u-42/push-token",
                json:
                    #"{"application": " Android ", "token": "f4be7b9d04da2ce1af111b", "categories": "history_rule, Chat_Message"}"#,
                key: GatewayConfigFile.pushKey, headers: [("X-Request-Id", "trace-1")])
            #expect(answer.status == 200)
            #expect(answer.header("X-Request-Id") == "trace-1")
            #expect(answer.json?["subject"] == "u-42")
            #expect(answer.json?["region"] == "eu")
            #expect(answer.json?["application"] == "navixy_android_viewer")
            #expect(answer.json?["category_filter"] == "chat_message,history_rule")
            #expect(!answer.text.contains("f4be7b9d04da2ce1af111b"))

            let received = try await setup.simulator.recordedRequests()
            let bind = try #require(received.last)
            #expect(bind["action"] == "user/session/push_token/bind")
            #expect(bind["method"] == "POST")
            #expect(bind["headers"]?["x-request-id"] == "trace-1")
            #expect(
                bind["headers"]?["content-type"]?.stringValue?.hasPrefix("application/json") == true
            )
            #expect(bind["params"]?["hash"]?.stringValue == hash)
            #expect(bind["params"]?["application"] == "navixy_android_viewer")
            #expect(bind["params"]?["token"] == "f4be7b9d04da2ce1af111b")
            #expect(bind["params"]?["category_filter"] == "chat_message,history_rule")
            #expect(bind["params"]?["parameters"] == nil)
        }
    }

    @Test func bindWithoutCategoriesSendsNoFilter() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let answer = try await setup.bind("u-1", #"{"application": "ios", "token": "abc"}"#)
            #expect(answer.status == 200)
            #expect(answer.json?["application"] == "navixy_iphone_viewer")
            #expect(answer.json?["category_filter"] == "*")
            let bind = try #require(try await setup.simulator.recordedRequests().last)
            #expect(bind["params"]?["category_filter"] == nil)
        }
    }

    @Test func bindWebPushSendsKeysAsParameters() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("web-1")
            let token = "https://fcm.googleapis.com/fcm/send/f6kicrBn7S0:APA91b"
            let answer = try await setup.bind(
                "web-1",
                #"{"application": "WebPush", "token": "\#(token)", "keys": {"p256dh": "BNcR-dre_A", "auth": "tBHItJI5"}, "categories": {"exclude": ["history_task"]}}"#
            )
            #expect(answer.status == 200)
            #expect(answer.json?["application"] == "w3c_pushapi")
            #expect(answer.json?["category_filter"] == "-history_task")
            let bind = try #require(try await setup.simulator.recordedRequests().last)
            #expect(bind["params"]?["token"]?.stringValue == token)
            #expect(bind["params"]?["parameters"]?["p256dh"] == "BNcR-dre_A")
            #expect(bind["params"]?["parameters"]?["auth"] == "tBHItJI5")
            #expect(bind["params"]?["category_filter"] == "-history_task")
        }
    }

    @Test func navixyDescriptionIsMaskedForTheCaller() async throws {
        try await GatewayWithSimulator.run(regionExtra: #""retry": {"max_attempts": 1}"#) {
            setup in
            let hash = try await setup.storeSession("web-1")
            let token = "https://push.example/send/endpoint-0123456789"
            let p256dh = "BPublicKeyPublicKey0123"
            let auth = "AuthSecretAuthSecret01"
            try await setup.simulator.addFaults(
                #"{"code": 7, "description": "bad \#(hash) \#(token) \#(p256dh) \#(auth)"}"#)
            let answer = try await setup.bind(
                "web-1",
                #"{"application": "web", "token": "\#(token)", "keys": {"p256dh": "\#(p256dh)", "auth": "\#(auth)"}}"#
            )
            #expect(answer.status == 422)
            let description = try #require(
                answer.json?["error"]?["upstream"]?["description"]?.stringValue)
            for secret in [hash, token, p256dh, auth] {
                #expect(!description.contains(secret), "\(secret) in \(description)")
            }
            #expect(description.hasPrefix("bad <redacted>"))
        }
    }

    @Test func deleteForwardsTheHashOnly() async throws {
        try await GatewayWithSimulator.run { setup in
            let hash = try await setup.storeSession("u-1")
            _ = try await setup.bind("u-1", #"{"application": "android", "token": "abc"}"#)
            let answer = try await setup.gateway.send(
                "DELETE", "/v1/subjects/u-1/push-token", key: GatewayConfigFile.pushKey)
            #expect(answer.status == 204)
            let delete = try #require(try await setup.simulator.recordedRequests().last)
            #expect(delete["action"] == "user/session/push_token/delete")
            #expect(delete["params"]?.keys == ["hash"])
            #expect(delete["params"]?["hash"]?.stringValue == hash)
            #expect(try await setup.simulator.bindings().isEmpty)
        }
    }

    @Test func rejectedFieldsNeverReachNavixy() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let cases: [(body: String, code: String)] = [
                (#"{"application": "blackberry", "token": "abc"}"#, "unknown_application"),
                (#"{"token": "abc"}"#, "unknown_application"),
                (#"{"application": 1, "token": "abc"}"#, "unknown_application"),
                (#"{"application": "android", "token": ""}"#, "invalid_token"),
                (#"{"application": "android", "token": "a b"}"#, "invalid_token"),
                (#"{"application": "android"}"#, "invalid_token"),
                (#"{"application": "android", "token": ["abc"]}"#, "invalid_token"),
                (
                    #"{"application": "web", "token": "http://push.example/x", "keys": {"p256dh": "a", "auth": "b"}}"#,
                    "invalid_token"
                ),
                (#"{"application": "web", "token": "https://push.example/x"}"#, "invalid_keys"),
                (
                    #"{"application": "web", "token": "https://push.example/x", "keys": {"p256dh": "a+b", "auth": "c"}}"#,
                    "invalid_keys"
                ),
                (
                    #"{"application": "android", "token": "abc", "keys": {"p256dh": "a", "auth": "b"}}"#,
                    "invalid_keys"
                ),
                (
                    #"{"application": "android", "token": "abc", "categories": "chat_message,,history_rule"}"#,
                    "invalid_categories"
                ),
                (
                    #"{"application": "android", "token": "abc", "categories": "birthday"}"#,
                    "invalid_categories"
                ),
                (
                    #"{"application": "android", "token": "abc", "categories": []}"#,
                    "invalid_categories"
                ),
                (
                    #"{"application": "android", "token": "abc", "categories": 5}"#,
                    "invalid_categories"
                ),
                ("not json", "invalid_json"),
                ("[1]", "invalid_json"),
            ]
            for (body, code) in cases {
                let answer = try await setup.bind("u-1", body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.json?["error"]?["code"]?.stringValue == code, "\(body)")
                #expect(answer.json?["error"]?["message"]?.stringValue?.isEmpty == false)
            }
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func unknownApplicationListsAccepted() async throws {
        try await GatewayWithSimulator.run { setup in
            try await setup.storeSession("u-1")
            let answer = try await setup.bind("u-1", #"{"application": "nokia", "token": "abc"}"#)
            let message = try #require(answer.json?["error"]?["message"]?.stringValue)
            for spelling in ["android", "ios", "web", "w3c_pushapi"] {
                #expect(message.contains(spelling))
            }
        }
    }

    @Test func noStoredSession() async throws {
        try await GatewayWithSimulator.run { setup in
            let answer = try await setup.bind(
                "nobody", #"{"application": "android", "token": "abc"}"#)
            #expect(answer.status == 404)
            #expect(answer.json?["error"]?["code"] == "session_not_found")
            let delete = try await setup.gateway.send(
                "DELETE", "/v1/subjects/nobody/push-token", key: GatewayConfigFile.pushKey)
            #expect(delete.status == 404)
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func endedSessionAnswers409WithoutCallingNavixy() async throws {
        try await GatewayWithSimulator.run { setup in
            let hash = try await setup.storeSession("u-1")
            try await setup.simulator.endSession(hash)
            let body = #"{"application": "android", "token": "abc"}"#

            let first = try await setup.bind("u-1", body)
            #expect(first.status == 409)
            #expect(first.json?["error"]?["code"] == "session_ended")
            #expect(first.json?["error"]?["upstream"]?["code"] == 4)
            #expect(try await setup.simulator.recordedRequests().count == 1)

            let stored = try await setup.gateway.send(
                "GET", "/v1/subjects/u-1/session", key: GatewayConfigFile.adminKey)
            #expect(stored.json?["state"] == "ended")

            let second = try await setup.bind("u-1", body)
            #expect(second.status == 409)
            #expect(second.json?["error"]?["code"] == "session_ended")
            #expect(second.json?["error"]?["upstream"] == nil)
            let delete = try await setup.gateway.send(
                "DELETE", "/v1/subjects/u-1/push-token", key: GatewayConfigFile.adminKey)
            #expect(delete.status == 409)
            #expect(try await setup.simulator.recordedRequests().count == 1)

            try await setup.storeSession("u-1")
            let replaced = try await setup.gateway.send(
                "GET", "/v1/subjects/u-1/session", key: GatewayConfigFile.adminKey)
            #expect(replaced.json?["state"] == "active")
            let third = try await setup.bind("u-1", body)
            #expect(third.status == 200)
            #expect(try await setup.simulator.recordedRequests().count == 2)
        }
    }
}
