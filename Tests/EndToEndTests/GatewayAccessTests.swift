import Foundation
import Testing

/// Caller keys, scopes, routes and methods, checked in the contract's order.
@Suite struct GatewayAccessTests {
    private let bindBody = #"{"application": "android", "token": "abc"}"#

    @Test func unauthorizedAnswersAreIdentical() async throws {
        try await GatewayWithSimulator.run { setup in
            let client = setup.gateway.client
            let path = "/v1/subjects/u-1/push-token"
            let headerSets: [[(name: String, value: String)]] = [
                [],
                [("Authorization", "Bearer wrong-key")],
                [("Authorization", "Basic YWRtaW46YWRtaW4=")],
                [("Authorization", "Bearer")],
                [("Authorization", "Bearer \(GatewayConfigFile.adminKey)x")],
                [("Authorization", "bearer \(String(GatewayConfigFile.adminKey.dropLast()))")],
            ]
            var bodies: Set<String> = []
            for headers in headerSets {
                let answer = try await client.send(
                    "PUT", path, json: bindBody, headers: headers + [("X-Request-Id", "same-id")])
                #expect(answer.status == 401)
                #expect(answer.header("WWW-Authenticate") == "Bearer")
                #expect(answer.json?["error"]?["code"] == "unauthorized")
                bodies.insert(answer.text)
            }
            #expect(bodies.count == 1)
            #expect(try await setup.simulator.recordedRequests().isEmpty)
        }
    }

    @Test func bearerSchemeIsCaseInsensitive() async throws {
        try await GatewayWithSimulator.run { setup in
            let answer = try await setup.gateway.client.send(
                "GET", "/v1/subjects/u-1/session",
                headers: [("Authorization", "bEaReR \(GatewayConfigFile.sessionsKey)")])
            #expect(answer.status == 404)
        }
    }

    @Test func keyWithoutScopeIsForbidden() async throws {
        try await GatewayWithSimulator.run { setup in
            let push = try await setup.gateway.send(
                "GET", "/v1/subjects/u-1/session", key: GatewayConfigFile.pushKey)
            #expect(push.status == 403)
            #expect(push.json?["error"]?["code"] == "forbidden")
            let sessions = try await setup.gateway.send(
                "PUT", "/v1/subjects/u-1/push-token", json: bindBody,
                key: GatewayConfigFile.sessionsKey)
            #expect(sessions.status == 403)
        }
    }

    @Test func checksRunInContractOrder() async throws {
        try await GatewayWithSimulator.run { setup in
            let gateway = setup.gateway
            let noKeyUnknownPath = try await gateway.send("GET", "/v2/nothing", key: nil)
            #expect(noKeyUnknownPath.status == 401)
            let unknownPath = try await gateway.send(
                "GET", "/v2/nothing", key: GatewayConfigFile.pushKey)
            #expect(unknownPath.status == 404)
            #expect(unknownPath.json?["error"]?["code"] == "not_found")
            let scopeBeforeMethod = try await gateway.send(
                "POST", "/v1/subjects/u-1/session", key: GatewayConfigFile.pushKey)
            #expect(scopeBeforeMethod.status == 403)
            let methodBeforeSubject = try await gateway.send(
                "POST", "/v1/subjects/a%2Fb/session", key: GatewayConfigFile.sessionsKey)
            #expect(methodBeforeSubject.status == 405)
            let subjectBeforeBody = try await gateway.send(
                "PUT", "/v1/subjects/a%2Fb/session", json: "not json",
                key: GatewayConfigFile.sessionsKey)
            #expect(subjectBeforeBody.json?["error"]?["code"] == "invalid_subject")
            let mediaTypeBeforeJSON = try await gateway.client.send(
                "PUT", "/v1/subjects/u-1/session",
                headers: [
                    ("Authorization", "Bearer \(GatewayConfigFile.sessionsKey)"),
                    ("Content-Type", "text/plain"),
                ], body: Array("not json".utf8))
            #expect(mediaTypeBeforeJSON.status == 415)
            let bodyBeforeSession = try await gateway.send(
                "PUT", "/v1/subjects/nobody/push-token", json: "{}", key: GatewayConfigFile.pushKey)
            #expect(bodyBeforeSession.json?["error"]?["code"] == "unknown_application")
        }
    }

