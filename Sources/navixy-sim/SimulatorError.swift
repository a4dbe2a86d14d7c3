/// An error of the simulator: an invalid command line, an invalid control request, or a failed
/// start.
struct SimulatorError: Error, CustomStringConvertible {
    /// What went wrong, which decides the exit status or the HTTP status.
    enum Kind: Sendable {
        /// The command line is invalid (exit status 2).
        case usage
        /// A control API request is invalid (HTTP 400).
        case invalidRequest
        /// The server could not start (exit status 1).
        case startFailed
    }

    /// The category of the failure.
    let kind: Kind
    /// A sentence naming the invalid value and what to do instead.
    let message: String

    var description: String { message }

    /// Creates an error for an invalid command line.
    static func usage(_ message: String) -> SimulatorError {
        SimulatorError(kind: .usage, message: message)
    }

    /// Creates an error for an invalid control API request.
    static func invalidRequest(_ message: String) -> SimulatorError {
        SimulatorError(kind: .invalidRequest, message: message)
    }

    /// Creates an error for a failed start, such as a port already in use or an unreadable certificate.
    static func startFailed(_ message: String) -> SimulatorError {
        SimulatorError(kind: .startFailed, message: message)
    }
}
