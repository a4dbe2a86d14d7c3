/// A caller's own identifier for one Navixy user session, such as `u-42`.
///
/// A subject is 1 to 128 characters of `A-Z a-z 0-9 . _ : @ -` and is case-sensitive. It arrives
/// percent-encoded in the request path, so `init(percentEncoded:)` decodes it first and then
/// rejects anything outside that set, a decoded `/` included.
public struct Subject: Hashable, Sendable, CustomStringConvertible {
    /// The decoded identifier.
    public let value: String

    /// The longest subject accepted, in characters.
    public static let maxLength = 128

    /// Creates a subject from its decoded form, or returns nil when it is empty, too long, or
    /// contains a character outside the allowed set.
    public init?(_ value: String) {
        guard !value.isEmpty, value.utf8.count <= Self.maxLength,
            value.utf8.allSatisfy(Self.isAllowed)
        else { return nil }
        self.value = value
    }

    /// Creates a subject from a path segment, decoding `%XX` escapes first.
    public init?(percentEncoded segment: String) {
        guard let decoded = PercentDecoding.decode(segment) else { return nil }
        self.init(decoded)
    }

    public var description: String { value }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "@"),
            UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
