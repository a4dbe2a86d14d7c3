import Foundation
import GatewayLog
import SessionStore

/// The stored record of a subject as callers see it: never the hash.
struct SessionView: Encodable {
    let subject: String
    let region: String
    let state: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case subject, region, state
        case updatedAt = "updated_at"
    }

    init(_ session: StoredSession) {
        subject = session.subject.value
        region = session.region
        state = session.state.rawValue
        updatedAt = RFC3339Time.format(session.updatedAt)
    }
}

/// The answer to a bound push token: the application ID and filter as sent upstream.
struct BindView: Encodable {
    let subject: String
    let region: String
    let application: String
    let categoryFilter: String

    enum CodingKeys: String, CodingKey {
        case subject, region, application
        case categoryFilter = "category_filter"
    }
}

extension Encodable {
    /// Encodes the value as compact JSON with sorted keys.
    func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these flat structs of strings cannot fail.
        return Array((try? encoder.encode(self)) ?? Data("{}".utf8))
    }
}
