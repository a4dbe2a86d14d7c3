import Gateway
import GatewayConfig
import GatewayLog

/// The fields of the start-up line: what an operator needs to see was configured, with callers
/// by name only and never a key.
enum StartupSummary {
    /// Builds the fields for `configuration`, listening on `port`.
    static func fields(_ configuration: GatewayConfiguration, port: Int) -> [String: LogValue] {
        let store: String
        switch configuration.store {
        case .sqlite(let path): store = "sqlite:" + path
        case .postgres: store = "postgres"  // The URL may carry a password.
        }
        return [
            "listen.host": .string(configuration.listen.host),
            "listen.port": .int(port),
            "store": .string(store),
            "regions": .string(configuration.regions.keys.sorted().joined(separator: ",")),
            "callers": .string(configuration.callers.map(\.name).sorted().joined(separator: ",")),
            "authentication": .bool(!configuration.callers.isEmpty),
            "version": .string(BuildInfo.version),
            "log.level": .string(configuration.logLevel.description),
            "limits.max_body_bytes": .int(configuration.limits.maxBodyBytes),
            "limits.max_header_bytes": .int(configuration.limits.maxHeaderBytes),
            "limits.header_timeout_ms": .int(configuration.limits.headerTimeoutMs),
            "limits.idle_timeout_ms": .int(configuration.limits.idleTimeoutMs),
            "limits.max_connections": .int(configuration.limits.maxConnections),
            "shutdown.grace_ms": .int(configuration.shutdown.graceMs),
            "shutdown.drain_timeout_ms": .int(configuration.shutdown.drainTimeoutMs),
            "gzip_min_bytes": .int(configuration.gzipMinBytes),
        ]
    }
}
