import Foundation

/// A `JSONSerialization` error restated with a line and column in place of a byte offset.
struct JSONSyntaxError: CustomStringConvertible {
    /// The parser's own explanation, such as `Invalid value`.
    let reason: String
    /// The 1-based line and column of the error, when the parser named a position.
    let position: (line: Int, column: Int)?

    /// Reads the reason and the `around character N` offset from the parser's error.
    init(_ error: any Error, in text: String) {
        let debug = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        var reason = debug ?? error.localizedDescription
        var position: (line: Int, column: Int)?
        if let range = reason.range(of: " around character ") {
            let digits = reason[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let offset = Int(digits) {
                position = Self.lineAndColumn(ofByteOffset: offset, in: text)
                reason = String(reason[..<range.lowerBound])
            }
        }
        if reason.hasSuffix(".") { reason.removeLast() }
        self.reason = reason
        self.position = position
    }

    var description: String {
        guard let position else { return reason }
        return "\(reason) at line \(position.line), column \(position.column)"
    }

    private static func lineAndColumn(
        ofByteOffset offset: Int,
        in text: String
    ) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // UTF-8 continuation bytes (10xxxxxx) do not start a new character.
                column += 1
            }
        }
        return (line, column)
    }
}
