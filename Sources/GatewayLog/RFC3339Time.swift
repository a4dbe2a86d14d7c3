import Foundation

/// RFC 3339 timestamps in UTC with millisecond precision, such as `2026-12-04T15:49:23.120Z`.
///
/// Written by hand on top of `gmtime_r` because `ISO8601DateFormatter` is neither `Sendable`
/// nor cheap enough to call on every log line.
public enum RFC3339Time {
    /// Formats `date` as UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds.quotient(dividingBy: 1000))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        return padded(Int(fields.tm_year) + 1900, 4) + "-" + padded(Int(fields.tm_mon) + 1, 2)
            + "-" + padded(Int(fields.tm_mday), 2) + "T" + padded(Int(fields.tm_hour), 2) + ":"
            + padded(Int(fields.tm_min), 2) + ":" + padded(Int(fields.tm_sec), 2) + "."
            + padded(Int(milliseconds.remainder(dividingBy: 1000)), 3) + "Z"
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width
            ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    /// Floor division, so that dates before 1970 still format correctly.
    fileprivate func quotient(dividingBy divisor: Int64) -> Int64 {
        let result = self / divisor
        return (self % divisor < 0) ? result - 1 : result
    }

    /// The remainder matching `quotient(dividingBy:)`, always in `0..<divisor`.
    fileprivate func remainder(dividingBy divisor: Int64) -> Int64 {
        let result = self % divisor
        return result < 0 ? result + divisor : result
    }
}
