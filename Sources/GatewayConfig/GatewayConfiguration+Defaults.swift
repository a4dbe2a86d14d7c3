import GatewayLog

// Every default of the configuration tree, kept in this one file so that the values operators
// read in the documentation and the values the gateway runs with cannot drift apart.

extension GatewayConfiguration {
    /// The configuration used when no file is given, and the base that a file's keys override.
    public static let defaults = GatewayConfiguration(
        listen: ListenAddress(host: "127.0.0.1", port: 8080)!,
        store: .sqlite(path: "data/gateway.sqlite3"),
        regions: [
            "eu": RegionConfiguration(baseURL: "https://api.eu.navixy.com/v2"),
            "us": RegionConfiguration(baseURL: "https://api.us.navixy.com/v2"),
        ],
        callers: [],
        limits: .defaults,
        shutdown: .defaults,
        gzipMinBytes: 1024,
        categories: [
            "chat_message", "history_rule", "history_task", "history_info",
            "history_service_task", "history_work_status",
        ],
        logLevel: .info
    )
}

extension Limits {
    /// The limits used when the file sets none of them.
    public static let defaults = Limits(
        maxBodyBytes: 65_536,
        maxHeaderBytes: 16_384,
        headerTimeoutMs: 10_000,
        idleTimeoutMs: 60_000,
        maxConnections: 1024
    )
}

extension Shutdown {
    /// The shutdown timing used when the file sets none of it.
    public static let defaults = Shutdown(graceMs: 5000, drainTimeoutMs: 20_000)
}

extension RegionConfiguration {
    /// Creates a region that calls `baseURL` with the default timeout, retry, circuit and
    /// connection settings and the system's trusted certificates.
    public init(baseURL: String) {
        self.init(
            baseURL: baseURL,
            caFile: nil,
            timeoutMs: 10_000,
            retry: .defaults,
            circuit: .defaults,
            maxConnections: 64
        )
    }
}

extension RetrySettings {
    /// The retry settings of a region that sets none of them.
    public static let defaults = RetrySettings(maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000)
}

extension CircuitSettings {
    /// The circuit breaker settings of a region that sets none of them.
    public static let defaults = CircuitSettings(failureThreshold: 5, openMs: 10_000)
}
