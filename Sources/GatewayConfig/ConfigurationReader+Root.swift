import GatewayLog

extension ConfigurationReader {
    /// Keys of the top-level object, in the order they are read.
    static let rootKeys = [
        "listen", "store", "regions", "callers", "limits", "shutdown", "gzip_min_bytes",
        "categories", "log_level",
    ]

    /// The environment variable whose value overrides `log_level`.
    static let logLevelVariable = "NAVIXY_GATEWAY_LOG_LEVEL"

    /// Builds a configuration from the parsed file, starting from the defaults, and records
    /// every problem found, the checks across sections included.
    func readConfiguration(_ root: Any) -> GatewayConfiguration {
        var configuration = GatewayConfiguration.defaults
        var declaredCallers = 0
        if let object = object(root, at: "", knownKeys: Self.rootKeys) {
            readSections(of: object, into: &configuration)
            declaredCallers = (object["callers"] as? [Any])?.count ?? 0
        }
        applyEnvironment(to: &configuration)
        if declaredCallers == 0 && !configuration.listen.isLoopback {
            report(
                "listen",
                "no callers are configured, so authentication is off and only a loopback "
                    + "address is allowed, got \(configuration.listen); configure callers or "
                    + "listen on 127.0.0.1 or [::1]"
            )
        }
        return configuration
    }

    private func readSections(
        of object: [String: Any],
        into configuration: inout GatewayConfiguration
    ) {
        if let value = object["listen"], let listen = readListen(value, at: "listen") {
            configuration.listen = listen
        }
        if let value = object["store"], let store = readStore(value, at: "store") {
            configuration.store = store
        }
        if let value = object["regions"], let regions = readRegions(value, at: "regions") {
            configuration.regions = regions
        }
        if let value = object["callers"], let callers = readCallers(value, at: "callers") {
            configuration.callers = callers
        }
        if let value = object["limits"] {
            readLimits(value, at: "limits", into: &configuration.limits)
        }
        if let value = object["shutdown"] {
            readShutdown(value, at: "shutdown", into: &configuration.shutdown)
        }
        if let value = object["gzip_min_bytes"],
            let bytes = integer(value, at: "gzip_min_bytes", range: 0...16_777_216)
        {
            configuration.gzipMinBytes = bytes
        }
        if let value = object["categories"], let names = readCategories(value, at: "categories") {
            configuration.categories = names
        }
        if let value = object["log_level"], let level = readLogLevel(value, at: "log_level") {
            configuration.logLevel = level
        }
    }

    /// Applies `NAVIXY_GATEWAY_LOG_LEVEL` when it is set and non-empty.
    private func applyEnvironment(to configuration: inout GatewayConfiguration) {
        guard let name = environment[Self.logLevelVariable], !name.isEmpty else { return }
        guard let level = LogLevel(name: name) else {
            let message = "unknown log level \(Self.quote(name)); \(Self.levelHint)"
            report(Self.logLevelVariable, message)
            return
        }
        configuration.logLevel = level
    }

    private static let levelHint = "expected debug, info, warning (or warn) or error"

    private func readLogLevel(_ value: Any, at keyPath: String) -> LogLevel? {
        guard let name = string(value, at: keyPath) else { return nil }
        guard let level = LogLevel(name: name) else {
            report(keyPath, "unknown log level \(Self.quote(name)); \(Self.levelHint)")
            return nil
        }
        return level
    }

    private func readListen(_ value: Any, at keyPath: String) -> ListenAddress? {
        guard let text = string(value, at: keyPath) else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            report(
                keyPath,
                "invalid listen address \(Self.quote(text)); expected IPV4:PORT or [IPV6]:PORT "
                    + "with a port from 0 to 65535, such as 127.0.0.1:8080 or [::1]:8080"
            )
            return nil
        }
        return address
    }

    private func readStore(_ value: Any, at keyPath: String) -> StoreLocation? {
        guard let text = string(value, at: keyPath) else { return nil }
        guard let location = StoreLocation(parsing: text) else {
            // The value is not echoed because a PostgreSQL URL may contain a password.
            report(
                keyPath,
                "invalid store; expected sqlite:PATH with a non-empty path, or a postgres:// or "
                    + "postgresql:// URL"
            )
            return nil
        }
        return location
    }
}
