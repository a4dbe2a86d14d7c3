import Foundation
import GatewayCore

extension SQLiteSessionStore {
    public func save(
        subject: Subject,
        hash: SessionHash,
        region: String,
        at date: Date
    ) async throws(StoreError) -> (session: StoredSession, created: Bool) {
        let milliseconds = Self.milliseconds(of: date)
        let session = StoredSession(
            subject: subject, hash: hash, region: region, state: .active,
            updatedAt: Self.date(fromMilliseconds: milliseconds))
        let created = try await perform("save") { connection throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                try Self.insertOrReplace(session, milliseconds: milliseconds, in: connection)
            }
        }
        return (session, created)
    }

    public func load(subject: Subject) async throws(StoreError) -> StoredSession? {
        try await performRead("load") { connection throws(StoreError) in
            try connection.withStatement(Self.selectSQL) { statement throws(StoreError) in
                try statement.bind(subject.value, at: 1)
                guard try statement.step() else { return nil }
                return try Self.session(of: subject, from: statement)
            }
        }
    }

    public func delete(subject: Subject) async throws(StoreError) -> Bool {
        try await perform("delete") { connection throws(StoreError) in
            try connection.withStatement(Self.deleteSQL) { statement throws(StoreError) in
                try statement.bind(subject.value, at: 1)
                try statement.step()
                return connection.changes > 0
            }
        }
    }

    public func markEnded(
        subject: Subject,
        hash: SessionHash,
        at date: Date
    ) async throws(StoreError) -> Bool {
        let milliseconds = Self.milliseconds(of: date)
        return try await perform("markEnded") { connection throws(StoreError) in
            try connection.withStatement(Self.markEndedSQL) { statement throws(StoreError) in
                try statement.bind(subject.value, at: 1)
                try statement.bind(hash.secretValue, at: 2)
                try statement.bind(milliseconds, at: 3)
                try statement.step()
                return connection.changes > 0
            }
        }
    }

    public func ping() async throws(StoreError) {
        try await performRead("ping") { connection throws(StoreError) in
            try connection.withStatement(Self.pingSQL) { statement throws(StoreError) in
                _ = try statement.step()
            }
        }
    }

    /// Inserts the session, or replaces the existing row of its subject. Returns whether the
    /// row is new. Runs inside a transaction, so no other writer can act between the steps.
    private static func insertOrReplace(
        _ session: StoredSession,
        milliseconds: Int64,
        in connection: SQLiteConnection
    ) throws(StoreError) -> Bool {
        for sql in [insertSQL, replaceSQL] {
            let changed = try connection.withStatement(sql) { statement throws(StoreError) in
                try statement.bind(session.subject.value, at: 1)
                try statement.bind(session.hash.secretValue, at: 2)
                try statement.bind(session.region, at: 3)
                try statement.bind(milliseconds, at: 4)
                try statement.step()
                return connection.changes > 0
            }
            if changed { return sql == insertSQL }
        }
        throw StoreError(
            operation: "save", call: "sqlite3_step", code: nil,
            message: "neither the insert nor the update changed a row")
    }

    /// Builds a record from the columns of `selectSQL`, rejecting values that the schema
    /// should have prevented.
    private static func session(
        of subject: Subject,
        from statement: SQLiteStatement
    ) throws(StoreError) -> StoredSession {
        guard let hash = statement.text(at: 0).flatMap(SessionHash.init) else {
            throw StoreError(
                operation: "load", call: "sqlite3_column_text", code: nil,
                message: "the stored hash of subject \(subject) is not 32 hexadecimal characters")
        }
        guard let stateText = statement.text(at: 2), let state = SessionState(rawValue: stateText)
        else {
            throw StoreError(
                operation: "load", call: "sqlite3_column_text", code: nil,
                message: "the stored state of subject \(subject) is neither active nor ended")
        }
        return StoredSession(
            subject: subject, hash: hash, region: statement.text(at: 1) ?? "", state: state,
            updatedAt: date(fromMilliseconds: statement.int64(at: 3)))
    }

    /// Milliseconds since 1970-01-01 UTC, rounded down, as stored in `updated_at`.
    static func milliseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(fromMilliseconds milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static let insertSQL = """
        INSERT INTO sessions (subject, hash, region, state, updated_at)
        VALUES (?1, ?2, ?3, 'active', ?4)
        ON CONFLICT (subject) DO NOTHING
        """

    private static let replaceSQL = """
        UPDATE sessions SET hash = ?2, region = ?3, state = 'active', updated_at = ?4
        WHERE subject = ?1
        """

    private static let selectSQL = """
        SELECT hash, region, state, updated_at FROM sessions WHERE subject = ?1
        """

    private static let deleteSQL = "DELETE FROM sessions WHERE subject = ?1"

    private static let markEndedSQL = """
        UPDATE sessions SET state = 'ended', updated_at = ?3
        WHERE subject = ?1 AND hash = ?2 AND state = 'active'
        """

    private static let pingSQL = "SELECT 1 FROM sessions LIMIT 1"
}
