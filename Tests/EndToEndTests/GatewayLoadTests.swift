import Foundation
import Testing

/// Many calls at once: nothing lost, nothing mixed up between subjects.
@Suite struct GatewayLoadTests {
    @Test func concurrentBindsForManySubjects() async throws {
        try await GatewayWithSimulator.run { setup in
            let count = 200
            var hashes: [String: String] = [:]
            for index in 0..<count {
                hashes["s-\(index)"] = try await setup.storeSession("s-\(index)")
            }
            let statuses = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<count {
                    group.addTask {
                        let answer = try await setup.bind(
                            "s-\(index)",
                            #"{"application": "android", "token": "token-\#(index)"}"#)
                        return (index, answer.status)
                    }
                }
                var collected: [Int: Int] = [:]
                for try await (index, status) in group { collected[index] = status }
                return collected
            }
            #expect(statuses.count == count)
            #expect(statuses.values.allSatisfy { $0 == 200 })

            let binds = try await setup.simulator.recordedRequests()
                .filter { $0["action"] == "user/session/push_token/bind" }
            #expect(binds.count == count)
            var tokenByHash: [String: String] = [:]
            for bind in binds {
                let hash = try #require(bind["params"]?["hash"]?.stringValue)
                tokenByHash[hash] = bind["params"]?["token"]?.stringValue
            }
            for index in 0..<count {
                let hash = try #require(hashes["s-\(index)"])
                #expect(tokenByHash[hash] == "token-\(index)")
            }
        }
    }
}
