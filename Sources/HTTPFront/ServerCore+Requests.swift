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
            return queue(response, for: context, on: connection)
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
        context.watched?.headArrived()
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
            return queue(handler.malformed(head, status: status), for: context, on: connection)
        }
        guard head.hasValidTokens else {
            return queue(handler.malformed(head, status: 400), for: context, on: connection)
        }
        if let status = head.framingRejectionStatus {
            return queue(handler.malformed(head, status: status), for: context, on: connection)
        }
        if let early = handler.screen(head) {
            return queue(early, for: context, on: connection)
        }
        // The size as sent is checked too, so a gzip body cannot make the server read more.
        if let declared = head.headers["Content-Length"].flatMap(UInt64.init),
            declared > UInt64(maxBodyBytes)
        {
            return queue(handler.bodyTooLarge(head), for: context, on: connection)
        }
        if let coding = head.headers["Content-Encoding"], ContentCoding.isGzip(coding) {
            context.decoder = GzipDecoder(maxOutputBytes: maxBodyBytes)
            if context.decoder == nil { return cmhd_no }
        }
        return cmhd_yes
    }

    /// Stores or decodes body bytes up to the limit, and counts the rest. Returns false once so
    /// many bytes were dropped that the connection should close.
    private func receive(
        _ context: RequestContext,
        bytes: UnsafePointer<CChar>?,
        count: Int
    ) -> Bool {
        if context.bodyRejection == nil, let bytes {
            let piece = UnsafeRawBufferPointer(start: bytes, count: count)
            context.receivedBytes += count
            if context.receivedBytes > maxBodyBytes {
                context.bodyRejection = .tooLarge
            } else if let decoder = context.decoder {
                context.bodyRejection = Self.rejection(for: decoder.decode(piece))
            } else {
                context.body.append(contentsOf: piece)
            }
            if context.bodyRejection == nil { return true }
        }
        // libmicrohttpd 0.9.75 rejects MHD_queue_response while a body is being read (the
        // connection state must be HEADERS_PROCESSED or FULL_REQ_RECEIVED), so the response
        // waits for the end of the body. The dropped bytes are capped so that an endless
        // chunked body cannot hold the connection forever.
        context.discardedBytes += count
        return context.discardedBytes <= maxDiscardedBytes
    }

    private static func rejection(for status: GzipDecoder.Status) -> RequestContext.BodyRejection? {
        switch status {
        case .needsInput, .finished: nil
        case .tooLarge: .tooLarge
        case .malformed: .undecodable
        }
    }

    /// Queues the response to a rejected body, or suspends the connection and starts the
    /// handler task.
    private func finishBody(_ context: RequestContext, on connection: OpaquePointer) -> MHD_Result {
        guard let head = context.head else { return cmhd_no }
        if let decoder = context.decoder, context.bodyRejection == nil {
            if decoder.status == .finished {
                context.body = decoder.output
            } else if context.receivedBytes > 0 {
                // The body ended before the gzip member did.
                context.bodyRejection = .undecodable
            }
            // An empty body stays empty, so a stray header on a GET does no harm.
            context.decoder = nil
        }
        switch context.bodyRejection {
        case .tooLarge:
            return queue(handler.bodyTooLarge(head), for: context, on: connection)
        case .undecodable:
            return queue(handler.undecodableBody(head), for: context, on: connection)
        case nil:
            break
        }

        let request = HTTPRequest(head: head, body: context.body)
        context.body = []
        context.phase = .responding
        context.watched?.requestArrived()
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

    /// Queues `response` after compressing it when the request allows, and closing the
    /// connection after it while the server drains; stops the request's timeouts.
    private func queue(
        _ response: HTTPResponse, for context: RequestContext, on connection: OpaquePointer
    ) -> MHD_Result {
        context.watched?.requestArrived()
        var response = response
        if let gzipMinBytes, let head = context.head {
            response.compress(for: head, minBytes: gzipMinBytes)
        }
        if keepAliveDisabled.load(ordering: .relaxed) {
            response.headers.replaceOrAdd(name: "Connection", value: "close")
        }
        return MHDResponse.queue(response, on: connection)
    }
}
