import Foundation
import Gateway
import GatewayConfig
import GatewayLog

/// Runs one invocation of `navixy-gateway` and returns its exit status.
struct GatewayCommand {
    let arguments: [String]
    private let environment = ProcessInfo.processInfo.environment

    /// Exit status for a bad command line or configuration, as `sysexits.h` has it.
    private static let usageFailure: Int32 = 2

    /// Parses the command line and runs the command.
    func run() -> Int32 {
        let parsed: CommandLineArguments
        do {
            parsed = try CommandLineArguments(arguments)
        } catch {
            printError("navixy-gateway: \(error.message); see navixy-gateway --help")
            return Self.usageFailure
        }
        switch parsed.command {
        case .help:
            print(CommandLineArguments.usage)
            return 0
        case .version:
            print("navixy-gateway \(BuildInfo.version)")
            return 0
        case .checkConfig:
            return checkConfig(path: configPath(parsed))
        case .serve:
            return serve(path: configPath(parsed))
        }
    }

    private func configPath(_ parsed: CommandLineArguments) -> String? {
        parsed.configPath ?? environment["NAVIXY_GATEWAY_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func load(path: String?) -> LoadedConfiguration? {
        let loader = ConfigurationLoader(environment: environment) { path in
            try String(contentsOfFile: path, encoding: .utf8)
        }
        switch loader.load(path: path) {
        case .success(let loaded):
            return loaded
        case .failure(let problems):
            for problem in problems.problems {
                printError("navixy-gateway: configuration error: \(problem)")
            }
            return nil
        }
    }

    private func checkConfig(path: String?) -> Int32 {
        guard let loaded = load(path: path) else { return Self.usageFailure }
        for warning in loaded.warnings {
            printError("navixy-gateway: configuration warning: \(warning)")
        }
        print("navixy-gateway: configuration \(path ?? "(built-in defaults)") is valid")
        return 0
    }

    private func serve(path: String?) -> Int32 {
        guard let loaded = load(path: path) else { return Self.usageFailure }
        let configuration = loaded.configuration
        let logger = Logger(level: configuration.logLevel)
        for warning in loaded.warnings {
            logger.warning(
                "risky configuration",
                [
                    "config.key": .string(warning.keyPath),
                    "config.problem": .string(warning.message),
                ])
        }
        let signals = SignalWaiter()
        let gateway: GatewayServer
        do {
            gateway = try GatewayServer(configuration: configuration, logger: logger)
        } catch {
            logger.error("start failed", ["error": .string(error.description)])
            printError("navixy-gateway: \(error.description)")
            return 1
        }
        logger.info("gateway started", StartupSummary.fields(configuration, port: gateway.port))
        let signal = signals.waitForSignal()
        drain(
            gateway, after: signal, signals: signals, settings: configuration.shutdown,
            logger: logger)
        return 0
    }

    /// Drains the gateway and logs each step; a second signal cuts the waits short.
    private func drain(
        _ gateway: GatewayServer, after signal: String, signals: SignalWaiter, settings: Shutdown,
        logger: Logger
    ) {
        let started = ContinuousClock.now
        logger.info(
            "gateway draining",
            [
                "signal": .string(signal), "shutdown.grace_ms": .int(settings.graceMs),
                "shutdown.drain_timeout_ms": .int(settings.drainTimeoutMs),
            ])
        let report = gateway.drain(
            grace: .milliseconds(settings.graceMs), timeout: .milliseconds(settings.drainTimeoutMs)
        ) { signals.waitForSignal(upTo: $0) }
        let elapsed = ContinuousClock.now - started
        logger.info(
            "gateway stopped",
            [
                "drain.abandoned_requests": .int(report.abandonedRequests),
                "drain.interrupted": .bool(report.interrupted),
                "duration.ms": .int(
                    Int(elapsed.components.seconds) * 1000
                        + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)),
            ])
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
