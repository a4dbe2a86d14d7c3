import Foundation
import GatewayCore
import Testing

@testable import SessionStore

@Test func openCreatesParentDirectoriesAndWAL() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("data/nested/gateway.sqlite3")
    let store = try SQLiteSessionStore(path: path)
    defer { store.close() }

    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)

    #expect(FileManager.default.fileExists(atPath: path))
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
}

@Test func corruptFileGivesClearError() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))

    let error = #expect(throws: StoreError.self) { try SQLiteSessionStore(path: path) }

    #expect(error?.operation == "open")
    #expect(error?.message == "file is not a database")
    #expect(error?.description.hasPrefix("session store open: sqlite3_") == true)
}

@Test func pathUnderRegularFileGivesClearError() throws {
    let directory = try TemporaryDirectory()
    let blocker = directory.file("not-a-directory")
    try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))

    let error = #expect(throws: StoreError.self) {
        try SQLiteSessionStore(path: blocker + "/gateway.sqlite3")
    }

    #expect(error?.operation == "open")
    #expect(error?.call == "createDirectory")
    #expect(error?.message.contains(blocker) == true)
}

@Test func directoryAsPathGivesClearError() throws {
    let directory = try TemporaryDirectory()

    let error = #expect(throws: StoreError.self) { try SQLiteSessionStore(path: directory.path) }

    #expect(error?.operation == "open")
    #expect(error?.code != nil)
    #expect(error?.message.isEmpty == false)
}

@Test func newerSchemaVersionIsRejected() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    let connection = try SQLiteConnection(path: path)
    try connection.execute("PRAGMA user_version = \(SQLiteSchema.currentVersion + 1)")
    connection.close()

    let error = #expect(throws: StoreError.self) { try SQLiteSessionStore(path: path) }

    #expect(error?.operation == "open")
    #expect(error?.message.contains("newer than version \(SQLiteSchema.currentVersion)") == true)
}

@Test func newFileGetsCurrentSchemaVersion() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    try SQLiteSessionStore(path: path).close()

    let connection = try SQLiteConnection(path: path)
    defer { connection.close() }

    #expect(try SQLiteSchema.readVersion(connection) == SQLiteSchema.currentVersion)
}

@Test func hashIsStoredLowerCase() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    let store = try SQLiteSessionStore(path: path)
    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash.uppercased()), region: "eu",
        at: referenceDate)
    store.close()

    let connection = try SQLiteConnection(path: path)
    defer { connection.close() }
    let stored = try connection.withStatement("SELECT hash FROM sessions") {
        statement throws(StoreError) in
        _ = try statement.step()
        return statement.text(at: 0)
    }

    #expect(stored == firstHash)
}

@Test func schemaRejectsUnknownState() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    try SQLiteSessionStore(path: path).close()
    let connection = try SQLiteConnection(path: path)
    defer { connection.close() }

    let error = #expect(throws: StoreError.self) {
        try connection.execute(
            "INSERT INTO sessions VALUES ('u-1', '\(firstHash)', 'eu', 'paused', 0)")
    }

    #expect(error?.message.contains("CHECK constraint failed") == true)
}

@Test func hashNeverAppearsInErrorText() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    try SQLiteSessionStore(path: path).close()
    // SQLite quotes an invalid JSON path in its error message, so this trigger makes every
    // insert fail with the hash in SQLite's own message.
    let connection = try SQLiteConnection(path: path)
    try connection.execute(
        """
        CREATE TRIGGER echo_hash BEFORE INSERT ON sessions
        BEGIN SELECT json_extract('{}', NEW.hash); END;
        """)
    connection.close()
    let store = try SQLiteSessionStore(path: path)
    defer { store.close() }

    let error = await #expect(throws: StoreError.self) {
        try await store.save(
            subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu",
            at: referenceDate)
    }

    #expect(error?.operation == "save")
    #expect(error?.message == "JSON path error near '<redacted>'")
    #expect(error?.description.contains(firstHash) == false)
}

@Test func storeErrorRedactsOnlyHashLengthHexRuns() {
    let error = StoreError(
        operation: "load", call: "sqlite3_step", code: 1,
        message: "near \(firstHash) and deadbeef and \(firstHash)00")

    #expect(error.message == "near <redacted> and deadbeef and \(firstHash)00")
}
