/// Limits and defaults of one `UpstreamClient`, shared by all its calls.
public struct UpstreamClientConfiguration: Sendable {
    /// The maximum number of connections open to one host at a time; further transfers to
    /// that host wait for a free one (`CURLMOPT_MAX_HOST_CONNECTIONS`). Default 64, at least 1.
    public var maxConnectionsPerHost: Int

    /// The maximum number of idle connections kept open for reuse, all hosts together
    /// (`CURLMOPT_MAXCONNECTS`). Default 256, at least 1.
    public var maxCachedConnections: Int

    /// The maximum size of a decoded response body in bytes; one byte more aborts the transfer
    /// with `responseTooLarge`. Default 1 MiB (1,048,576), at least 1.
    public var maxResponseBytes: Int

    /// The deadline of name resolution, connection and TLS handshake, capped by each request's
    /// `timeout`. Default 3 seconds, positive.
    public var connectTimeout: Duration

    /// The directory of hashed CA certificates (as made by `openssl rehash`) that every call
    /// trusts, also when a request names its own `caFile`. Default `/etc/ssl/certs`, the
    /// directory that Debian's `ca-certificates` fills and Debian's libcurl uses by default.
    public var systemCAPath: String

    /// Creates a configuration; every argument has the default stated at its property.
    public init(
        maxConnectionsPerHost: Int = 64,
        maxCachedConnections: Int = 256,
        maxResponseBytes: Int = 1 << 20,
        connectTimeout: Duration = .seconds(3),
        systemCAPath: String = "/etc/ssl/certs"
    ) {
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxCachedConnections = maxCachedConnections
        self.maxResponseBytes = maxResponseBytes
        self.connectTimeout = connectTimeout
        self.systemCAPath = systemCAPath
    }

    /// Throws `invalidConfiguration` naming the first value out of its range.
    func validate() throws(UpstreamError) {
        let problems = [
            maxConnectionsPerHost < 1 ? "maxConnectionsPerHost must be at least 1" : nil,
            maxCachedConnections < 1 ? "maxCachedConnections must be at least 1" : nil,
            maxResponseBytes < 1 ? "maxResponseBytes must be at least 1" : nil,
            connectTimeout <= .zero ? "connectTimeout must be positive" : nil,
            systemCAPath.isEmpty ? "systemCAPath must not be empty" : nil,
        ]
        if let problem = problems.compactMap({ $0 }).first {
            throw UpstreamError(kind: .invalidConfiguration, detail: problem)
        }
    }
}
