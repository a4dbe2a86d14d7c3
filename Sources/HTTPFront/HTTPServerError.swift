/// The error an `HTTPServer` throws when it cannot start.
public struct HTTPServerError: Error, CustomStringConvertible {
    /// The call or check that failed, such as "MHD_start_daemon".
    public var operation: String
    /// What went wrong, in words; libmicrohttpd's own message when it logged one.
    public var reason: String

    /// Creates an error naming the failing call.
    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// The failing call followed by the reason.
    public var description: String { "\(operation) failed: \(reason)" }
}
