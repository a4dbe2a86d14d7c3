/// A failed session store operation, naming the store method, the failing call and SQLite's
/// message.
///
/// Any run of 32 hexadecimal characters in the message is replaced by `<redacted>` when the
/// error is created, so that a hash echoed by a lower layer cannot reach a log.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The store method that failed, such as `open`, `save` or `load`.
    public var operation: String

    /// The failing call, such as `sqlite3_step` or `createDirectory`.
    public var call: String

    /// SQLite's extended result code, or nil when the failure did not come from SQLite.
    public var code: Int32?

    /// SQLite's error message, or an explanation of the failure.
    public var message: String

    /// Creates an error, redacting anything in `message` that looks like a session hash.
    public init(operation: String, call: String, code: Int32?, message: String) {
        self.operation = operation
        self.call = call
        self.code = code
        self.message = Self.redactingHexRuns(message)
    }

    /// The error as one line, such as
    /// `session store open: sqlite3_step failed with code 26: file is not a database`.
    public var description: String {
        let codeText = code.map { " with code \($0)" } ?? ""
        return "session store \(operation): \(call) failed\(codeText): \(message)"
    }

    /// Replaces every run of exactly 32 hexadecimal characters with `<redacted>`.
    private static func redactingHexRuns(_ text: String) -> String {
        var result = ""
        var run = ""
        for character in text {
            if character.isHexDigit {
                run.append(character)
                continue
            }
            result += run.count == 32 ? "<redacted>" : run
            run = ""
            result.append(character)
        }
        result += run.count == 32 ? "<redacted>" : run
        return result
    }
}
