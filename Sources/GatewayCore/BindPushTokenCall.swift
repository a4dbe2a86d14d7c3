import Foundation

/// A validated and normalized call to bind a push token to a subject's Navixy session.
public struct BindPushTokenCall: Hashable, Sendable {
    /// The application that receives the notifications.
    public let application: Application
    /// The push token, or for `w3cPushAPI` the subscription's https endpoint.
    public let token: PushToken
    /// The subscription's keys, present exactly when `application` is `w3cPushAPI`.
    public let keys: WebPushKeys?
    /// The categories to receive, or nil to send no `category_filter` and receive all.
    public let categoryFilter: CategoryFilter?

    /// Creates a call from validated parts.
    public init(
        application: Application, token: PushToken, keys: WebPushKeys?,
        categoryFilter: CategoryFilter?
    ) {
        self.application = application
        self.token = token
        self.keys = keys
        self.categoryFilter = categoryFilter
    }

    /// Validates and normalizes a body `{"application", "token", "keys"?, "categories"?}`,
    /// checking the members in that order. Other members are ignored.
    ///
    /// Throws `unknown_application`, `invalid_token`, `invalid_keys` or `invalid_categories`
    /// for the first member that is missing, of the wrong JSON type, or invalid. A `null`
    /// member counts as absent.
    public static func parse(
        _ object: [String: Any], knownCategories: [String]
    ) throws(GatewayError) -> BindPushTokenCall {
        let application = try parseApplication(object)
        let token = try parseToken(object, for: application)
        let keys = try parseKeys(object, for: application)
        let filter = try CategoryFilter.normalize(object["categories"], known: knownCategories)
        return BindPushTokenCall(
            application: application, token: token, keys: keys, categoryFilter: filter)
    }

    private static func parseApplication(
        _ object: [String: Any]
    ) throws(GatewayError) -> Application {
        let requirement = "one of " + Application.acceptedSpellings.joined(separator: ", ")
        let spelling = try JSONBody.requiredString(
            "application", in: object, code: .unknownApplication, requirement: requirement)
        guard let application = Application(callerSpelling: spelling) else {
            throw GatewayError(.unknownApplication, "\"application\" must be \(requirement).")
        }
        return application
    }

    private static func parseToken(
        _ object: [String: Any], for application: Application
    ) throws(GatewayError) -> PushToken {
        let requirement =
            "a string of 1 to \(PushToken.maxLength) characters without white space or "
            + "control characters"
        let text = try JSONBody.requiredString(
            "token", in: object, code: .invalidToken, requirement: requirement)
        guard let token = PushToken(text) else {
            throw GatewayError(.invalidToken, "\"token\" must be \(requirement).")
        }
        if application == .w3cPushAPI, !isHTTPSURL(text) {
            throw GatewayError(
                .invalidToken,
                "For w3c_pushapi, \"token\" must be the absolute https:// endpoint URL of the "
                    + "push subscription.")
        }
        return token
    }

    private static func parseKeys(
        _ object: [String: Any], for application: Application
    ) throws(GatewayError) -> WebPushKeys? {
        let value = object["keys"] is NSNull ? nil : object["keys"]
        guard application == .w3cPushAPI else {
            guard value == nil else {
                throw GatewayError(
                    .invalidKeys,
                    "\"keys\" is allowed only for w3c_pushapi. Remove it for "
                        + "\(application.navixyID).")
            }
            return nil
        }

        let shape = "an object {\"p256dh\": ..., \"auth\": ...} from the push subscription"
        guard let value else {
            throw GatewayError(
                .invalidKeys, "\"keys\" is missing. w3c_pushapi needs \(shape).")
        }
        guard let members = value as? [String: Any] else {
            throw GatewayError(.invalidKeys, "\"keys\" must be \(shape).")
        }
        let requirement = "a non-empty base64url string"
        let p256dh = try JSONBody.requiredString(
            "p256dh", in: members, name: "keys.p256dh", code: .invalidKeys, requirement: requirement
        )
        let auth = try JSONBody.requiredString(
            "auth", in: members, name: "keys.auth", code: .invalidKeys, requirement: requirement)
        guard let keys = WebPushKeys(p256dh: p256dh, auth: auth) else {
            throw GatewayError(
                .invalidKeys, "\"keys.p256dh\" and \"keys.auth\" must each be \(requirement).")
        }
        return keys
    }

    /// Returns whether the text is an absolute `https` URL with a host, as a Web Push endpoint is.
    private static func isHTTPSURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text),
            components.scheme?.asciiLowercased() == "https",
            let host = components.host
        else { return false }
        return !host.isEmpty
    }
}
