extension GatewayError {
    /// Encodes the JSON body of the error response.
    ///
    /// The body is `{"error": {"code", "message", "request_id", "upstream"?}}`, where
    /// `upstream` is `{"code", "description"}` and appears only when Navixy responded with its
    /// error JSON.
    public func renderedBody(requestID: String) -> [UInt8] {
        var members: [(key: String, value: JSONValue)] = [
            ("code", .string(code.rawValue)),
            ("message", .string(message)),
            ("request_id", .string(requestID)),
        ]
        if let upstream {
            let status: JSONValue = .object([
                ("code", .int(upstream.code)), ("description", .string(upstream.description)),
            ])
            members.append(("upstream", status))
        }
        return JSONValue.object([("error", .object(members))]).encoded
    }

    /// The header fields that the response needs besides the request ID, in this order:
    /// `Content-Type`, then `WWW-Authenticate` for 401, `Allow` for 405 and `Retry-After` when
    /// a delay is set.
    public var headerFields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if code == .unauthorized {
            fields.append(("WWW-Authenticate", "Bearer"))
        }
        if let allowedMethods {
            fields.append(("Allow", allowedMethods.joined(separator: ", ")))
        }
        if let retryAfterSeconds {
            fields.append(("Retry-After", String(max(0, retryAfterSeconds))))
        }
        return fields
    }
}
