import Foundation
import GatewayCore

/// Persistent storage of one session hash per subject.
///
/// Implementations are safe to call from any task. Every failure is a `StoreError`, whose text
/// never contains a hash.
public protocol SessionStore: Sendable {
    /// Stores the hash of `subject`, or replaces the stored one and sets the state back to
    /// active. Returns the record and whether it is new.
    func save(
        subject: Subject,
        hash: SessionHash,
        region: String,
        at: Date
    ) async throws(StoreError) -> (session: StoredSession, created: Bool)

    /// Returns the record of `subject`, or nil when none is stored.
    func load(subject: Subject) async throws(StoreError) -> StoredSession?

    /// Deletes the record of `subject`. Returns whether one existed.
    func delete(subject: Subject) async throws(StoreError) -> Bool

    /// Marks the session ended only while the stored hash is still `hash`, so that a
    /// replacement saved meanwhile stays active. Returns whether a row changed.
    func markEnded(subject: Subject, hash: SessionHash, at: Date) async throws(StoreError) -> Bool

    /// Checks that the store can run a query, for readiness probes.
    func ping() async throws(StoreError)

    /// Releases the connection. Later calls throw, and closing twice does nothing.
    func close()
}
