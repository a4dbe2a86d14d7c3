import Testing

/// The real `navixy-sim` binary against Navixy's rules for `user/auth`, `user/logout` and the
/// push-token actions, and its control API. Each test starts its own process on a free port.
@Suite struct SimulatorTests {
    static let hash = "22eac1c27af4be7b9d04da2ce1af111b"
    static let bindPath = "/v2/user/session/push_token/bind"
    static let deletePath = "/v2/user/session/push_token/delete"

    @Test func authHashBindsToken() async throws {
        try await NavixySimulator.run { sim in
            let auth = try await sim.callNavixy("user/auth", json: #"{"login":"a","password":"b"}"#)
            #expect(auth.status == 200)
            #expect(auth.json?["success"] == true)
            let hash = try #require(auth.json?["hash"]?.stringValue)
            #expect(hash.count == 32)
            #expect(hash.allSatisfy { $0.isHexDigit })
            #expect(hash == hash.lowercased())

            let bind = try await sim.client.send(
                "POST", Self.bindPath,
                json: #"{"hash":"\#(hash)","application":"navixy_android_viewer","token":"f4be7b"}"#
            )
            #expect(bind.status == 200)
            #expect(bind.text == #"{"success":true}"#)
            #expect(bind.header("content-type")?.hasPrefix("application/json") == true)

            let bindings = try await sim.bindings()
            #expect(bindings.count == 1)
            #expect(bindings.first?["hash"]?.stringValue == hash)
            #expect(bindings.first?["application"] == "navixy_android_viewer")
            #expect(bindings.first?["token"] == "f4be7b")
        }
    }

    @Test func authRejectsEmptyCredentials() async throws {
        try await NavixySimulator.run { sim in
            for body in [
                #"{"login":"a"}"#, #"{"login":"","password":"b"}"#, #"{"login":1,"password":"b"}"#,
            ] {
                let answer = try await sim.callNavixy("user/auth", json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.json?["status"]?["code"] == 7, "\(body)")
            }
            #expect(
                try await sim.client.send("GET", "/_sim/sessions").json?["sessions"] == .array([]))
        }
    }

    @Test func missingOrMalformedHashIsCode3() async throws {
        try await NavixySimulator.run { sim in
            let bodies = [
                #"{"application":"navixy_android_viewer","token":"t"}"#,
                #"{"hash":"","application":"navixy_android_viewer","token":"t"}"#,
                #"{"hash":"22eac1c27af4be7b9d04da2ce1af111","application":"navixy_android_viewer","token":"t"}"#,
                #"{"hash":"22eac1c27af4be7b9d04da2ce1af111bb","application":"navixy_android_viewer","token":"t"}"#,
                #"{"hash":"22eac1c27af4be7b9d04da2ce1af111g","application":"navixy_android_viewer","token":"t"}"#,
                #"{"hash":12345678901234567890123456789012,"application":"navixy_android_viewer","token":"t"}"#,
            ]
            for body in bodies {
                let answer = try await sim.client.send("POST", Self.bindPath, json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.json?["success"] == false, "\(body)")
                #expect(answer.json?["status"]?["code"] == 3, "\(body)")
            }
            let delete = try await sim.client.send("GET", Self.deletePath)
            #expect(delete.json?["status"]?["code"] == 3)
        }
    }

