/// One Navixy call as the simulator received it, for `GET /_sim/requests`.
struct RecordedRequest: Sendable {
    /// The path after `/v2/`, such as `user/session/push_token/bind`.
    let action: String
    /// The HTTP method.
    let method: String
    /// The header fields with lower-cased names. Repeated fields are joined with `, `.
    let headers: [String: String]
    /// The parameters from the query string and the body, as parsed.
    let params: [String: JSONValue]
    /// The raw query string, if the target had one.
    let query: String?
    /// The fault step applied to the call, if any.
    var fault: FaultStep?

    /// The record as the control API lists it.
    var listing: JSONValue {
        var fields: [String: JSONValue] = [
            "action": .string(action),
            "method": .string(method),
            "headers": .object(headers.mapValues { .string($0) }),
            "params": .object(params),
        ]
        if let query { fields["query"] = .string(query) }
        if let fault { fields["fault"] = fault.note }
        return .object(fields)
    }
}
