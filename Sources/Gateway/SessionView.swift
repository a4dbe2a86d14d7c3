import Foundation
import GatewayCore
import GatewayLog
import SessionStore

/// The stored record of a subject as callers see it: never the hash.
struct SessionView {
    let session: StoredSession

    /// The JSON body `{"subject", "region", "state", "updated_at"}`.
    var jsonBytes: [UInt8] {
        JSONValue.object([
            ("subject", .string(session.subject.value)),
            ("region", .string(session.region)),
            ("state", .string(session.state.rawValue)),
            ("updated_at", .string(RFC3339Time.format(session.updatedAt))),
        ]).encoded
    }
}

/// The response to a bound push token: the application ID and filter as sent upstream.
struct BindView {
    let subject: Subject
    let region: String
    let application: Application
    let categoryFilter: CategoryFilter?

    /// The JSON body `{"subject", "region", "application", "category_filter"}`, where the
    /// filter is `*` when none was sent, because Navixy's default is every category.
    var jsonBytes: [UInt8] {
        JSONValue.object([
            ("subject", .string(subject.value)),
            ("region", .string(region)),
            ("application", .string(application.navixyID)),
            ("category_filter", .string(categoryFilter?.wireValue ?? "*")),
        ]).encoded
    }
}
