/// A whole request: its head and its body.
public struct HTTPRequest: Sendable {
    /// The request line and header fields.
    public var head: HTTPRequestHead
    /// The whole body, at most `HTTPServerConfiguration.maxBodyBytes` bytes.
    public var body: [UInt8]

    /// Creates a request from a head and a body.
    public init(head: HTTPRequestHead, body: [UInt8]) {
        self.head = head
        self.body = body
    }
}
