import CSQLite
import Dispatch
import Foundation
import GatewayCore

/// A `SessionStore` in one SQLite file, for a single gateway process.
///
/// Writes go through one connection on a private serial queue, because a SQLite connection
/// must not be used by two threads at once, and each writing method suspends until its turn
/// has come and gone. Reads use a second connection, inline under a lock: a read by primary
/// key takes microseconds, less than a hop to a queue and back, and in WAL mode it never
/// waits for a writer. The file uses WAL journaling with `synchronous = NORMAL`, so a power
/// loss may drop the last commits but never corrupts the file.
public final class SQLiteSessionStore: SessionStore, @unchecked Sendable {
    // `@unchecked Sendable` is sound because `connection` is only touched on `queue` and
    // `readConnection` only under `readLock`, apart from `init` and `deinit`, which no other
    // thread can overlap.
    private let queue = DispatchQueue(label: "navixy-gateway.sqlite-session-store")
    private var connection: SQLiteConnection?
    private let readLock = NSLock()
    private var readConnection: SQLiteConnection?
    private let inMemory: Bool

    /// Time in ms a call waits for a lock held by another connection before failing with
    /// `SQLITE_BUSY`.
    public static let busyTimeoutMs: Int32 = 5000

    /// Opens or creates the database at `path`, creating its parent directory, and migrates
    /// the schema to the current version. `:memory:` opens a private in-memory database.
    public init(path: String) throws(StoreError) {
        inMemory = path == ":memory:"
        do throws(StoreError) {
            try Self.createParentDirectory(of: path)
            try Self.createPrivateFile(at: path)
            let connection = try SQLiteConnection(path: path)
            try Self.configure(connection, inMemory: path == ":memory:")
            try SQLiteSchema.migrate(connection)
            self.connection = connection
            // Another connection to ":memory:" would open another, empty database.
            if !inMemory {
                let reader = try SQLiteConnection(path: path)
                try reader.setBusyTimeout(milliseconds: Self.busyTimeoutMs)
                self.readConnection = reader
            }
        } catch {
            throw error.during("open")
        }
    }

    deinit {
        connection?.close()
        readConnection?.close()
    }

    public func close() {
        queue.sync {
            connection?.close()
            connection = nil
        }
        readLock.withLock {
            readConnection?.close()
            readConnection = nil
        }
    }

    /// Runs the read-only `body` at once on the calling thread with the read connection, or
    /// on the queue when there is none (an in-memory database).
    func performRead<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (SQLiteConnection) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let result: Result<T, StoreError>? = readLock.withLock {
            guard let readConnection else { return inMemory ? nil : closed(operation) }
            do throws(StoreError) {
                return .success(try body(readConnection))
            } catch {
                return .failure(error.during(operation))
            }
        }
        if let result { return try result.get() }
        return try await perform(operation, body)
    }

    /// Runs `body` with the connection on the store's queue and names `operation` in any
    /// error.
    func perform<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (SQLiteConnection) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.performNow(operation, body))
            }
        }
        return try result.get()
    }

    private func performNow<T>(
        _ operation: String,
        _ body: (SQLiteConnection) throws(StoreError) -> T
    ) -> Result<T, StoreError> {
        guard let connection else { return closed(operation) }
        do throws(StoreError) {
            return .success(try body(connection))
        } catch {
            return .failure(error.during(operation))
        }
    }

    private func closed<T>(_ operation: String) -> Result<T, StoreError> {
        .failure(
            StoreError(
                operation: operation, call: "sqlite3", code: nil, message: "the store is closed"))
    }

    /// Creates the database file readable by its owner only, because it holds session hashes
    /// in clear. SQLite gives the `-wal` and `-shm` files the mode of the database file. An
    /// existing file keeps its mode, so an operator's choice is not overridden.
    private static func createPrivateFile(at path: String) throws(StoreError) {
        guard path != ":memory:", !path.isEmpty else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
        } else if errno != EEXIST {
            throw StoreError(
                operation: "open", call: "open", code: nil,
                message: "failed to create \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func createParentDirectory(of path: String) throws(StoreError) {
        guard path != ":memory:", !path.isEmpty else { return }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(
                operation: "open", call: "createDirectory", code: nil,
                message: "failed to create the directory \(directory): "
                    + error.localizedDescription)
        }
    }

    private static func configure(
        _ connection: SQLiteConnection,
        inMemory: Bool
    ) throws(StoreError) {
        try connection.setBusyTimeout(milliseconds: busyTimeoutMs)
        let mode = try connection.withStatement("PRAGMA journal_mode = WAL") {
            statement throws(StoreError) in
            try statement.step()
            return statement.text(at: 0) ?? ""
        }
        guard mode == "wal" || (inMemory && mode == "memory") else {
            throw StoreError(
                operation: "open", call: "PRAGMA journal_mode", code: nil,
                message: "the journal mode is \(mode), but WAL is required; keep the database "
                    + "on a local file system")
        }
        try connection.execute("PRAGMA synchronous = NORMAL")
    }
}

extension StoreError {
    /// Returns the error with `operation` set, unless an inner step already set it.
    func during(_ operation: String) -> StoreError {
        guard self.operation.isEmpty else { return self }
        var named = self
        named.operation = operation
        return named
    }
}
