import CMicroHTTPD

#if canImport(Glibc)
    import Glibc
#endif

/// The C callbacks given to libmicrohttpd.
///
/// They are static members, not closures written at the top level, because a top-level
/// closure is isolated to the main actor in Swift 6 and traps when a worker thread calls it.
/// Each receives the `ServerCore` as an unretained pointer; `HTTPServer` keeps it alive until
/// the daemon has stopped.
enum MHDCallbacks {
    /// `MHD_OPTION_URI_LOG_CALLBACK`.
    static let uriLogger: cmhd_uri_log_callback = { cls, uri, connection in
        logURI(cls: cls, uri: uri, connection: connection)
    }

    /// The access handler passed to `MHD_start_daemon`.
    static let accessHandler: MHD_AccessHandlerCallback = {
        cls, connection, url, method, version, upload, uploadSize, contextPointer in
        access(
            cls: cls, connection: connection, url: url, method: method, version: version,
            upload: upload, uploadSize: uploadSize, contextPointer: contextPointer)
    }

    /// `MHD_OPTION_NOTIFY_COMPLETED`.
    static let completionHandler: MHD_RequestCompletedCallback = {
        cls, connection, contextPointer, termination in
        completed(
            cls: cls, connection: connection, contextPointer: contextPointer,
            termination: termination)
    }

    /// `MHD_OPTION_EXTERNAL_LOGGER`.
    static let logger: MHD_LogCallback = { cls, format, arguments in
        log(cls: cls, format: format, arguments: arguments)
    }

    /// `MHD_OPTION_NOTIFY_CONNECTION`.
    static let connectionNotifier: MHD_NotifyConnectionCallback = {
        cls, connection, socketContext, code in
        notifyConnection(
            cls: cls, connection: connection, socketContext: socketContext, code: code)
    }

    /// Creates the request context from the raw request target, before libmicrohttpd splits
    /// off the query and percent-decodes the path; the result becomes `con_cls`.
    private static func logURI(
        cls: UnsafeMutableRawPointer?,
        uri: UnsafePointer<CChar>?,
        connection: OpaquePointer?
    ) -> UnsafeMutableRawPointer? {
        guard let cls else { return nil }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        return retainedContext(
            target: uri.map { String(cString: $0) }, connection: connection, core: core)
    }

    /// Creates a context and returns it retained; the completion callback releases it.
    private static func retainedContext(
        target: String?, connection: OpaquePointer?, core: ServerCore
    ) -> UnsafeMutableRawPointer {
        core.openRequests.add(1, ordering: .relaxed)
        let watched = connection.flatMap(watchedConnection)
        watched?.requestLineArrived()
        return Unmanaged.passRetained(RequestContext(target: target, watched: watched))
            .toOpaque()
    }

    /// Returns the state that `notifyConnection` stored for `connection`, if any.
    private static func watchedConnection(_ connection: OpaquePointer) -> WatchedConnection? {
        guard let raw = cmhd_socket_context(connection) else { return nil }
        return Unmanaged<WatchedConnection>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Registers a new connection with the watchdog and keeps its state, retained, in the
    /// connection's socket context; releases it when the connection closes.
    private static func notifyConnection(
        cls: UnsafeMutableRawPointer?,
        connection: OpaquePointer?,
        socketContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        code: MHD_ConnectionNotificationCode
    ) {
        guard let cls, let connection, let socketContext else { return }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        if code == cmhd_connection_started {
            let watched = core.watchdog.connectionOpened(socket: cmhd_connection_fd(connection))
            socketContext.pointee = Unmanaged.passRetained(watched).toOpaque()
        } else if let raw = socketContext.pointee {
            socketContext.pointee = nil
            let watched = Unmanaged<WatchedConnection>.fromOpaque(raw)
            core.watchdog.connectionClosed(watched.takeUnretainedValue())
            watched.release()
        }
    }

    /// Routes one access handler call to the request's context.
    private static func access(
        cls: UnsafeMutableRawPointer?,
        connection: OpaquePointer?,
        url: UnsafePointer<CChar>?,
        method: UnsafePointer<CChar>?,
        version: UnsafePointer<CChar>?,
        upload: UnsafePointer<CChar>?,
        uploadSize: UnsafeMutablePointer<Int>?,
        contextPointer: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> MHD_Result {
        guard let cls, let connection, let uploadSize, let contextPointer else { return cmhd_no }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        if contextPointer.pointee == nil {
            // The URI log callback always runs first; this covers a request without one.
            let target = url.map { String(cString: $0) }
            contextPointer.pointee = retainedContext(
                target: target, connection: connection, core: core)
        }
        guard let raw = contextPointer.pointee else { return cmhd_no }
        let context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
        return core.handle(
            context,
            on: connection,
            version: version.map { String(cString: $0) } ?? "",
            method: method.map { String(cString: $0) } ?? "",
            upload: upload,
            uploadSize: uploadSize
        )
    }

    /// Releases the request context when libmicrohttpd is done with the request.
    private static func completed(
        cls: UnsafeMutableRawPointer?,
        connection: OpaquePointer?,
        contextPointer: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        termination: MHD_RequestTerminationCode
    ) {
        guard let cls, let contextPointer, let raw = contextPointer.pointee else { return }
        contextPointer.pointee = nil
        let context = Unmanaged<RequestContext>.fromOpaque(raw)
        context.takeUnretainedValue().watched?.requestCompleted()
        context.release()
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        core.openRequests.subtract(1, ordering: .relaxed)
    }

    /// Keeps the latest libmicrohttpd message so that a failed start can say why.
    ///
    /// TODO: Messages logged after the start (failed accepts, the connection limit) are only
    /// kept as the latest one; an operator never sees them until HTTPFront takes a logger.
    private static func log(
        cls: UnsafeMutableRawPointer?,
        format: UnsafePointer<CChar>?,
        arguments: CVaListPointer?
    ) {
        guard let cls, let format, let arguments else { return }
        var buffer = [CChar](repeating: 0, count: 512)
        _ = vsnprintf(&buffer, buffer.count, format, arguments)
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let message = String(decoding: bytes, as: UTF8.self).trimmingSuffix(while: \.isNewline)
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        core.lastLogMessage.withLock { $0 = message }
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var text = self
        while let last = text.last, predicate(last) {
            text.removeLast()
        }
        return text
    }
}
