import Foundation

/// The `status` of a Navixy error response: Navixy's error code and its English description.
public struct NavixyStatus: Hashable, Sendable {
    /// Navixy's error code, such as 4 for a session that has ended.
    public let code: Int
    /// Navixy's description of the error, cut to `maxDescriptionLength` characters.
    public let description: String

    /// Maximum description length, in characters, so that a large upstream body cannot
    /// swell an error response.
    public static let maxDescriptionLength = 512

    /// Creates a status, cutting `description` to `maxDescriptionLength` characters.
    public init(code: Int, description: String) {
        self.code = code
        self.description = String(description.prefix(Self.maxDescriptionLength))
    }

    /// Returns the status with each occurrence of the given secrets in its description
    /// replaced by `<redacted>`, ignoring ASCII case.
    ///
    /// Navixy's descriptions are not known to quote a hash or token, but the gateway passes them
    /// on to callers and logs, so the pipeline removes the call's secrets before doing so.
    /// Secrets shorter than `minRedactedLength` are left alone: masking a one-letter token
    /// would mask that letter in every word, and so short a token is no credential.
    /// The shortest secret that `redacting(_:)` masks, in characters.
    public static let minRedactedLength = 8

    public func redacting(_ secrets: [String]) -> NavixyStatus {
        var text = description
        for secret in secrets where secret.count >= Self.minRedactedLength {
            text = text.replacingOccurrences(
                of: secret, with: "<redacted>", options: [.caseInsensitive, .literal])
        }
        return NavixyStatus(code: code, description: text)
    }
}
