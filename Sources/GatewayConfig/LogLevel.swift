/// Severity of a log line, from the most verbose to the most severe.
public enum LogLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Per-decision detail for troubleshooting.
    case debug
    /// One access line per request, starts and stops.
    case info
    /// Risky but legal configuration, and failures that the gateway recovers from.
    case warning
    /// Failures an operator must act on.
    case error

    /// Parses a level name in any letter case, accepting `warn` for `warning`, or returns nil.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "warn" {
            self = .warning
        } else if let level = LogLevel(rawValue: lowered) {
            self = level
        } else {
            return nil
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
