/// A push token, or for Web Push the endpoint URL of a push subscription.
///
/// A token is a secret, because whoever holds it can send notifications to the device. Its
/// `description`, `debugDescription` and reflection print `<redacted>`, so string interpolation,
/// `print` and `dump` cannot leak it. Only the code that builds the upstream body reads
/// `secretValue`.
public struct PushToken: Hashable, Sendable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The token exactly as the caller sent it. Read it only to send it to Navixy.
    public let secretValue: String

    /// Maximum token length, in Unicode scalars.
    public static let maxLength = 4096

    /// Creates a token from 1 to 4096 Unicode scalars without whitespace or control characters,
    /// or returns nil.
    public init?(_ text: String) {
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= Self.maxLength,
            !scalars.contains(where: Self.isForbidden)
        else { return nil }
        self.secretValue = text
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "PushToken(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }
}
