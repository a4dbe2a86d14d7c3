import CMicroHTTPD

/// An HTTP/1.1 server on libmicrohttpd: epoll on an internal thread pool, keep-alive,
/// suspended connections while the handler's task runs, gzip request bodies and responses,
/// and header and body timeouts.
public final class HTTPServer: Sendable {
    private let core: ServerCore
    /// The bound port, useful with port 0.
    public let port: Int

    /// Starts listening at once.
    ///
    /// Throws when the configuration is invalid or libmicrohttpd cannot start (for example
    /// when the port is taken).
    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler)
        throws(HTTPServerError)
    {
        try Self.validate(configuration)
        let address = try ListenAddress(host: configuration.host, port: configuration.port)
        let core = ServerCore(handler: handler, configuration: configuration)
        let daemon = try Self.start(configuration, at: address, core: core)
        self.port = Int(cmhd_bound_port(daemon))
        core.adopt(daemon: daemon)
        core.watchdog.start()
        self.core = core
    }

    deinit {
        core.stop()
    }

    /// Stops taking new connections and closes the listening socket; open connections and
    /// requests in progress go on.
    public func stopAccepting() {
        core.stopAccepting()
    }

    /// Makes every later response close its connection (`Connection: close`), so that clients
    /// reconnect, and a load balancer sends the new connection to another server while this one
    /// drains. Idle kept-alive connections stay open until they send a request or `stop()`.
    public func disableKeepAlive() {
        core.keepAliveDisabled.store(true, ordering: .relaxed)
    }

    /// The current connection and request counts, cheap enough to read on every scrape.
    public var statistics: HTTPServerStatistics {
        HTTPServerStatistics(
            openConnections: core.watchdog.openConnections.load(ordering: .relaxed),
            openRequests: core.openRequests.load(ordering: .relaxed),
            timedOutConnections: core.watchdog.cutConnections.load(ordering: .relaxed),
            reclaimedIdleConnections: core.watchdog.reclaimedConnections.load(ordering: .relaxed))
    }

    /// Closes every connection and stops the worker threads; safe to call more than once.
    ///
    /// Requests whose handler task is still running are closed without a response. Their tasks
    /// finish on their own and their responses are dropped. It waits for the worker threads to
    /// exit, so calling it from `screen(_:)` or `bodyTooLarge(_:)`, which run on a worker
    /// thread, would never return.
    public func stop() {
        core.stop()
    }

    /// Requests that libmicrohttpd has announced and not yet completed; tests use it to
    /// check that every request context is released.
    var openRequestCount: Int {
        core.openRequests.load(ordering: .relaxed)
    }

    private static func validate(_ configuration: HTTPServerConfiguration)
        throws(HTTPServerError)
    {
        let checks: [(String, Bool)] = [
            ("port must be 0 to 65535", (0...65535).contains(configuration.port)),
            ("threadCount must be 1 or more", configuration.threadCount >= 1),
            ("maxConnections must be 1 or more", configuration.maxConnections >= 1),
            ("idleTimeoutSeconds must be 0 or more", configuration.idleTimeoutSeconds >= 0),
            ("maxHeaderBytes must be 1024 or more", configuration.maxHeaderBytes >= 1024),
            ("maxBodyBytes must be 0 or more", configuration.maxBodyBytes >= 0),
            ("gzipMinBytes must be 0 or more", (configuration.gzipMinBytes ?? 0) >= 0),
            (
                "headerTimeout must be positive",
                (configuration.headerTimeout ?? .seconds(1)) > .zero
            ),
            ("bodyTimeout must be positive", (configuration.bodyTimeout ?? .seconds(1)) > .zero),
        ]
        let problems = checks.filter { !$0.1 }.map(\.0)
        guard problems.isEmpty else {
            throw HTTPServerError(
                operation: "HTTPServerConfiguration check",
                reason: problems.joined(separator: "; ")
            )
        }
    }
}
