/// A permission that a caller key grants: the group of endpoints that the key may call.
public enum Scope: String, Sendable, Hashable, CaseIterable {
    /// Binding and deleting push tokens under `/v1/subjects/{subject}/push-token`.
    case push

    /// Storing, reading and deleting session hashes under `/v1/subjects/{subject}/session`.
    case sessions
}
