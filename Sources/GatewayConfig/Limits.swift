/// Connection, header and body limits of the HTTP front (key `limits`).
public struct Limits: Sendable, Hashable {
    /// Maximum request body size after gzip decoding, in bytes. A body of exactly this size is
    /// accepted and a larger one gets 413. Key `max_body_bytes`, default 65536, range 1 to
    /// 16777216.
    public var maxBodyBytes: Int

    /// Maximum size of the request line and headers together, in bytes. Key
    /// `max_header_bytes`, default 16384, range 1024 to 1048576.
    public var maxHeaderBytes: Int

    /// Time in ms a client has to send its complete request headers before the connection is
    /// closed. Key `header_timeout_ms`, default 10000, range 100 to 600000.
    public var headerTimeoutMs: Int

    /// Time in ms a kept-alive connection may stay idle before it is closed. Key
    /// `idle_timeout_ms`, default 60000, range 1000 to 3600000.
    public var idleTimeoutMs: Int

    /// Maximum number of open client connections. Key `max_connections`, default 1024, range 1
    /// to 65536.
    public var maxConnections: Int
}
