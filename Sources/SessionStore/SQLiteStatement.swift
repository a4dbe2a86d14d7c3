import CSQLite

/// A prepared statement owned by one `SQLiteConnection`, with typed binds and column reads.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    /// Binds `text` to the 1-based parameter `index`. SQLite copies the text.
    func bind(_ text: String, at index: Int32) throws(StoreError) {
        let length = Int32(text.utf8.count)
        let code = sqlite3_bind_text(handle, index, text, length, csqlite_transient())
        try connection.check(code, "sqlite3_bind_text")
    }

    /// Binds `value` to the 1-based parameter `index`.
    func bind(_ value: Int64, at index: Int32) throws(StoreError) {
        try connection.check(sqlite3_bind_int64(handle, index, value), "sqlite3_bind_int64")
    }

    /// Advances to the next row. Returns true when a row is ready and false when the
    /// statement has finished.
    @discardableResult
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        try connection.check(code, "sqlite3_step", accepted: [SQLITE_ROW, SQLITE_DONE])
        return code == SQLITE_ROW
    }

    /// Returns the text of the 0-based column `index` of the current row, or nil for NULL.
    func text(at index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, index) else { return nil }
        return String(cString: bytes)
    }

    /// Returns the integer of the 0-based column `index` of the current row.
    func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Makes the statement ready to run again and releases its bound values.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Releases the statement. The owning connection calls this before closing.
    func finalize() {
        sqlite3_finalize(handle)
    }
}
