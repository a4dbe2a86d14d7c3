import Foundation

/// An HTTP/1.1 response as a test received it: status, header fields and the decoded body.
struct TestHTTPResponse: Sendable {
    /// The status code.
    let status: Int
    /// The header fields in arrival order.
    let headers: [(name: String, value: String)]
    /// The body, with chunked transfer coding removed.
    let body: [UInt8]

    /// Returns the first value of the header field `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON, or nil when it is not JSON.
    var json: TestJSON? { TestJSON(parsing: body) }

    /// Parses the bytes of one whole response, read until the server closed the connection.
    init(parsing bytes: [UInt8]) throws {
        guard !bytes.isEmpty else {
            throw EndToEndError("the server closed the connection without a response")
        }
        let separator = Array("\r\n\r\n".utf8)
        guard let headEnd = Self.firstIndex(of: separator, in: bytes) else {
            throw EndToEndError("the response has no end of header: \(Self.preview(bytes))")
        }
        let lines = String(decoding: bytes[..<headEnd], as: UTF8.self)
            .components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."),
            let status = Int(statusParts[1])
        else { throw EndToEndError("the status line is malformed: \(lines[0])") }
        self.status = status
        self.headers = try lines.dropFirst().map(Self.headerField)
        let rawBody = Array(bytes[(headEnd + separator.count)...])
        self.body = try Self.decodeBody(rawBody, headers: headers)
    }

    private static func headerField(_ line: String) throws -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: ":") else {
            throw EndToEndError("a header line has no colon: \(line)")
        }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(line[..<colon]), value)
    }

    private static func decodeBody(_ raw: [UInt8], headers: [(name: String, value: String)])
        throws -> [UInt8]
    {
        let field = { (name: String) in headers.first { $0.name.lowercased() == name }?.value }
        if field("transfer-encoding")?.lowercased() == "chunked" {
            return try decodeChunked(raw)
        }
        guard let lengthText = field("content-length") else { return raw }
        guard let length = Int(lengthText), length == raw.count else {
            throw EndToEndError(
                "Content-Length is \(lengthText) but the body has \(raw.count) bytes")
        }
        return raw
    }

    private static func decodeChunked(_ raw: [UInt8]) throws -> [UInt8] {
        var body: [UInt8] = []
        var position = 0
        let lineEnd = Array("\r\n".utf8)
        while true {
            guard let sizeEnd = firstIndex(of: lineEnd, in: raw, from: position) else {
                throw EndToEndError("a chunk size line is cut short")
            }
            let sizeText = String(decoding: raw[position..<sizeEnd], as: UTF8.self)
            let hex = sizeText.split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(hex.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0
            else { throw EndToEndError("a chunk size is malformed: \(sizeText)") }
            position = sizeEnd + lineEnd.count
            if size == 0 { return body }
            guard position + size + lineEnd.count <= raw.count else {
                throw EndToEndError("a chunk is cut short")
            }
            body += raw[position..<(position + size)]
            position += size + lineEnd.count
        }
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int = 0)
        -> Int?
    {
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else {
            return nil
        }
        return (start...(bytes.count - pattern.count)).first { index in
            bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
    }

    private static func preview(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(200), as: UTF8.self)
    }
}