    @Test func unknownOrEndedSessionIsCode4() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let unknown = try await sim.client.send(
                "POST", Self.deletePath, json: #"{"hash":"00000000000000000000000000000000"}"#)
            #expect(unknown.status == 400)
            #expect(unknown.json?["status"]?["code"] == 4)

            let before = try await sim.client.send(
                "POST", Self.deletePath, json: #"{"hash":"\#(Self.hash)"}"#)
            #expect(before.status == 200)

            try await sim.endSession(Self.hash)
            let after = try await sim.client.send(
                "POST", Self.deletePath, json: #"{"hash":"\#(Self.hash)"}"#)
            #expect(after.status == 400)
            #expect(after.json?["status"]?["code"] == 4)
        }
    }

    @Test func hashIsCaseInsensitive() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash.uppercased()]) { sim in
            let answer = try await sim.client.send(
                "POST", Self.deletePath, json: #"{"hash":"\#(Self.hash)"}"#)
            #expect(answer.status == 200)
        }
    }

    @Test func logoutEndsSessionAndTokens() async throws {
        try await NavixySimulator.run { sim in
            let hash = try #require(
                try await sim.callNavixy("user/auth", json: #"{"login":"a","password":"b"}"#)
                    .json?["hash"]?.stringValue)
            let bind = try await sim.client.send(
                "POST", Self.bindPath,
                json: #"{"hash":"\#(hash)","application":"navixy_iphone_viewer","token":"abc"}"#)
            #expect(bind.status == 200)

            let logout = try await sim.callNavixy("user/logout", json: #"{"hash":"\#(hash)"}"#)
            #expect(logout.status == 200)
            #expect(logout.text == #"{"success":true}"#)
            #expect(try await sim.bindings().isEmpty)

            let again = try await sim.callNavixy("user/logout", json: #"{"hash":"\#(hash)"}"#)
            #expect(again.json?["status"]?["code"] == 4)
            let rebind = try await sim.client.send(
                "POST", Self.bindPath,
                json: #"{"hash":"\#(hash)","application":"navixy_iphone_viewer","token":"abc"}"#)
            #expect(rebind.json?["status"]?["code"] == 4)
        }
    }

    @Test func invalidBindParametersAreCode7() async throws {
        let cases: [(label: String, fields: String)] = [
            ("no application", #""token":"t""#),
            ("unknown application", #""application":"android","token":"t""#),
            ("application not a string", #""application":1,"token":"t""#),
            ("no token", #""application":"navixy_android_viewer""#),
            ("empty token", #""application":"navixy_android_viewer","token":"""#),
            ("token not a string", #""application":"navixy_android_viewer","token":5"#),
            (
                "web push over http",
                #""application":"w3c_pushapi","token":"http://push.example/e","parameters":{"p256dh":"a","auth":"b"}"#
            ),
            (
                "web push not a URL",
                #""application":"w3c_pushapi","token":"abc","parameters":{"p256dh":"a","auth":"b"}"#
            ),
            (
                "web push without keys",
                #""application":"w3c_pushapi","token":"https://push.example/e""#
            ),
            (
                "web push without auth",
                #""application":"w3c_pushapi","token":"https://push.example/e","parameters":{"p256dh":"a"}"#
            ),
            (
                "web push key not base64url",
                #""application":"w3c_pushapi","token":"https://push.example/e","parameters":{"p256dh":"a+b","auth":"b"}"#
            ),
            (
                "web push empty key",
                #""application":"w3c_pushapi","token":"https://push.example/e","parameters":{"p256dh":"","auth":"b"}"#
            ),
            (
                "web push extra key",
                #""application":"w3c_pushapi","token":"https://push.example/e","parameters":{"p256dh":"a","auth":"b","x":"c"}"#
            ),
            (
                "keys for android",
                #""application":"navixy_android_viewer","token":"t","parameters":{"p256dh":"a","auth":"b"}"#
            ),
            (
                "unknown category",
                #""application":"navixy_android_viewer","token":"t","category_filter":"news""#
            ),
            (
                "empty filter",
                #""application":"navixy_android_viewer","token":"t","category_filter":"""#
            ),
            (
                "space in filter",
                #""application":"navixy_android_viewer","token":"t","category_filter":"chat_message, history_rule""#
            ),
            (
                "trailing comma",
                #""application":"navixy_android_viewer","token":"t","category_filter":"chat_message,""#
            ),
            (
                "minus inside",
                #""application":"navixy_android_viewer","token":"t","category_filter":"chat_message,-history_rule""#
            ),
            (
                "en dash",
                #""application":"navixy_android_viewer","token":"t","category_filter":"–history_task""#
            ),
            (
                "star in list",
                #""application":"navixy_android_viewer","token":"t","category_filter":"*,chat_message""#
            ),
            (
                "filter not a string",
                #""application":"navixy_android_viewer","token":"t","category_filter":["chat_message"]"#
            ),
        ]
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            for (label, fields) in cases {
                let answer = try await sim.client.send(
                    "POST", Self.bindPath, json: #"{"hash":"\#(Self.hash)",\#(fields)}"#)
                #expect(answer.status == 400, "\(label)")
                #expect(answer.json?["status"]?["code"] == 7, "\(label)")
                #expect(answer.json?["status"]?["description"]?.stringValue?.isEmpty == false)
            }
            #expect(try await sim.bindings().isEmpty)
        }
    }

    @Test func validBindParametersAreStored() async throws {
        let cases: [(label: String, fields: String)] = [
            ("iphone", #""application":"navixy_iphone_viewer","token":"t1""#),
            (
                "star filter",
                #""application":"navixy_android_viewer","token":"t2","category_filter":"*""#
            ),
            (
                "include list",
                #""application":"navixy_android_viewer","token":"t3","category_filter":"chat_message,history_rule""#
            ),
            (
                "exclude list",
                #""application":"navixy_android_viewer","token":"t4","category_filter":"-history_task,history_rule""#
            ),
            (
                "web push",
                #""application":"w3c_pushapi","token":"https://fcm.googleapis.com/fcm/send/f6k","parameters":{"p256dh":"BNc-4_x","auth":"tBHI=="}"#
            ),
            (
                "null filter",
                #""application":"navixy_iphone_viewer","token":"t5","category_filter":null"#
            ),
        ]
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            for (label, fields) in cases {
                let answer = try await sim.client.send(
                    "POST", Self.bindPath, json: #"{"hash":"\#(Self.hash)",\#(fields)}"#)
                #expect(answer.status == 200, "\(label): \(answer.text)")
            }
            let bindings = try await sim.bindings()
            #expect(bindings.count == 3)
            let android = bindings.first { $0["application"] == "navixy_android_viewer" }
            #expect(android?["token"] == "t4")
            #expect(android?["category_filter"] == "-history_task,history_rule")
            let web = bindings.first { $0["application"] == "w3c_pushapi" }
            #expect(web?["parameters"]?["p256dh"] == "BNc-4_x")
            #expect(web?["parameters"]?["auth"] == "tBHI==")
            let iphone = bindings.first { $0["application"] == "navixy_iphone_viewer" }
            #expect(iphone?["token"] == "t5")
            #expect(iphone?["category_filter"] == nil)
        }
    }

    @Test func bodyNotJSONIsCode5() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            for body in [#"{"hash":"#, "[1,2]", "hash=\(Self.hash)", "\"text\""] {
                let answer = try await sim.client.send("POST", Self.bindPath, json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.json?["status"]?["code"] == 5, "\(body)")
            }
            let plain = try await sim.client.send(
                "POST", Self.deletePath, headers: [("Content-Type", "text/plain")],
                body: Array("hash=\(Self.hash)".utf8))
            #expect(plain.json?["status"]?["code"] == 5)
            let charset = try await sim.client.send(
                "POST", Self.deletePath,
                headers: [("Content-Type", "Application/JSON; charset=utf-8")],
                body: Array(#"{"hash":"\#(Self.hash)"}"#.utf8))
            #expect(charset.status == 200)
        }
    }

    @Test func unknownActionOrMethodIsCode5() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let unknown = try await sim.callNavixy(
                "user/session/push_token/list", json: #"{"hash":"\#(Self.hash)"}"#)
            #expect(unknown.status == 400)
            #expect(unknown.json?["status"]?["code"] == 5)

            let put = try await sim.client.send(
                "PUT", Self.deletePath, json: #"{"hash":"\#(Self.hash)"}"#)
            #expect(put.status == 400)
            #expect(put.json?["status"]?["code"] == 5)

            let outside = try await sim.client.send("GET", "/v1/user/auth")
            #expect(outside.status == 404)
            #expect(try await sim.recordedRequests().count == 2)
        }
    }

    @Test func formBodyBindsWebPush() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let form =
                "hash=\(Self.hash)&application=w3c_pushapi"
                + "&token=https%3A%2F%2Fpush.example%2Fe%3Fa%3D1"
                + "&parameters=%7B%22p256dh%22%3A%22k1%22%2C%22auth%22%3A%22k2%22%7D"
                + "&category_filter=-history_task"
            let answer = try await sim.client.send("POST", Self.bindPath, form: form)
            #expect(answer.status == 200, "\(answer.text)")
            let binding = try #require(try await sim.bindings().first)
            #expect(binding["token"] == "https://push.example/e?a=1")
            #expect(binding["parameters"]?["auth"] == "k2")
            #expect(binding["category_filter"] == "-history_task")

            let broken = try await sim.client.send("POST", Self.deletePath, form: "hash=%zz")
            #expect(broken.json?["status"]?["code"] == 5)
        }
    }

    @Test func queryStringBindsWithGet() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let target =
                "\(Self.bindPath)?hash=\(Self.hash)&application=navixy_android_viewer&token=a+b"
            let answer = try await sim.client.send("GET", target)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(try await sim.bindings().first?["token"] == "a b")

            let delete = try await sim.client.send("GET", "\(Self.deletePath)?hash=\(Self.hash)")
            #expect(delete.status == 200)
            #expect(try await sim.bindings().isEmpty)
        }
    }

    @Test func authorizationHeaderCarriesHash() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let answer = try await sim.client.send(
                "POST", Self.bindPath,
                json: #"{"application":"navixy_android_viewer","token":"t"}"#,
                headers: [("Authorization", "NVX \(Self.hash)")])
            #expect(answer.status == 200, "\(answer.text)")
            #expect(try await sim.bindings().count == 1)

            let wrongScheme = try await sim.client.send(
                "POST", Self.deletePath, json: "{}",
                headers: [("Authorization", "Bearer \(Self.hash)")])
            #expect(wrongScheme.json?["status"]?["code"] == 3)
        }
    }

    @Test func deleteIsIdempotent() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            _ = try await sim.client.send(
                "POST", Self.bindPath,
                json: #"{"hash":"\#(Self.hash)","application":"navixy_android_viewer","token":"t"}"#
            )
            for attempt in 1...2 {
                let answer = try await sim.client.send(
                    "POST", Self.deletePath, json: #"{"hash":"\#(Self.hash)"}"#)
                #expect(answer.status == 200, "attempt \(attempt)")
                #expect(answer.text == #"{"success":true}"#, "attempt \(attempt)")
            }
            #expect(try await sim.bindings().isEmpty)
        }
    }

    @Test func rebindReplacesToken() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            for token in ["first", "second"] {
                _ = try await sim.client.send(
                    "POST", Self.bindPath,
                    json:
                        #"{"hash":"\#(Self.hash)","application":"navixy_android_viewer","token":"\#(token)"}"#
                )
            }
            let bindings = try await sim.bindings()
            #expect(bindings.count == 1)
            #expect(bindings.first?["token"] == "second")
        }
    }

    @Test func requestsAreRecordedInOrder() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            _ = try await sim.client.send(
                "POST", "\(Self.bindPath)?trace=1",
                json:
                    #"{"hash":"\#(Self.hash)","application":"navixy_android_viewer","token":"t","n":2}"#,
                headers: [("X-Request-Id", "req-1")])
            _ = try await sim.client.send("GET", "\(Self.deletePath)?hash=\(Self.hash)")
            _ = try await sim.client.send("GET", "/_sim/bindings")

            let requests = try await sim.recordedRequests()
            #expect(requests.count == 2)
            let bind = try #require(requests.first)
            #expect(bind["action"] == "user/session/push_token/bind")
            #expect(bind["method"] == "POST")
            #expect(bind["headers"]?["x-request-id"] == "req-1")
            #expect(bind["headers"]?["content-type"] == "application/json")
            #expect(bind["headers"]?["X-Request-Id"] == nil)
            #expect(bind["params"]?["token"] == "t")
            #expect(bind["params"]?["n"] == 2)
            #expect(bind["params"]?["trace"] == "1")
            #expect(bind["query"] == "trace=1")
            #expect(bind["fault"] == nil)
            #expect(requests.last?["action"] == "user/session/push_token/delete")
            #expect(requests.last?["method"] == "GET")

            let clear = try await sim.client.send("DELETE", "/_sim/requests")
            #expect(clear.status == 204)
            #expect(try await sim.recordedRequests().isEmpty)
        }
    }

    @Test func controlAddsAndEndsSessions() async throws {
        try await NavixySimulator.run { sim in
            let chosen = try await sim.addSession(Self.hash.uppercased())
            #expect(chosen == Self.hash)
            let generated = try await sim.addSession()
            #expect(generated.count == 32)
            #expect(generated != chosen)

            let sessions = try await sim.client.send("GET", "/_sim/sessions").json
            #expect(sessions?["sessions"]?.arrayValue?.count == 2)
            #expect(sessions?["sessions"]?[0]?["state"] == "active")

            try await sim.endSession(Self.hash)
            let ended = try await sim.client.send("GET", "/_sim/sessions").json
            #expect(ended?["sessions"]?[0]?["state"] == "ended")
            try await sim.addSession(Self.hash)
            let reactivated = try await sim.client.send("GET", "/_sim/sessions").json
            #expect(reactivated?["sessions"]?[0]?["state"] == "active")

            let unknown = try await sim.client.send(
                "DELETE", "/_sim/sessions/00000000000000000000000000000000")
            #expect(unknown.status == 404)
            let malformed = try await sim.client.send(
                "POST", "/_sim/sessions", json: #"{"hash":"xyz"}"#)
            #expect(malformed.status == 400)
            #expect(malformed.json?["error"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func controlRejectsUnknownRoutesAndMethods() async throws {
        try await NavixySimulator.run { sim in
            let unknown = try await sim.client.send("GET", "/_sim/nothing")
            #expect(unknown.status == 404)
            let method = try await sim.client.send("PUT", "/_sim/requests")
            #expect(method.status == 405)
            #expect(method.header("allow") == "GET, DELETE")
            let notJSON = try await sim.client.send("POST", "/_sim/faults", json: "{")
            #expect(notJSON.status == 400)
            #expect(try await sim.recordedRequests().isEmpty)
        }
    }

    @Test func resetRestoresStartState() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let added = try await sim.addSession()
            _ = try await sim.client.send(
                "POST", Self.bindPath,
                json: #"{"hash":"\#(Self.hash)","application":"navixy_android_viewer","token":"t"}"#
            )
            try await sim.endSession(Self.hash)
            try await sim.addFaults(#"{"code":8}"#)

            let reset = try await sim.client.send("POST", "/_sim/reset")
            #expect(reset.status == 204)
            #expect(try await sim.recordedRequests().isEmpty)
            #expect(try await sim.bindings().isEmpty)
            let faults = try await sim.client.send("GET", "/_sim/faults").json
            #expect(faults?["faults"] == .array([]))
            let sessions = try await sim.client.send("GET", "/_sim/sessions").json
            #expect(sessions?["sessions"]?.arrayValue?.count == 1)
            #expect(sessions?["sessions"]?[0]?["hash"]?.stringValue == Self.hash)
            #expect(sessions?["sessions"]?[0]?["state"] == "active")

            let forgotten = try await sim.client.send(
                "POST", Self.deletePath, json: #"{"hash":"\#(added)"}"#)
            #expect(forgotten.json?["status"]?["code"] == 4)
        }
    }

    @Test func malformedRequestsLeaveSimulatorServing() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let inputs: [[UInt8]] = [
                Array("GARBAGE\r\n\r\n".utf8),
                Array("POST /v2/user/auth HTTP/1.1\r\nContent-Length: 5\r\n\r\n{".utf8),
                [0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0x0D, 0x0A],
                Array(
                    "POST /v2/user/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 6\r\nConnection: close\r\n\r\n\u{FF}\u{FE}\"\""
                        .utf8),
                Array(
                    "GET /v2/user/auth?login=%FF%FE&password=%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .utf8),
            ]
            // Only the checks below matter, so each input gets a short wait. The cut-short body
            // may get no response at all: the front can miss a half-close that arrives with the
            // last bytes and then keeps the connection until the idle timeout.
            var impatient = sim.client
            impatient.timeout = .seconds(2)
            for input in inputs {
                _ = try? await impatient.sendRaw(input, finishSending: true)
            }
            let deep = String(repeating: "[", count: 60_000)
            let nested = try await sim.client.send("POST", Self.deletePath, json: deep)
            #expect(nested.json?["status"]?["code"] == 5)

            let answer = try await sim.client.send(
                "POST", Self.deletePath, json: #"{"hash":"\#(Self.hash)"}"#)
            #expect(answer.status == 200)
            #expect(sim.process.exitStatus == nil)
        }
    }

    @Test func bodyOverLimitIsCode9() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            let padding = String(repeating: "x", count: 70_000)
            let answer = try await sim.client.send(
                "POST", Self.bindPath, json: #"{"hash":"\#(Self.hash)","pad":"\#(padding)"}"#)
            #expect(answer.status == 412)
            #expect(answer.json?["status"]?["code"] == 9)
        }
    }
}
