import Foundation

/// Loads, resolves and validates a configuration file.
///
/// The environment and file access are injected, so tests can run without touching the real
/// process environment or disk.
public struct ConfigurationLoader {
    /// The environment variable that names the configuration file when `--config` is absent.
    public static let configurationPathVariable = "NAVIXY_GATEWAY_CONFIG"

    /// The environment variable whose value overrides the file's `log_level`.
    public static let logLevelVariable = ConfigurationReader.logLevelVariable

    private let environment: [String: String]
    private let readFile: (String) throws -> String

    /// Creates a loader that resolves `key_env` and the log level override from
    /// `environment`, and reads the configuration, `key_file` and `ca_file` with `readFile`.
    public init(environment: [String: String], readFile: @escaping (String) throws -> String) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Creates a loader over the process environment and the file system.
    public init() {
        self.init(environment: ProcessInfo.processInfo.environment) { path in
            try String(contentsOfFile: path, encoding: .utf8)
        }
    }

    /// Loads the file at `path`, or only the defaults when `path` is nil, applies
    /// `NAVIXY_GATEWAY_LOG_LEVEL` and validates everything. A failure lists every problem
    /// found, not only the first.
    ///
    /// A JSON value of `null` counts as a wrong type, not as an absent key. When a key occurs
    /// twice in one object, the last occurrence wins.
    public func load(path: String?) -> Result<LoadedConfiguration, ConfigurationProblems> {
        let reader = ConfigurationReader(environment: environment, readFile: readFile)
        var root: Any = [String: Any]()
        if let path {
            switch parseFile(path) {
            case .success(let parsed): root = parsed
            case .failure(let problems): return .failure(problems)
            }
        }
        let configuration = reader.readConfiguration(root)
        guard reader.problems.isEmpty else {
            return .failure(ConfigurationProblems(problems: reader.problems))
        }
        return .success(
            LoadedConfiguration(configuration: configuration, warnings: reader.warnings)
        )
    }

    /// Reads and parses the file, or returns the one problem that stops the reading.
    private func parseFile(_ path: String) -> Result<Any, ConfigurationProblems> {
        let text: String
        do {
            text = try readFile(path)
        } catch {
            let message = "failed to read configuration file \(path): \(error.localizedDescription)"
            return .failure(Self.fileProblem(message))
        }
        do {
            let data = Data(text.utf8)
            let root = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
            return .success(root)
        } catch {
            let detail = JSONSyntaxError(error, in: text).description
            let message = "configuration file \(path) is not valid JSON: \(detail)"
            return .failure(Self.fileProblem(message))
        }
    }

    private static func fileProblem(_ message: String) -> ConfigurationProblems {
        ConfigurationProblems(problems: [ConfigurationProblem(keyPath: "", message: message)])
    }
}
