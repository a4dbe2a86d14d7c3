/// A complete HTTP response from upstream, of any status.
public struct UpstreamResponse: Sendable {
    /// The HTTP status code of the final response.
    public var status: Int

    /// The header fields of the final response in the order received, with surrounding
    /// white space trimmed from names and values.
    public var headers: [(name: String, value: String)]

    /// The response body, already decoded when upstream sent it gzip-compressed.
    public var body: [UInt8]

    /// Creates a response from its parts.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Returns the value of the first header field named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowercasedName = name.lowercased()
        return headers.first { $0.name.lowercased() == lowercasedName }?.value
    }
}
