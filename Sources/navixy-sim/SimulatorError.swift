/// An error of the simulator: a wrong command line, a wrong control request, or a failed start.
struct SimulatorError: Error, CustomStringConvertible {
    /// What went wrong, which decides the exit status or the HTTP status.
    enum Kind: Sendable {
        /// The command line is wrong (exit status 2).
        case usage
        /// A control API request is wrong (HTTP 400).
        case invalidRequest
        /// The server could not start (exit status 1).
        case startFailed
    }

    /// The category of the failure.
    let kind: Kind
    /// A sentence naming the wrong value and what to do instead.
    let message: String

    var description: String { message }

    /// A wrong command line.
    static func usage(_ message: String) -> SimulatorError {
        SimulatorError(kind: .usage, message: message)
    }

    /// A wrong control API request.
    static func invalidRequest(_ message: String) -> SimulatorError {
        SimulatorError(kind: .invalidRequest, message: message)
    }

    /// A failed start, such as a port already in use or an unreadable certificate.
    static func startFailed(_ message: String) -> SimulatorError {
        SimulatorError(kind: .startFailed, message: message)
    }
}
