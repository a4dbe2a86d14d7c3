/// One planned misbehaviour, applied to the next Navixy call (control calls never consume one).
///
/// A step either replaces the response (`code` for Navixy's error JSON, `body` for raw text, or
/// `drop` for no response at all) or lets the call run as usual and changes its response (`status`,
/// `retry_after`). `delay_ms` waits before either. JSON fields, all optional:
///
/// - `status`: HTTP status, 100 to 599. With `code` it replaces the code's own status, with
///   `body` it defaults to 200, and alone it replaces the status of the usual response.
/// - `code`, `description`: respond `{"success": false, "status": {"code", "description"}}`;
///   the description defaults to Navixy's text for the code.
/// - `body`, `content_type`: respond with this text, by default as `text/plain; charset=utf-8`.
/// - `delay_ms`: milliseconds to wait before responding, 0 to 600000.
/// - `drop`: `true` closes the connection without a response.
/// - `retry_after`: a `Retry-After` header value, a string or a number of seconds.
/// - `gzip`: `true` sends the response body gzip-compressed with `Content-Encoding: gzip`, also
///   when the request's `Accept-Encoding` did not ask for it.
/// - `repeat`: how many calls this step applies to, 1 (the default) to 1000000.
struct FaultStep: Sendable, Equatable {
    /// The HTTP status to send, if the step sets one.
    var status: Int?
    /// The Navixy error to respond with, if any.
    var navixyError: NavixyStatus?
    /// The raw body to respond with, if any.
    var body: String?
    /// The media type of `body`.
    var contentType = "text/plain; charset=utf-8"
    /// The wait before responding, in milliseconds.
    var delayMilliseconds = 0
    /// Whether to close the connection without a response.
    var drop = false
    /// The `Retry-After` header value to add, if any.
    var retryAfter: String?
    /// Whether to compress the response body with gzip.
    var gzip = false
    /// How many calls the step applies to.
    var repeatCount = 1

    /// The maximum delay accepted, in milliseconds (ten minutes).
    static let maxDelayMilliseconds = 600_000
    /// The maximum `repeat` accepted.
    static let maxRepeatCount = 1_000_000

    private static let knownFields: Set<String> = [
        "status", "code", "description", "body", "content_type", "delay_ms", "drop",
        "retry_after", "repeat", "gzip",
    ]

    /// Reads a step from its JSON object, or throws naming the first invalid field.
    init(json: JSONValue) throws(SimulatorError) {
        guard let fields = json.objectValue else {
            throw .invalidRequest("invalid fault step: expected a JSON object")
        }
        if let unknown = fields.keys.sorted().first(where: { !Self.knownFields.contains($0) }) {
            throw .invalidRequest(
                "unknown fault field \"\(unknown)\"; known: "
                    + Self.knownFields.sorted().joined(separator: ", "))
        }
        let reader = FieldReader(fields: fields)
        status = try reader.integer("status", in: 100...599)
        body = try reader.string("body")
        delayMilliseconds = try reader.integer("delay_ms", in: 0...Self.maxDelayMilliseconds) ?? 0
        drop = try reader.bool("drop") ?? false
        gzip = try reader.bool("gzip") ?? false
        retryAfter = try reader.headerValue("retry_after")
        repeatCount = try reader.integer("repeat", in: 1...Self.maxRepeatCount) ?? 1
        try readNavixyError(reader)
        try readContentType(reader)
        try checkCombination()
    }

    private mutating func readNavixyError(_ reader: FieldReader) throws(SimulatorError) {
        let description = try reader.string("description")
        guard let code = try reader.integer("code", in: 0...999_999) else {
            if description != nil {
                throw .invalidRequest("\"description\" without \"code\": add a code")
            }
            return
        }
        navixyError =
            description.map { NavixyStatus(code: code, description: $0) }
            ?? NavixyStatus(code: code)
    }

    private mutating func readContentType(_ reader: FieldReader) throws(SimulatorError) {
        guard let value = try reader.headerValue("content_type") else { return }
        guard body != nil else {
            throw .invalidRequest("\"content_type\" without \"body\": add a body")
        }
        contentType = value
    }

    private func checkCombination() throws(SimulatorError) {
        if navixyError != nil && body != nil {
            throw .invalidRequest("both \"code\" and \"body\" given: keep one")
        }
        if drop
            && (navixyError != nil || body != nil || status != nil || retryAfter != nil || gzip)
        {
            throw .invalidRequest(
                "\"drop\" sends no response, so it cannot go with code, body, status, "
                    + "retry_after or gzip")
        }
    }

    /// The step as recorded next to the call it applied to, without `repeat`.
    var note: JSONValue {
        var fields: [String: JSONValue] = [:]
        if let status { fields["status"] = .integer(status) }
        if let navixyError {
            fields["code"] = .integer(navixyError.code)
            fields["description"] = .string(navixyError.description)
        }
        if let body {
            fields["body"] = .string(body)
            fields["content_type"] = .string(contentType)
        }
        if delayMilliseconds > 0 { fields["delay_ms"] = .integer(delayMilliseconds) }
        if drop { fields["drop"] = .bool(true) }
        if let retryAfter { fields["retry_after"] = .string(retryAfter) }
        if gzip { fields["gzip"] = .bool(true) }
        return .object(fields)
    }
}
