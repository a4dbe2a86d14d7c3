import CMicroHTTPD

/// The steps of one request, called from the access handler.
///
/// libmicrohttpd calls the access handler once when the headers are in, once per piece of
/// body, once with no data when the body has ended, and once more after a resume. Queuing the
/// response only in the later calls keeps the connection alive, because a response queued
/// in the first call makes libmicrohttpd close the connection after it.
extension ServerCore {
    /// Advances `context` by one access handler call and returns what libmicrohttpd expects.
    func handle(
        _ context: RequestContext,
        on connection: OpaquePointer,
        version: String,
        method: String,
        upload: UnsafePointer<CChar>?,
        uploadSize: UnsafeMutablePointer<Int>
    ) -> MHD_Result {
        switch context.phase {
        case .head:
            return screen(context, on: connection, version: version, method: method)
        case .body where uploadSize.pointee > 0:
            let accepted = receive(context, bytes: upload, count: uploadSize.pointee)
            uploadSize.pointee = 0
            return accepted ? cmhd_yes : cmhd_no
        case .body:
            return finishBody(context, on: connection)
        case .responding:
            let response = context.response.withLock { $0.take() }
            guard let response else {
                // stop() resumed the connection without a response, so close it.
                return cmhd_no
            }
            return MHDResponse.queue(response, on: connection)
        }
    }

    /// Builds the head, rejects oversized heads, malformed tokens and ambiguous framing, lets
    /// the handler screen the head, and checks the declared body size.
    private func screen(
        _ context: RequestContext,
        on connection: OpaquePointer,
        version: String,
        method: String
    ) -> MHD_Result {
        let head = HTTPRequestHead(
            method: method,
            target: context.target ?? "",
            version: version,
            headers: MHDRequestHeaders.read(from: connection)
        )
        context.head = head
        context.connection = connection
        context.phase = .body

        if let status = head.sizeRejectionStatus(maxBytes: maxHeaderBytes) {
            return MHDResponse.queue(HTTPResponse(status: status), on: connection)
        }
        guard head.hasValidTokens else {
            return MHDResponse.queue(HTTPResponse(status: 400), on: connection)
        }
        if let status = head.framingRejectionStatus {
            return MHDResponse.queue(HTTPResponse(status: status), on: connection)
        }
        if let early = handler.screen(head) {
            return MHDResponse.queue(early, on: connection)
        }
        if let declared = head.headers["Content-Length"].flatMap(UInt64.init),
            declared > UInt64(maxBodyBytes)
        {
            return MHDResponse.queue(handler.bodyTooLarge(head), on: connection)
        }
        return cmhd_yes
    }

    /// Stores body bytes up to the limit and counts the rest; returns false once so many
    /// bytes were dropped that the connection should close.
    private func receive(
        _ context: RequestContext,
        bytes: UnsafePointer<CChar>?,
        count: Int
    ) -> Bool {
        let room = maxBodyBytes - context.body.count
        if !context.bodyOverLimit, count <= room, let bytes {
            context.body.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count))
            return true
        }
        // libmicrohttpd 0.9.75 rejects MHD_queue_response while a body is being read (the
        // connection state must be HEADERS_PROCESSED or FULL_REQ_RECEIVED), so the response
        // waits for the end of the body. The dropped bytes are capped so that an endless
        // chunked body cannot hold the connection forever.
        context.bodyOverLimit = true
        context.discardedBytes += count
        return context.discardedBytes <= maxDiscardedBytes
    }

    /// Queues the response to an oversized body, or suspends the connection and starts the handler task.
    private func finishBody(_ context: RequestContext, on connection: OpaquePointer) -> MHD_Result {
        guard let head = context.head else { return cmhd_no }
        if context.bodyOverLimit {
            return MHDResponse.queue(handler.bodyTooLarge(head), on: connection)
        }

        let request = HTTPRequest(head: head, body: context.body)
        context.body = []
        context.phase = .responding
        // Suspend before the task exists, so the task can never resume a connection that is
        // not suspended yet.
        guard suspend(context, on: connection) else { return cmhd_no }
        let handler = self.handler
        Task {
            let response = await handler.respond(to: request)
            self.deliver(response, to: context)
        }
        return cmhd_yes
    }
}
