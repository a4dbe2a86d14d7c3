import Foundation

/// A push token bound to a session by `user/session/push_token/bind`, checked the way Navixy's
/// push-token page describes the parameters.
struct PushTokenBinding: Sendable, Equatable {
    /// One of `applications`.
    let application: String
    /// The device token, or for `w3c_pushapi` the subscription's https endpoint.
    let token: String
    /// The `p256dh` and `auth` keys of a Web Push subscription, only for `w3c_pushapi`.
    let keys: [String: String]?
    /// The category filter as sent, or nil when the call left it out (Navixy's default `*`).
    let categoryFilter: String?

    /// The application IDs Navixy accepts.
    static let applications: Set<String> = [
        "navixy_iphone_viewer", "navixy_android_viewer", "w3c_pushapi",
    ]
    /// The notification categories Navixy defines.
    static let categories: Set<String> = [
        "chat_message", "history_rule", "history_task", "history_info", "history_service_task",
        "history_work_status",
    ]
    private static let webPushApplication = "w3c_pushapi"

    /// Checks the bind parameters, or throws Navixy's code 7 naming the first wrong one.
    init(_ parameters: RequestParameters) throws(NavixyStatus) {
        guard let application = parameters.string("application"),
            Self.applications.contains(application)
        else {
            throw .invalidParameters(
                "application must be navixy_iphone_viewer, navixy_android_viewer or w3c_pushapi")
        }
        guard let token = parameters.string("token"), !token.isEmpty else {
            throw .invalidParameters("token is missing or empty")
        }
        let isWebPush = application == Self.webPushApplication
        if isWebPush && !Self.isHTTPSURL(token) {
            throw .invalidParameters("a w3c_pushapi token must be an https URL")
        }
        self.application = application
        self.token = token
        self.keys = try Self.webPushKeys(parameters.values["parameters"], required: isWebPush)
        self.categoryFilter = try Self.categoryFilter(parameters.values["category_filter"])
    }

    /// Describes the binding as the control API lists it, next to its session's hash.
    func listing(hash: String) -> JSONValue {
        var fields: [String: JSONValue] = [
            "hash": .string(hash), "application": .string(application), "token": .string(token),
        ]
        if let keys { fields["parameters"] = .object(keys.mapValues { .string($0) }) }
        if let categoryFilter { fields["category_filter"] = .string(categoryFilter) }
        return .object(fields)
    }

    private static func isHTTPSURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text),
            components.scheme?.lowercased() == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Reads `parameters`: a JSON object, or in a form or query string its JSON text.
    private static func webPushKeys(_ value: JSONValue?, required: Bool) throws(NavixyStatus)
        -> [String: String]?
    {
        guard let value, value != .null else {
            if required { throw .invalidParameters("parameters are required for w3c_pushapi") }
            return nil
        }
        guard required else {
            throw .invalidParameters("parameters are accepted only for w3c_pushapi")
        }
        let object =
            value.objectValue
            ?? value.stringValue.flatMap { JSONValue.parse(Array($0.utf8)) }?.objectValue
        guard let object, Set(object.keys) == ["p256dh", "auth"] else {
            throw .invalidParameters("parameters must be an object with p256dh and auth only")
        }
        var keys: [String: String] = [:]
        for (name, key) in object {
            guard let text = key.stringValue, isBase64URL(text) else {
                throw .invalidParameters("parameters.\(name) must be a non-empty base64url string")
            }
            keys[name] = text
        }
        return keys
    }

    /// Web Push keys are base64url (RFC 4648, section 5), padding optional.
    private static func isBase64URL(_ text: String) -> Bool {
        let unpadded = text.utf8.prefix { $0 != UInt8(ascii: "=") }
        let padding = text.utf8.count - unpadded.count
        guard !unpadded.isEmpty, padding <= 2,
            text.utf8.suffix(padding).allSatisfy({ $0 == UInt8(ascii: "=") })
        else { return false }
        return unpadded.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
    }

    /// Checks `category_filter`: `*`, a comma list of known categories, or `-` and such a list.
    /// Only the ASCII hyphen-minus counts as the minus.
    private static func categoryFilter(_ value: JSONValue?) throws(NavixyStatus) -> String? {
        guard let value, value != .null else { return nil }
        guard let filter = value.stringValue else {
            throw .invalidParameters("category_filter must be a string")
        }
        if filter == "*" { return filter }
        let list = filter.hasPrefix("-") ? filter.dropFirst() : Substring(filter)
        let names = list.split(separator: ",", omittingEmptySubsequences: false)
        guard names.allSatisfy({ categories.contains(String($0)) }) else {
            throw .invalidParameters(
                "category_filter must be *, a comma list of known categories, or - and such a list")
        }
        return filter
    }
}
