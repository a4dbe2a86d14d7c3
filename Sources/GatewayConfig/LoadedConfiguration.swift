/// A valid configuration and the legal but risky settings that it contains.
public struct LoadedConfiguration: Sendable {
    /// The configuration to run with.
    public var configuration: GatewayConfiguration

    /// Settings to log as warnings at start, such as a plain `http://` base URL to a
    /// non-loopback host or a caller key shorter than 16 characters.
    public var warnings: [ConfigurationProblem]
}
