/// The application behind an `HTTPServer`.
public protocol HTTPHandler: Sendable {
    /// Screens a request as soon as its headers are in, before any body byte is read.
    ///
    /// Runs on a libmicrohttpd worker thread, so it must not block. A non-nil response is sent
    /// at once, the body is never read and the connection is closed after the response.
    func screen(_ head: HTTPRequestHead) -> HTTPResponse?

    /// Builds the response for a body over the configured limit.
    ///
    /// The limit is checked against `Content-Length` before reading, and while reading a
    /// chunked or gzip body. Runs on a worker thread, so it must not block.
    func bodyTooLarge(_ head: HTTPRequestHead) -> HTTPResponse

    /// Builds the response for a body sent with `Content-Encoding: gzip` that is not one valid
    /// gzip member. Runs on a worker thread, so it must not block. The default is a bare 400.
    func undecodableBody(_ head: HTTPRequestHead) -> HTTPResponse

    /// Builds the response to a head the front rejects on its own: `status` is 414 or 431 for
    /// a head over the limit, 400 for malformed names or framing, 501 for an unknown transfer
    /// coding. Runs on a worker thread, so it must not block. The default has no body.
    func malformed(_ head: HTTPRequestHead, status: Int) -> HTTPResponse

    /// Builds the response to a whole request.
    ///
    /// Runs in a Swift task once the whole body is in, gzip-decoded when it was sent so. The
    /// connection stays suspended meanwhile, so no worker thread waits.
    func respond(to request: HTTPRequest) async -> HTTPResponse
}

extension HTTPHandler {
    /// Returns a 400 response with no body.
    public func undecodableBody(_ head: HTTPRequestHead) -> HTTPResponse {
        HTTPResponse(status: 400)
    }

    /// Returns a response with `status` and no body.
    public func malformed(_ head: HTTPRequestHead, status: Int) -> HTTPResponse {
        HTTPResponse(status: status)
    }
}
