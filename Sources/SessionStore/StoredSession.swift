import Foundation
import GatewayCore

/// The session record of one subject.
public struct StoredSession: Sendable, Hashable {
    /// The caller's identifier for the session.
    public var subject: Subject
    /// The Navixy session hash, lower-cased. Its description is redacted.
    public var hash: SessionHash
    /// Name of the configured region that issued the hash.
    public var region: String
    /// Lifecycle state: active after every save, ended once Navixy reports the session ended.
    public var state: SessionState
    /// Time of the last save or state change, with millisecond precision.
    public var updatedAt: Date

    /// Creates a record.
    public init(
        subject: Subject,
        hash: SessionHash,
        region: String,
        state: SessionState,
        updatedAt: Date
    ) {
        self.subject = subject
        self.hash = hash
        self.region = region
        self.state = state
        self.updatedAt = updatedAt
    }
}
