import GatewayLog

/// The whole configuration of one gateway process.
///
/// Every value starts from `defaults`, which `GatewayConfiguration+Defaults.swift` defines
/// together with the defaults of every nested section. `ConfigurationLoader` builds a configuration from a
/// JSON file, where every key is optional.
public struct GatewayConfiguration: Sendable {
    /// Address and TCP port of the HTTP front. Key `listen`, default `127.0.0.1:8080`. Port 0
    /// lets the system pick a free port.
    public var listen: ListenAddress

    /// Location of the session store. Key `store`, default `sqlite:data/gateway.sqlite3`.
    public var store: StoreLocation

    /// Navixy regions by name (1 to 32 characters of `a-z 0-9 _ -`). Key `regions`, default
    /// `eu` and `us` with Navixy's public base URLs. A file that sets `regions` replaces both.
    public var regions: [String: RegionConfiguration]

    /// Services allowed to call the gateway. Key `callers`, default none, which turns
    /// authentication off and restricts `listen` to a loopback address.
    public var callers: [CallerConfiguration]

    /// Connection, header and body limits of the HTTP front. Key `limits`.
    public var limits: Limits

    /// Timing of a graceful stop. Key `shutdown`.
    public var shutdown: Shutdown

    /// Smallest response body, in bytes, that is gzip-compressed for a caller sending
    /// `Accept-Encoding: gzip`. Key `gzip_min_bytes`, default 1024, range 0 to 16777216.
    public var gzipMinBytes: Int

    /// Known push notification category names, in the order used when a filter is sent
    /// upstream. Key `categories`, default the six categories of Navixy's push-token API.
    /// Each name matches `[a-z0-9_]+`, and the list is non-empty without duplicates.
    public var categories: [String]

    /// Lowest level written to the log. Key `log_level`, default `info`. The environment
    /// variable `NAVIXY_GATEWAY_LOG_LEVEL` overrides the file.
    public var logLevel: LogLevel
}
