/// The severity of a log record, from the most detailed to the most urgent.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Per-decision detail, off in production.
    case debug
    /// One line per request, starts and stops.
    case info
    /// Legal but risky configuration, and conditions an operator may want to look at.
    case warning
    /// Failures an operator must act on.
    case error

    /// Parses `debug`, `info`, `warning` (or `warn`) and `error`, in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
