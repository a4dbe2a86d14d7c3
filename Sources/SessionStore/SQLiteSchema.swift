/// The SQLite schema as an ordered list of migrations, with its version kept in
/// `PRAGMA user_version`.
///
/// To change the schema, append a migration and never edit a released one: a database at
/// version N runs the migrations from index N on.
enum SQLiteSchema {
    /// The migration at index `i` moves the schema from version `i` to `i + 1`.
    static let migrations: [String] = [
        // Version 1. `updated_at` is in milliseconds since 1970-01-01 UTC. The hash check
        // allows lower-case hexadecimal only, so a hash can be compared as plain text.
        """
        CREATE TABLE sessions (
            subject TEXT NOT NULL PRIMARY KEY,
            hash TEXT NOT NULL CHECK (length(hash) = 32 AND hash NOT GLOB '*[^0-9a-f]*'),
            region TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('active', 'ended')),
            updated_at INTEGER NOT NULL
        ) STRICT;
        """
    ]

    /// The schema version that this build creates and understands.
    static var currentVersion: Int { migrations.count }

    /// Brings the database to `currentVersion` in one transaction, or throws when the file
    /// comes from a newer build whose schema this one does not know.
    static func migrate(_ connection: SQLiteConnection) throws(StoreError) {
        try connection.transaction { () throws(StoreError) in
            let version = try readVersion(connection)
            guard version <= currentVersion else {
                throw StoreError(
                    operation: "open", call: "migrate", code: nil,
                    message: "the database has schema version \(version), newer than version "
                        + "\(currentVersion) that this gateway supports; run a newer gateway "
                        + "or restore a backup")
            }
            for next in version..<currentVersion {
                try connection.execute(migrations[next])
                try connection.execute("PRAGMA user_version = \(next + 1)")
            }
        }
    }

    /// Reads `PRAGMA user_version`, which is 0 in a new file.
    static func readVersion(_ connection: SQLiteConnection) throws(StoreError) -> Int {
        try connection.withStatement("PRAGMA user_version") { statement throws(StoreError) in
            try statement.step()
            return Int(statement.int64(at: 0))
        }
    }
}
