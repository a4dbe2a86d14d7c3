/// The request line and header fields of one request, available before its body.
public struct HTTPRequestHead: Sendable {
    /// The request method as sent, such as "GET" or "PUT".
    public var method: String
    /// The raw request target as sent, such as "/v1/subjects/u%2D1/session?x=1".
    public var target: String
    /// The target before the first "?", still percent-encoded.
    public var path: String
    /// The target after the first "?", raw; nil when the target has no "?".
    public var query: String?
    /// The protocol version as sent, such as "HTTP/1.1".
    public var version: String
    /// The header fields in arrival order.
    public var headers: HTTPHeaders

    /// Creates a head, splitting `target` into `path` and `query` at the first "?".
    public init(method: String, target: String, version: String, headers: HTTPHeaders) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            self.path = String(target[..<mark])
            self.query = String(target[target.index(after: mark)...])
        } else {
            self.path = target
            self.query = nil
        }
        self.version = version
        self.headers = headers
    }
}
