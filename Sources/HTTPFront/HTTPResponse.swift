/// A response to send: status, header fields and body.
///
/// libmicrohttpd adds `Date`, `Content-Length` and `Connection` itself.
public struct HTTPResponse: Sendable {
    /// The status code, 100 to 999; any other value closes the connection without a response.
    public var status: Int
    /// The header fields to send, in order.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]
    private var closesWithoutResponse = false

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Closes the connection without any response, as a peer that drops it would.
    ///
    /// The server returns `MHD_NO` to libmicrohttpd for it, which closes the socket.
    public static let dropConnection: HTTPResponse = {
        var response = HTTPResponse(status: 0)
        response.closesWithoutResponse = true
        return response
    }()

    /// Whether this is `dropConnection`.
    public var dropsConnection: Bool { closesWithoutResponse }
}
