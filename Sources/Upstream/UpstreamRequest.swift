/// One attempt of an upstream call: a POST of `body` to `url`.
public struct UpstreamRequest: Sendable {
    /// The absolute `http://` or `https://` URL to POST to.
    public var url: String

    /// The request body, sent as is with POST.
    public var body: [UInt8]

    /// Extra request headers in order, such as `Content-Type` and `X-Request-Id`.
    ///
    /// The client adds `Accept: application/json` and `Content-Type: application/json` unless
    /// this list already has them, and always sends an empty `Expect` so that libcurl never
    /// waits for a `100 Continue`. `send` rejects a name that is not an HTTP token and a value
    /// with CR, LF or NUL as `invalidRequest`.
    public var headers: [(name: String, value: String)]

    /// The deadline of this attempt, from the start of the transfer to the last byte of the
    /// response. It includes any wait for a free connection, name resolution, connecting and
    /// the TLS handshake. Must be positive, and is applied in whole milliseconds, rounded up.
    public var timeout: Duration

    /// The path of a PEM bundle of CA certificates trusted in addition to the system's, for
    /// self-hosted endpoints behind a private CA; nil trusts the system's CAs only.
    public var caFile: String?

    /// Creates a request; `headers` default to none and `caFile` to the system's CAs only.
    public init(
        url: String,
        body: [UInt8],
        headers: [(name: String, value: String)] = [],
        timeout: Duration,
        caFile: String? = nil
    ) {
        self.url = url
        self.body = body
        self.headers = headers
        self.timeout = timeout
        self.caFile = caFile
    }
}
