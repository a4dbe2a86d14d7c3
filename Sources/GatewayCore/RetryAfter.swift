import Foundation

/// Parsing of the `Retry-After` header field (RFC 9110, section 10.2.3).
public enum RetryAfter {
    /// Maximum delay returned. A longer one would outlast any call's deadline and only risk
    /// overflow in the caller's arithmetic.
    public static let maxDelay = Duration.seconds(86_400)

    /// Returns the delay that a `Retry-After` value requests, or nil when the value is neither
    /// a number of seconds nor an HTTP date.
    ///
    /// A date in the past gives a delay of zero. Delays above `maxDelay` are cut to it.
    public static func parse(_ header: String, now: Date) -> Duration? {
        let value = header.trimmingCharacters(in: .whitespaces)
        if !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            let seconds = Int64(value) ?? .max
            return min(.seconds(seconds), maxDelay)
        }
        guard let date = HTTPDate.secondsSince1970(value, now: now) else { return nil }
        let milliseconds = ((Double(date) - now.timeIntervalSince1970) * 1000).rounded()
        let maxMilliseconds = Double(maxDelay.components.seconds * 1000)
        return .milliseconds(Int64(min(max(milliseconds, 0), maxMilliseconds)))
    }
}
