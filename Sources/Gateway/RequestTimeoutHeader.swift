import HTTPFront

/// The `X-Request-Timeout-Ms` request header, with which a caller requests a shorter deadline
/// than its region's `timeout_ms`.
enum RequestTimeoutHeader {
    /// The header's name.
    static let name = "X-Request-Timeout-Ms"

    /// Returns the timeout that `value` requests: a whole number of milliseconds from 1 to
    /// 999999999, surrounding spaces allowed. Returns nil for an absent or malformed value
    /// (empty, 0, negative, a fraction, a unit, too many digits), so that the region's
    /// `timeout_ms` applies, as for a call without the header.
    static func timeout(from value: String?) -> Duration? {
        guard let value else { return nil }
        let digits = value.trimmingSpacesAndTabs()
        guard (1...9).contains(digits.utf8.count),
            digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let milliseconds = Int(digits), milliseconds > 0
        else { return nil }
        return .milliseconds(milliseconds)
    }
}
