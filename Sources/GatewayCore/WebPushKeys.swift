/// The keys of a W3C Push API subscription, which Navixy needs to encrypt each notification.
///
/// `auth` is a shared secret of the subscription, so the keys print `<redacted>` in
/// descriptions and reflection.
public struct WebPushKeys: Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The subscription's P-256 public key, base64url-encoded.
    public let p256dh: String
    /// The subscription's authentication secret, base64url-encoded.
    public let auth: String

    /// Creates the keys from two base64url strings, or returns nil when either is invalid.
    ///
    /// Each string needs at least one character of `A-Z a-z 0-9 - _`. Trailing `=` padding is
    /// allowed, up to two characters, and only when it makes the length a multiple of 4.
    public init?(p256dh: String, auth: String) {
        guard Self.isBase64URL(p256dh), Self.isBase64URL(auth) else { return nil }
        self.p256dh = p256dh
        self.auth = auth
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "WebPushKeys(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    static func isBase64URL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        let body = bytes.dropLast(padding)
        guard !body.isEmpty, body.allSatisfy(isBase64URLDigit) else { return false }
        return padding == 0 || (padding <= 2 && bytes.count % 4 == 0)
    }

    private static func isBase64URLDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
