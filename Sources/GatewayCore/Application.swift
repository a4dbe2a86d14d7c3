import Foundation

/// A Navixy application ID: the kind of app that receives the notifications of a push token.
public enum Application: String, CaseIterable, Hashable, Sendable {
    /// The Navixy app for Android.
    case androidViewer = "navixy_android_viewer"
    /// The Navixy app for iPhone.
    case iphoneViewer = "navixy_iphone_viewer"
    /// A browser subscription of the W3C Push API, which needs the subscription's keys.
    case w3cPushAPI = "w3c_pushapi"

    /// The ID that Navixy expects in the `application` parameter.
    public var navixyID: String { rawValue }

    /// Every spelling that `init(callerSpelling:)` accepts, in their canonical form.
    public static let acceptedSpellings = [
        "android", "navixy_android_viewer",
        "ios", "iphone", "navixy_iphone_viewer",
        "web", "webpush", "w3c", "w3c_pushapi",
    ]

    /// Creates the application named by a caller's spelling, or returns nil.
    ///
    /// The match ignores ASCII case and surrounding white space, and treats `-` as `_`, so
    /// ` Navixy-Android-Viewer ` is accepted. Non-ASCII letters never match.
    public init?(callerSpelling: String) {
        let lowered = callerSpelling.trimmingWhitespace().asciiLowercased()
        let canonical = String(lowered.map { $0 == "-" ? "_" : $0 })
        switch canonical {
        case "android", "navixy_android_viewer": self = .androidViewer
        case "ios", "iphone", "navixy_iphone_viewer": self = .iphoneViewer
        case "web", "webpush", "w3c", "w3c_pushapi": self = .w3cPushAPI
        default: return nil
        }
    }
}
