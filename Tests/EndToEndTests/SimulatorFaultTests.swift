import Testing

/// The fault steps of `navixy-sim`: each kind, their order and repetition, and their records.
@Suite struct SimulatorFaultTests {
    static let hash = SimulatorTests.hash
    static let deletePath = SimulatorTests.deletePath
    static let deleteBody = #"{"hash":"\#(hash)"}"#

    private func delete(_ sim: NavixySimulator) async throws -> TestHTTPResponse {
        try await sim.client.send("POST", Self.deletePath, json: Self.deleteBody)
    }

    @Test func codeFaultAnswersNavixyError() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(
                #"{"code":8}"#, #"{"code":7,"status":500,"description":"boom"}"#)

            let first = try await delete(sim)
            #expect(first.status == 503)
            #expect(first.json?["success"] == false)
            #expect(first.json?["status"]?["code"] == 8)
            #expect(first.json?["status"]?["description"]?.stringValue?.isEmpty == false)

            let second = try await delete(sim)
            #expect(second.status == 500)
            #expect(second.json?["status"]?["code"] == 7)
            #expect(second.json?["status"]?["description"] == "boom")

            let third = try await delete(sim)
            #expect(third.status == 200)
        }
    }

    @Test func codeFaultUsesNavixyStatusTable() async throws {
        let table: [(code: Int, status: Int)] = [
            (1, 500), (2, 403), (3, 400), (4, 400), (5, 400), (6, 500), (7, 400), (8, 503),
            (9, 412), (11, 403), (12, 400), (13, 403), (14, 503), (15, 429), (204, 404), (208, 400),
        ]
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(table.map { #"{"code":\#($0.code)}"# }.joined(separator: ","))
            for (code, status) in table {
                let answer = try await delete(sim)
                #expect(answer.status == status, "code \(code)")
                #expect(answer.json?["status"]?["code"]?.intValue == code)
            }
        }
    }

    @Test func bodyFaultAnswersRawText() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(
                #"{"body":"<html>bad gateway</html>","status":502,"content_type":"text/html"}"#,
                #"{"body":"not json"}"#)

            let page = try await delete(sim)
            #expect(page.status == 502)
            #expect(page.header("Content-Type") == "text/html")
            #expect(page.text == "<html>bad gateway</html>")

            let text = try await delete(sim)
            #expect(text.status == 200)
            #expect(text.header("content-type")?.hasPrefix("text/plain") == true)
            #expect(text.text == "not json")
        }
    }

    @Test func statusFaultKeepsUsualAnswer() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(#"{"status":500}"#)
            let answer = try await sim.client.send(
                "POST", SimulatorTests.bindPath,
                json: #"{"hash":"\#(Self.hash)","application":"navixy_android_viewer","token":"t"}"#
            )
            #expect(answer.status == 500)
            #expect(answer.text == #"{"success":true}"#)
            #expect(try await sim.bindings().count == 1)
        }
    }

    @Test func retryAfterFaultAddsHeader() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(
                #"{"code":15,"retry_after":7}"#,
                #"{"status":503,"body":"busy","retry_after":"Wed, 21 Oct 2015 07:28:00 GMT"}"#)

            let limited = try await delete(sim)
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "7")
            #expect(limited.json?["status"]?["code"] == 15)

            let busy = try await delete(sim)
            #expect(busy.status == 503)
            #expect(busy.header("Retry-After") == "Wed, 21 Oct 2015 07:28:00 GMT")

            let normal = try await delete(sim)
            #expect(normal.header("Retry-After") == nil)
        }
    }

    @Test func repeatAppliesStepSeveralTimes() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(#"{"code":6,"repeat":2}"#, #"{"code":14}"#)
            let pending = try await sim.client.send("GET", "/_sim/faults").json
            #expect(pending?["faults"]?[0]?["repeat"] == 2)

            var codes: [Int?] = []
            for _ in 1...4 {
                codes.append(try await delete(sim).json?["status"]?["code"]?.intValue)
            }
            #expect(codes == [6, 6, 14, nil])
        }
    }

    @Test func dropClosesWithoutAnswer() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(#"{"drop":true}"#)
            let request = sim.client.requestBytes(
                "POST", Self.deletePath, headers: [("Content-Type", "application/json")],
                body: Array(Self.deleteBody.utf8))
            let received = try await sim.client.sendRaw(request)
            #expect(received.isEmpty)

            let next = try await delete(sim)
            #expect(next.status == 200)
            let requests = try await sim.recordedRequests()
            #expect(requests.count == 2)
            #expect(requests.first?["fault"]?["drop"] == true)
            #expect(requests.last?["fault"] == nil)
        }
    }

    @Test func delayDoesNotBlockOtherCalls() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            // More delayed calls than the front has worker threads (two by default).
            let delayedCount = 3
            try await sim.addFaults(#"{"delay_ms":5000,"repeat":\#(delayedCount)}"#)
            let finished = Locked<[Int]>([])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...delayedCount {
                    group.addTask {
                        let answer = try await self.delete(sim)
                        finished.withLock { $0.append(answer.status) }
                    }
                }
                try await waitUntil("the delayed calls are recorded") {
                    try await sim.recordedRequests().count == delayedCount
                }
                let quick = try await delete(sim)
                #expect(quick.status == 200)
                #expect(
                    finished.withLock { $0 }.isEmpty, "delayed calls answered before the quick one")
                try await group.waitForAll()
            }
            #expect(finished.withLock { $0 } == Array(repeating: 200, count: delayedCount))
            let notes = try await sim.recordedRequests().compactMap { $0["fault"]?["delay_ms"] }
            #expect(notes == Array(repeating: 5000, count: delayedCount))
        }
    }

    @Test func controlCallsDoNotConsumeFaults() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(#"{"code":8}"#)
            _ = try await sim.bindings()
            _ = try await sim.recordedRequests()
            _ = try await sim.client.send("GET", "/_sim/sessions")

            let answer = try await delete(sim)
            #expect(answer.json?["status"]?["code"] == 8)
            let record = try #require(try await sim.recordedRequests().first)
            #expect(record["fault"]?["code"] == 8)
            #expect(record["params"]?["hash"]?.stringValue == Self.hash)
        }
    }

    @Test func faultsCanBeListedAndCleared() async throws {
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            try await sim.addFaults(#"{"code":8}"#, #"{"delay_ms":10,"status":502}"#)
            let listed = try await sim.client.send("GET", "/_sim/faults").json?["faults"]
            #expect(listed?.arrayValue?.count == 2)
            #expect(listed?[1]?["delay_ms"] == 10)

            let cleared = try await sim.client.send("DELETE", "/_sim/faults")
            #expect(cleared.status == 204)
            #expect(try await delete(sim).status == 200)
        }
    }

    @Test func invalidFaultStepsAreRejected() async throws {
        let steps = [
            #"{"stauts":500}"#, #"{"code":8,"body":"x"}"#, #"{"drop":true,"code":8}"#,
            #"{"status":99}"#, #"{"status":"500"}"#, #"{"delay_ms":-1}"#, #"{"repeat":0}"#,
            #"{"description":"x"}"#, #"{"content_type":"text/html"}"#, #"{"drop":1}"#,
            #"{"retry_after":"1\r\nX-Evil: 1"}"#, #"{"code":1.5}"#, "[]", "3",
        ]
        try await NavixySimulator.run(arguments: ["--hash", Self.hash]) { sim in
            for step in steps {
                let answer = try await sim.client.send(
                    "POST", "/_sim/faults", json: #"{"faults":[{"code":8},\#(step)]}"#)
                #expect(answer.status == 400, "\(step)")
                #expect(
                    answer.json?["error"]?.stringValue?.contains("faults[1]") == true, "\(step)")
            }
            let shape = try await sim.client.send("POST", "/_sim/faults", json: #"{"steps":[]}"#)
            #expect(shape.status == 400)
            let pending = try await sim.client.send("GET", "/_sim/faults").json
            #expect(pending?["faults"] == .array([]))
        }
    }
}
