import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `navixy-sim` process as scripts see it: start line, options, exit statuses, TLS.
@Suite struct SimulatorProcessTests {
    @Test func startLineComesFirst() async throws {
        try await NavixySimulator.run { sim in
            let line = try #require(sim.process.standardOutput.lines.first)
            let json = try #require(TestJSON(parsing: Array(line.utf8)))
            #expect(json.keys == ["level", "message", "listen.host", "listen.port", "scheme"])
            #expect(json["level"] == "info")
            #expect(json["message"] == "navixy-sim listening")
            #expect(json["listen.host"] == "127.0.0.1")
            #expect(json["listen.port"]?.intValue == sim.port)
            #expect(json["scheme"] == "http")
            #expect(line.hasPrefix(#"{"level":"info","message":"navixy-sim listening","#))
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func signalStopsWithExitZero(signal: Int32) async throws {
        try await NavixySimulator.run { sim in
            sim.process.send(signal: signal)
            let status = try await sim.process.waitForExit()
            #expect(status == .exited(0))
            try await sim.process.waitForLine(matching: { $0.contains("navixy-sim stopped") })
        }
    }

    @Test func helpExplainsEachOption() async throws {
        let executable = try BuiltBinary.url(named: "navixy-sim")
        try await ManagedProcess.run(executable, arguments: ["--help"]) { process in
            #expect(try await process.waitForExit() == .exited(0))
            try await waitUntil("the help is read") { process.standardOutput.isClosed }
            let help = process.standardOutput.lines.joined(separator: "\n")
            for option in [
                "--listen", "--hash", "--idle-timeout-seconds", "--tls-cert", "--tls-key",
                "/_sim/faults", "delay_ms", "retry_after",
            ] {
                #expect(help.contains(option), "\(option)")
            }
            #expect(help.contains("Seconds"))
        }
    }

    @Test func wrongOptionsExitWithStatusTwo() async throws {
        let executable = try BuiltBinary.url(named: "navixy-sim")
        let cases: [(arguments: [String], mention: String)] = [
            (["--listen", "nowhere"], "--listen"),
            (["--listen", "127.0.0.1:70000"], "--listen"),
            (["--hash", "xyz"], "--hash"),
            (["--idle-timeout-seconds", "0"], "--idle-timeout-seconds"),
            (["--tls-cert", "/nonexistent"], "--tls-key"),
            (["--bogus"], "--bogus"),
            (["--listen"], "--listen"),
        ]
        for (arguments, mention) in cases {
            try await ManagedProcess.run(executable, arguments: arguments) { process in
                #expect(try await process.waitForExit() == .exited(2), "\(arguments)")
                try await waitUntil("stderr is read") { process.standardError.isClosed }
                let errors = process.standardError.lines.joined(separator: "\n")
                #expect(errors.contains(mention), "\(arguments): \(errors)")
                #expect(process.standardOutput.lines.isEmpty, "\(arguments)")
            }
        }
    }

    @Test func busyPortFailsStart() async throws {
        try await NavixySimulator.run { sim in
            let executable = try BuiltBinary.url(named: "navixy-sim")
            try await ManagedProcess.run(
                executable, arguments: ["--listen", "127.0.0.1:\(sim.port)"]
            ) { second in
                #expect(try await second.waitForExit() == .exited(1))
                try await waitUntil("stderr is read") { second.standardError.isClosed }
                #expect(second.standardError.lines.joined().contains("\(sim.port)"))
            }
        }
    }

    @Test(.enabled(if: Tool.isAvailable("openssl") && Tool.isAvailable("curl")))
    func tlsServesHTTPS() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("navixy-sim-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        try await Tool.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out",
                certificate,
            ])

        try await NavixySimulator.run(arguments: ["--tls-cert", certificate, "--tls-key", key]) {
            sim in
            let start = try #require(sim.process.standardOutput.lines.first)
            #expect(TestJSON(parsing: Array(start.utf8))?["scheme"] == "https")

            let output = try await Tool.run(
                "curl",
                [
                    "--silent", "--show-error", "--insecure", "--max-time", "10",
                    "https://127.0.0.1:\(sim.port)/_sim/sessions",
                ])
            #expect(output == #"{"sessions":[]}"#)

            let plain = try await sim.client.sendRaw(
                sim.client.requestBytes("GET", "/_sim/sessions", headers: [], body: []))
            #expect(!String(decoding: plain, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        }
    }
}
