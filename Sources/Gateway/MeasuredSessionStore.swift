import Foundation
import GatewayCore
import SessionStore

/// A session store that times every operation for the metrics, then passes it on.
struct MeasuredSessionStore: SessionStore {
    let base: any SessionStore
    let metrics: OperationalMetrics

    func save(subject: Subject, hash: SessionHash, region: String, at: Date)
        async throws(StoreError) -> (session: StoredSession, created: Bool)
    {
        try await measure("save") { () async throws(StoreError) in
            try await base.save(subject: subject, hash: hash, region: region, at: at)
        }
    }

    func load(subject: Subject) async throws(StoreError) -> StoredSession? {
        try await measure("load") { () async throws(StoreError) in
            try await base.load(subject: subject)
        }
    }

    func delete(subject: Subject) async throws(StoreError) -> Bool {
        try await measure("delete") { () async throws(StoreError) in
            try await base.delete(subject: subject)
        }
    }

    func markEnded(subject: Subject, hash: SessionHash, at: Date) async throws(StoreError)
        -> Bool
    {
        try await measure("mark_ended") { () async throws(StoreError) in
            try await base.markEnded(subject: subject, hash: hash, at: at)
        }
    }

    func ping() async throws(StoreError) {
        try await measure("ping") { () async throws(StoreError) in try await base.ping() }
    }

    func close() {
        base.close()
    }

    private func measure<Value>(
        _ operation: String, _ body: () async throws(StoreError) -> Value
    ) async throws(StoreError) -> Value {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            metrics.recordStore(
                operation: operation, succeeded: true, duration: .now - start)
            return value
        } catch {
            metrics.recordStore(
                operation: operation, succeeded: false, duration: .now - start)
            throw error
        }
    }
}
