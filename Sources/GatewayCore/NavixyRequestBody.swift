/// The JSON bodies of the gateway's calls to Navixy, sent with `POST`.
///
/// The hash travels in the body as `hash`, so it never appears in a URL that a proxy or
/// access log might record.
public enum NavixyRequestBody {
    /// Builds the body of `user/session/push_token/bind`:
    /// `{"hash", "application", "token", "parameters"?, "category_filter"?}`.
    ///
    /// `parameters` carries the Web Push keys when the call has them, and `category_filter`
    /// is left out when the call has no filter, so that Navixy applies its default.
    public static func bind(hash: SessionHash, call: BindPushTokenCall) -> [UInt8] {
        var members: [(key: String, value: JSONValue)] = [
            ("hash", .string(hash.secretValue)),
            ("application", .string(call.application.navixyID)),
            ("token", .string(call.token.secretValue)),
        ]
        if let keys = call.keys {
            let parameters: JSONValue = .object([
                ("p256dh", .string(keys.p256dh)), ("auth", .string(keys.auth)),
            ])
            members.append(("parameters", parameters))
        }
        if let filter = call.categoryFilter {
            members.append(("category_filter", .string(filter.wireValue)))
        }
        return JSONValue.object(members).encoded
    }

    /// Builds the body of `user/session/push_token/delete`: `{"hash"}`.
    public static func delete(hash: SessionHash) -> [UInt8] {
        JSONValue.object([("hash", .string(hash.secretValue))]).encoded
    }
}
