import Foundation
import GatewayCore
import SessionStore

/// `PUT`, `GET` and `DELETE /v1/subjects/{subject}/session`: the stored hash of a subject.
struct SessionEndpoint: Sendable {
    let store: any SessionStore
    let regions: Set<String>
    let storeFailure: StoreFailure
    let clock: @Sendable () -> Date

    /// Stores or replaces the hash of `subject`: 201 when new, 200 when replaced.
    func put(_ subject: Subject, body: [UInt8], trace: CallTrace) async throws(GatewayError)
        -> Reply
    {
        let object = try JSONBody.parseObject(body)
        let call = try StoreSessionCall.parse(object, regions: regions)
        let saved = try await storeFailure.mapped(trace) {
            try await store.save(
                subject: subject, hash: call.hash, region: call.region, at: clock())
        }
        return Reply(
            status: saved.created ? 201 : 200, body: SessionView(session: saved.session).jsonBytes)
    }

    /// Returns the stored record, without the hash.
    func get(_ subject: Subject, trace: CallTrace) async throws(GatewayError) -> Reply {
        let loaded = try await storeFailure.mapped(trace) { try await store.load(subject: subject) }
        guard let session = loaded else { throw GatewayError.sessionNotFound() }
        return Reply(status: 200, body: SessionView(session: session).jsonBytes)
    }

    /// Forgets the hash of `subject`.
    func delete(_ subject: Subject, trace: CallTrace) async throws(GatewayError) -> Reply {
        let deleted = try await storeFailure.mapped(trace) {
            try await store.delete(subject: subject)
        }
        guard deleted else { throw GatewayError.sessionNotFound() }
        return .noContent
    }
}
