import CSQLite

/// One SQLite connection with its cache of prepared statements.
///
/// A connection is opened in multi-thread mode, so the owner must never use it from two
/// threads at once. `SQLiteSessionStore` guarantees that with its serial queue.
final class SQLiteConnection {
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens or creates the database file at `path` with extended result codes.
    init(path: String) throws(StoreError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            // sqlite3_open_v2 returns a handle even on failure, for its message, and it must be
            // closed all the same.
            let message = handle.map(Self.message(of:)) ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw StoreError(
                operation: "open", call: "sqlite3_open_v2", code: code, message: message)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        close()
    }

    /// Number of rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int {
        handle.map { Int(sqlite3_changes($0)) } ?? 0
    }

    /// Makes a call wait up to `milliseconds` for a lock held by another connection before it
    /// fails with `SQLITE_BUSY`.
    func setBusyTimeout(milliseconds: Int32) throws(StoreError) {
        try check(sqlite3_busy_timeout(try openHandle(), milliseconds), "sqlite3_busy_timeout")
    }

    /// Throws a `StoreError` naming `call` unless `code` is one of `accepted`.
    func check(
        _ code: Int32,
        _ call: String,
        accepted: Set<Int32> = [SQLITE_OK]
    ) throws(StoreError) {
        guard !accepted.contains(code) else { return }
        let message = handle.map(Self.message(of:)) ?? String(cString: sqlite3_errstr(code))
        throw StoreError(operation: "", call: call, code: code, message: message)
    }

    /// Runs one or more SQL statements that return no rows, such as DDL or `BEGIN`.
    func execute(_ sql: String) throws(StoreError) {
        try check(sqlite3_exec(try openHandle(), sql, nil, nil, nil), "sqlite3_exec")
    }

    /// Runs `body` with the cached prepared statement for `sql`, preparing it on first use,
    /// and resets the statement afterwards so that it holds no lock between calls.
    func withStatement<T>(
        _ sql: String,
        _ body: (SQLiteStatement) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let statement = try prepared(sql)
        defer { statement.reset() }
        return try body(statement)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE` and `COMMIT`, rolling back when it throws.
    ///
    /// `IMMEDIATE` takes the write lock at once, so no other process can write between a read
    /// and a write in `body`.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do throws(StoreError) {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Finalizes every cached statement and closes the connection. Closing twice does nothing.
    func close() {
        for statement in statements.values {
            statement.finalize()
        }
        statements = [:]
        sqlite3_close_v2(handle)
        handle = nil
    }

    private func prepared(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        var statementHandle: OpaquePointer?
        let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
        let code = sqlite3_prepare_v3(try openHandle(), sql, -1, flags, &statementHandle, nil)
        try check(code, "sqlite3_prepare_v3")
        guard let statementHandle else {
            throw StoreError(
                operation: "", call: "sqlite3_prepare_v3", code: nil,
                message: "the SQL text contains no statement")
        }
        let statement = SQLiteStatement(handle: statementHandle, connection: self)
        statements[sql] = statement
        return statement
    }

    private func openHandle() throws(StoreError) -> OpaquePointer {
        guard let handle else {
            throw StoreError(
                operation: "", call: "sqlite3", code: nil, message: "the store is closed")
        }
        return handle
    }

    private static func message(of handle: OpaquePointer) -> String {
        String(cString: sqlite3_errmsg(handle))
    }
}
