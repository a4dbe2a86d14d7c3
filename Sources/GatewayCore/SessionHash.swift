/// A Navixy session hash: 32 hexadecimal characters, kept lower-cased.
///
/// The hash is a secret, because whoever holds it acts as the user. Its `description`,
/// `debugDescription` and reflection print `<redacted>`, so string interpolation, `print` and
/// `dump` cannot leak it. Only the code that builds an upstream body or a store row reads
/// `secretValue`.
public struct SessionHash: Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The lower-cased hash. Read it only to send it to Navixy or to store it.
    public let secretValue: String

    /// The length of every hash, in hexadecimal characters.
    public static let length = 32

    /// Creates a hash from 32 hexadecimal characters in either case, or returns nil.
    public init?(_ text: String) {
        guard text.utf8.count == Self.length, text.utf8.allSatisfy(\.isHexDigit) else {
            return nil
        }
        self.secretValue = text.lowercased()
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "SessionHash(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension UInt8 {
    /// Whether the byte is an ASCII hexadecimal digit, in either case.
    var isHexDigit: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
