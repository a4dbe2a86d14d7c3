import Foundation

/// One JSON log line on standard output, with its fields in the order given.
///
/// The start line is read by scripts and tests, which look for `"level"` and `"message"`
/// first, so the order is kept rather than sorted.
struct LogLine {
    /// The fields, in output order.
    var fields: [(name: String, value: JSONValue)]

    /// Creates a line with `level` and `message` followed by `fields`.
    init(level: String, message: String, _ fields: [(name: String, value: JSONValue)] = []) {
        self.fields = [("level", .string(level)), ("message", .string(message))] + fields
    }

    /// Writes the line with one `write` call, so that it is never left in a buffer.
    func write(to handle: FileHandle = .standardOutput) {
        try? handle.write(contentsOf: JSONValue.encodedObject(fields) + Array("\n".utf8))
    }
}
