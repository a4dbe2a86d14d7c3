import GatewayCore

/// Decoding of `application/x-www-form-urlencoded` text, the format of query strings and form
/// bodies: `name=value` pairs joined by `&`, with `+` for a space and `%XX` escapes.
enum FormEncoding {
    /// Decodes `text` into string values. A repeated name keeps its last value, and a name
    /// without `=` gets an empty value. Throws code 5 for a broken escape or non-UTF-8 bytes.
    static func decode(_ text: String) throws(NavixyStatus) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decodeComponent(parts[0])
            let value = parts.count > 1 ? try decodeComponent(parts[1]) : ""
            values[name] = .string(value)
        }
        return values
    }

    private static func decodeComponent(_ component: Substring) throws(NavixyStatus) -> String {
        let spaced = String(component).replacingPlusWithSpace()
        guard let decoded = PercentDecoding.decode(spaced) else {
            throw .wrongFormat("a form or query value has a broken %-escape or is not UTF-8")
        }
        return decoded
    }
}

extension String {
    fileprivate func replacingPlusWithSpace() -> String {
        String(
            decoding: utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
