import Foundation
import Testing

/// `navixy-gateway check-config` and the start-up checks of `serve`.
@Suite struct GatewayCommandLineTests {
    /// Runs the gateway binary with `arguments` to completion and returns its exit status and
    /// both outputs.
    private func runGateway(_ arguments: [String], environment: [String: String] = [:])
        async throws -> (status: ManagedProcess.ExitStatus, output: String)
    {
        let executable = try BuiltBinary.url(named: "navixy-gateway")
        return try await ManagedProcess.run(
            executable, arguments: arguments, environment: environment
        ) { process in
            let status = try await process.waitForExit(timeout: .seconds(20))
            let output = (process.standardOutput.lines + process.standardError.lines)
                .joined(separator: "\n")
            return (status, output)
        }
    }

    @Test func checkConfigAcceptsGoodFile() async throws {
        try await TemporaryFolder.with { folder in
            let file = folder.appendingPathComponent("good.json")
            let json = GatewayConfigFile.json(
                folder: folder, regions: ["eu": "https://api.eu.navixy.com/v2"])
            try Data(json.utf8).write(to: file)
            let result = try await runGateway(["check-config", "--config", file.path])
            #expect(result.status == .exited(0))
        }
    }

    @Test func checkConfigListsEveryProblem() async throws {
        try await TemporaryFolder.with { folder in
            let file = folder.appendingPathComponent("bad.json")
            let json = #"""
                {"listen": "127.0.0.1:8080", "colour": "blue",
                 "regions": {"eu": {"base_url": "ftp://example"}},
                 "callers": [{"name": "a", "key_file": "/nonexistent/key", "scopes": ["push"]},
                             {"name": "b", "key": "k-0123456789abcdef", "scopes": ["admin"]}]}
                """#
            try Data(json.utf8).write(to: file)
            let result = try await runGateway(["check-config", "--config", file.path])
            #expect(result.status != .exited(0))
            for key in [
                "colour", "regions.eu.base_url", "callers[0].key_file", "callers[1].scopes",
            ] {
                #expect(result.output.contains(key), "\(key) missing from: \(result.output)")
            }
        }
    }

    @Test func serveStopsOnBadFileNamingTheKey() async throws {
        try await TemporaryFolder.with { folder in
            let file = folder.appendingPathComponent("bad.json")
            try Data(#"{"listen": "127.0.0.1:0", "limits": {"max_body_bytes": "big"}}"#.utf8)
                .write(to: file)
            let result = try await runGateway(["serve", "--config", file.path])
            #expect(result.status != .exited(0))
            #expect(result.output.contains("limits.max_body_bytes"))
        }
    }

    @Test func noCallersRefusesNonLoopback() async throws {
        try await TemporaryFolder.with { folder in
            let file = folder.appendingPathComponent("open.json")
            try Data(#"{"listen": "0.0.0.0:0", "store": "sqlite:\#(folder.path)/s.sqlite3"}"#.utf8)
                .write(to: file)
            let result = try await runGateway(["serve", "--config", file.path])
            #expect(result.status != .exited(0))
            #expect(result.output.contains("listen"))
            #expect(result.output.contains("loopback"))
        }
    }

    @Test func configFromEnvironment() async throws {
        try await TemporaryFolder.with { folder in
            let file = folder.appendingPathComponent("env.json")
            try Data(#"{"regions": {"eu": {"base_url": "http://127.0.0.1:1/v2"}}}"#.utf8)
                .write(to: file)
            let result = try await runGateway(
                ["check-config"], environment: ["NAVIXY_GATEWAY_CONFIG": file.path])
            #expect(result.status == .exited(0))
        }
    }

    @Test func unknownOptionIsUsageError() async throws {
        let result = try await runGateway(["serve", "--colour"])
        #expect(result.status == .exited(2))
        #expect(result.output.contains("--colour"))
    }
}
