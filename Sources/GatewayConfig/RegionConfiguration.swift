/// One Navixy region: where its API lives and how calls to it are bounded (key
/// `regions.NAME`).
public struct RegionConfiguration: Sendable, Hashable {
    /// Absolute `http` or `https` URL of the region's API, such as
    /// `https://api.eu.navixy.com/v2`, without a trailing slash, query or fragment. Key
    /// `base_url`, required. The loader removes trailing slashes.
    public var baseURL: String

    /// Path of a PEM bundle of certificate authorities to trust in addition to the system's. Key
    /// `ca_file`, default none.
    public var caFile: String?

    /// Deadline in ms of a whole call, retries and backoff included. Key `timeout_ms`, default
    /// 10000, range 100 to 300000.
    public var timeoutMs: Int

    /// Retry policy for failed attempts. Key `retry`.
    public var retry: RetrySettings

    /// When the region's circuit opens and for how long. Key `circuit`.
    public var circuit: CircuitSettings

    /// Maximum number of calls in flight to this region. A call past it waits briefly, then
    /// gets 503. Key `max_connections`, default 64, range 1 to 1024.
    public var maxConnections: Int
}