    @Test func twoAuthorizationFieldsAreUnauthorized() async throws {
        try await GatewayWithSimulator.run { setup in
            let valid = "Bearer \(GatewayConfigFile.adminKey)"
            for fields in [[valid, "Bearer wrong"], ["Bearer wrong", valid], [valid, valid]] {
                let answer = try await setup.gateway.client.send(
                    "GET", "/v1/subjects/u-1/session",
                    headers: fields.map { (name: "Authorization", value: $0) })
                #expect(answer.status == 401, "\(fields)")
                #expect(answer.json?["error"]?["code"] == "unauthorized")
            }
        }
    }

    @Test func subjectIsCheckedBeforeBody() async throws {
        try await GatewayWithSimulator.run { setup in
            let authorization = ("Authorization", "Bearer \(GatewayConfigFile.adminKey)")
            let wrongType = try await setup.gateway.client.send(
                "PUT", "/v1/subjects/a%2Fb/session",
                headers: [authorization, ("Content-Type", "text/plain")],
                body: Array("{}".utf8))
            #expect(wrongType.status == 400)
            #expect(wrongType.json?["error"]?["code"] == "invalid_subject")
            let tooLarge = try await setup.gateway.client.send(
                "PUT", "/v1/subjects/a%2Fb/push-token",
                headers: [authorization, ("Content-Type", "application/json")],
                body: Array(repeating: UInt8(ascii: " "), count: 70_000))
            #expect(tooLarge.status == 400)
            #expect(tooLarge.json?["error"]?["code"] == "invalid_subject")
        }
    }

    @Test func methodNotAllowedListsAllowed() async throws {
        try await GatewayWithSimulator.run { setup in
            let session = try await setup.gateway.send(
                "POST", "/v1/subjects/u-1/session", key: GatewayConfigFile.adminKey)
            #expect(session.status == 405)
            #expect(session.header("Allow") == "GET, PUT, DELETE")
            #expect(session.json?["error"]?["code"] == "method_not_allowed")
            let push = try await setup.gateway.send(
                "GET", "/v1/subjects/u-1/push-token", key: GatewayConfigFile.adminKey)
            #expect(push.header("Allow") == "PUT, DELETE")
            let health = try await setup.gateway.send("POST", "/healthz", key: nil)
            #expect(health.status == 405)
        }
    }

    @Test func probesNeedNoKey() async throws {
        try await GatewayWithSimulator.run { setup in
            let health = try await setup.gateway.send("GET", "/healthz", key: nil)
            #expect(health.status == 200)
            let ready = try await setup.gateway.send("GET", "/readyz", key: nil)
            #expect(ready.status == 200)
            let metrics = try await setup.gateway.send("GET", "/metrics", key: nil)
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        }
    }

    @Test func requestIDIsEchoedOrReplaced() async throws {
        try await GatewayWithSimulator.run { setup in
            let gateway = setup.gateway
            let kept = try await gateway.send(
                "GET", "/healthz", key: nil, headers: [("X-Request-Id", "a.b_c:d-1")])
            #expect(kept.header("X-Request-Id") == "a.b_c:d-1")
            for bad in ["has space", String(repeating: "x", count: 129), "semi;colon"] {
                let replaced = try await gateway.send(
                    "GET", "/v1/nothing", key: nil, headers: [("X-Request-Id", bad)])
                let id = try #require(replaced.header("X-Request-Id"))
                #expect(id != bad)
                #expect(!id.isEmpty)
                #expect(replaced.json?["error"]?["request_id"]?.stringValue == id)
            }
            let generated = try await gateway.send("GET", "/healthz", key: nil)
            #expect(generated.header("X-Request-Id")?.isEmpty == false)
        }
    }
}
