import GatewayConfig

/// An in-memory file system and environment, so loader tests never read the real disk.
struct ConfigurationFixture {
    /// The error an in-memory read raises for a path that has no file.
    struct FileNotFound: Error, CustomStringConvertible {
        let path: String
        var description: String { "no such file: \(path)" }
    }

    /// File contents by path.
    var files: [String: String] = [:]
    /// Environment variables by name.
    var environment: [String: String] = [:]

    /// The path under which `load(_:)` stores the configuration text.
    static let configurationPath = "/etc/navixy-gateway/gateway.json"

    /// Loads `json` as the configuration file.
    func load(_ json: String) -> Result<LoadedConfiguration, ConfigurationProblems> {
        var files = self.files
        files[Self.configurationPath] = json
        return loader(files: files).load(path: Self.configurationPath)
    }

    /// Loads without a file, from the defaults and the environment only.
    func loadDefaults() -> Result<LoadedConfiguration, ConfigurationProblems> {
        loader(files: files).load(path: nil)
    }

    /// Loads the file at `path`, which may be absent from `files`.
    func loadFile(at path: String) -> Result<LoadedConfiguration, ConfigurationProblems> {
        loader(files: files).load(path: path)
    }

    /// Loads `json` and returns its problems, or an empty list when it loads.
    func problems(_ json: String) -> [ConfigurationProblem] {
        guard case .failure(let failure) = load(json) else { return [] }
        return failure.problems
    }

    private func loader(files: [String: String]) -> ConfigurationLoader {
        ConfigurationLoader(environment: environment) { path in
            guard let text = files[path] else { throw FileNotFound(path: path) }
            return text
        }
    }
}
