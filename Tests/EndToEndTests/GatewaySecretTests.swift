import Foundation
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
