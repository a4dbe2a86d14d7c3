import CMicroHTTPD

/// Starting the libmicrohttpd daemon.
extension HTTPServer {
    /// Per-connection memory in bytes for `MHD_OPTION_CONNECTION_MEMORY_LIMIT`.
    ///
    /// libmicrohttpd parses the request line and header fields inside this pool, which also
    /// contains the read buffer and the response's header block. Measured with 0.9.75, a head
    /// passes while it stays a few hundred bytes under the pool size; nearer the pool size the
    /// connection closes without a response, and beyond it libmicrohttpd responds 431 (or 414).
    /// Twice the limit plus 8 KiB lets heads somewhat over `maxHeaderBytes` reach the front,
    /// which responds 431 itself.
    static func connectionMemoryLimit(maxHeaderBytes: Int) -> Int {
        2 * maxHeaderBytes + 8192
    }

    static func start(
        _ configuration: HTTPServerConfiguration,
        at address: ListenAddress,
        core: ServerCore
    ) throws(HTTPServerError) -> OpaquePointer {
        let cls = Unmanaged.passUnretained(core).toOpaque()
        var options = cmhd_daemon_options()
        options.use_ipv6 = address.isIPv6 ? 1 : 0
        options.thread_pool_size = UInt32(configuration.threadCount)
        options.connection_limit = UInt32(configuration.maxConnections)
        options.connection_timeout = UInt32(clamping: configuration.idleTimeoutSeconds)
        options.connection_memory_limit = connectionMemoryLimit(
            maxHeaderBytes: configuration.maxHeaderBytes)
        // Strict mode responds 400 to an HTTP/1.1 request without Host (RFC 9112 section 3.2)
        // and to a request target holding a space, which lenient mode would accept.
        options.strict_for_client = 1
        options.access_handler = MHDCallbacks.accessHandler
        options.access_handler_cls = cls
        options.completed = MHDCallbacks.completionHandler
        options.completed_cls = cls
        options.uri_log = MHDCallbacks.uriLogger
        options.uri_log_cls = cls
        options.logger = MHDCallbacks.logger
        options.logger_cls = cls
        options.notify_connection = MHDCallbacks.connectionNotifier
        options.notify_connection_cls = cls

        let daemon = address.withSocketAddress { socketAddress in
            options.address = socketAddress
            return withTLS(configuration.tls) { key, certificate in
                options.tls_key_pem = key
                options.tls_cert_pem = certificate
                return cmhd_start_daemon(&options)
            }
        }
        guard let daemon else {
            let message = core.lastLogMessage.withLock { $0 }
            throw HTTPServerError(
                operation: "MHD_start_daemon",
                reason: message ?? "libmicrohttpd gave no reason"
            )
        }
        return daemon
    }

    /// Runs `body` with the PEM texts as C strings, or with nil pointers for plain HTTP.
    ///
    /// libmicrohttpd 0.9.75 reads the PEM text only inside MHD_start_daemon, so the pointers
    /// need not outlive the call.
    private static func withTLS<Result>(
        _ identity: TLSIdentity?,
        _ body: (UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Result
    ) -> Result {
        guard let identity else { return body(nil, nil) }
        return identity.privateKeyPEM.withCString { key in
            identity.certificatePEM.withCString { certificate in body(key, certificate) }
        }
    }
}
