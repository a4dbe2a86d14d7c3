/// The listening address and limits of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
    /// The numeric IPv4 or IPv6 address to listen on, such as "127.0.0.1", "0.0.0.0", "::1"
    /// or "::". Host names are rejected. Default "127.0.0.1". An IPv6 address listens on IPv6
    /// only.
    public var host: String
    /// The TCP port, 0 to 65535; 0 picks a free port (read it back from `HTTPServer.port`).
    /// Default 8080.
    public var port: Int
    /// The number of libmicrohttpd worker threads, 1 or more. Default 2.
    public var threadCount: Int
    /// The maximum number of open connections, 1 or more. Default 1024. libmicrohttpd splits
    /// it evenly among the worker threads. A worker at its share stops accepting, so further
    /// connections wait in the kernel's listen backlog until one closes.
    public var maxConnections: Int
    /// Seconds a connection may stay idle before it is closed, 0 to turn the timeout off.
    /// Default 60. libmicrohttpd counts whole seconds, and a suspended connection (one whose
    /// handler task is running) never times out.
    ///
    /// NOTE: With epoll, libmicrohttpd 0.9.75 can miss a client's FIN that arrives together
    /// with the last bytes of an unfinished request, because a short read clears its
    /// read-ready flag. Such a connection keeps its slot until this timeout or, when set,
    /// `headerTimeout` or `bodyTimeout`; with all three off it keeps it forever.
    public var idleTimeoutSeconds: Int
    /// The maximum size of the request line and header fields in bytes, 1024 or more.
    /// Default 16384. Larger heads get 431, or 414 when the request line alone is too long.
    /// Sizes count the head as if sent with single spaces and CR LF line ends. Heads past
    /// about twice this size plus 8 KiB never reach the front: libmicrohttpd responds 431 or
    /// 414 itself, or closes the connection without a response when too little of its
    /// per-connection memory is left for one.
    public var maxHeaderBytes: Int
    /// The maximum body size in bytes, 0 or more; a body of exactly this size passes.
    /// Default 65536. A body sent with `Content-Encoding: gzip` (or `x-gzip`) is decoded
    /// before it reaches the handler, and both its size as sent and its decoded size must stay
    /// within this limit. Decoding stops one byte past the limit.
    public var maxBodyBytes: Int
    /// The time a client has to send a request's head, or nil for no limit. Default nil.
    /// For the first request on a connection the time counts from the accept; for a later
    /// request on a kept-alive connection, from its first byte. A client past it gets a 408
    /// (plain HTTP only) and its connection is shut down.
    public var headerTimeout: Duration?
    /// The time a client has to send a request's body after its head, or nil for no limit.
    /// Default nil. A client past it is treated as for `headerTimeout`.
    public var bodyTimeout: Duration?
    /// The smallest response body, in bytes, compressed with gzip when the request's
    /// `Accept-Encoding` allows it, or nil to never compress. Default nil. Such responses carry
    /// `Vary: Accept-Encoding` whether compressed or not; a response that already has a
    /// `Content-Encoding`, or whose compressed form would not be smaller, is sent as is.
    public var gzipMinBytes: Int?
    /// The certificate and private key for HTTPS; nil serves plain HTTP. Default nil.
    public var tls: TLSIdentity?

    /// Creates a configuration; every parameter has the default stated on its property.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        threadCount: Int = 2,
        maxConnections: Int = 1024,
        idleTimeoutSeconds: Int = 60,
        maxHeaderBytes: Int = 16384,
        maxBodyBytes: Int = 65536,
        headerTimeout: Duration? = nil,
        bodyTimeout: Duration? = nil,
        gzipMinBytes: Int? = nil,
        tls: TLSIdentity? = nil
    ) {
        self.host = host
        self.port = port
        self.threadCount = threadCount
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.gzipMinBytes = gzipMinBytes
        self.tls = tls
    }
}
