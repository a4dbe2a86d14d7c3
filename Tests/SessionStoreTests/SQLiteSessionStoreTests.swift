import Foundation
import GatewayCore
import SessionStore
import Testing

@Test func saveNewSessionIsCreated() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }

    let result = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)

    #expect(result.created)
    #expect(result.session.subject == subject("u-42"))
    #expect(result.session.hash == sessionHash(firstHash))
    #expect(result.session.region == "eu")
    #expect(result.session.state == .active)
    #expect(result.session.updatedAt == referenceDate)
}

@Test func saveReplacesAndReactivates() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    let later = referenceDate.addingTimeInterval(60)
    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)
    _ = try await store.markEnded(
        subject: subject("u-42"), hash: sessionHash(firstHash), at: referenceDate)

    let result = try await store.save(
        subject: subject("u-42"), hash: sessionHash(secondHash), region: "us", at: later)
    let loaded = try #require(try await store.load(subject: subject("u-42")))

    #expect(!result.created)
    #expect(result.session.state == .active)
    #expect(loaded.hash == sessionHash(secondHash))
    #expect(loaded.region == "us")
    #expect(loaded.state == .active)
    #expect(loaded.updatedAt == later)
}

@Test func loadReturnsSavedRecord() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    let saved = try await store.save(
        subject: subject("user@example.com"), hash: sessionHash(firstHash), region: "eu",
        at: referenceDate)

    let loaded = try await store.load(subject: subject("user@example.com"))

    #expect(loaded == saved.session)
}

@Test func loadUnknownSubjectIsNil() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }

    let loaded = try await store.load(subject: subject("nobody"))

    #expect(loaded == nil)
}

@Test func subjectsAreCaseSensitive() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    _ = try await store.save(
        subject: subject("U-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)

    let loaded = try await store.load(subject: subject("u-42"))

    #expect(loaded == nil)
}

@Test func deleteReportsWhetherRowExisted() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)

    let first = try await store.delete(subject: subject("u-42"))
    let second = try await store.delete(subject: subject("u-42"))
    let loaded = try await store.load(subject: subject("u-42"))

    #expect(first)
    #expect(!second)
    #expect(loaded == nil)
}

@Test func markEndedNeedsMatchingHash() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    let later = referenceDate.addingTimeInterval(5)
    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)

    let withOtherHash = try await store.markEnded(
        subject: subject("u-42"), hash: sessionHash(secondHash), at: later)
    let stillActive = try await store.load(subject: subject("u-42"))
    let withStoredHash = try await store.markEnded(
        subject: subject("u-42"), hash: sessionHash(firstHash), at: later)
    let ended = try await store.load(subject: subject("u-42"))
    let again = try await store.markEnded(
        subject: subject("u-42"), hash: sessionHash(firstHash), at: later)

    #expect(!withOtherHash)
    #expect(stillActive?.state == .active)
    #expect(withStoredHash)
    #expect(ended?.state == .ended)
    #expect(ended?.updatedAt == later)
    #expect(!again)
}

@Test func markEndedKeepsReplacementActive() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)
    _ = try await store.save(
        subject: subject("u-42"), hash: sessionHash(secondHash), region: "eu", at: referenceDate)

    let changed = try await store.markEnded(
        subject: subject("u-42"), hash: sessionHash(firstHash), at: referenceDate)
    let loaded = try await store.load(subject: subject("u-42"))

    #expect(!changed)
    #expect(loaded?.state == .active)
    #expect(loaded?.hash == sessionHash(secondHash))
}

@Test func markEndedUnknownSubjectChangesNothing() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }

    let changed = try await store.markEnded(
        subject: subject("nobody"), hash: sessionHash(firstHash), at: referenceDate)

    #expect(!changed)
}

@Test func dataSurvivesCloseAndReopen() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("gateway.sqlite3")
    let first = try SQLiteSessionStore(path: path)
    let saved = try await first.save(
        subject: subject("u-42"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)
    _ = try await first.markEnded(
        subject: subject("u-42"), hash: sessionHash(firstHash), at: referenceDate)
    first.close()

    let second = try SQLiteSessionStore(path: path)
    defer { second.close() }
    let loaded = try await second.load(subject: subject("u-42"))

    #expect(loaded?.hash == saved.session.hash)
    #expect(loaded?.region == "eu")
    #expect(loaded?.state == .ended)
}

@Test func concurrentSavesAreAllStored() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }
    let subjects = (0..<200).map { subject("u-\($0)") }

    let createdCount = await withTaskGroup(of: Bool.self) { group in
        for item in subjects {
            group.addTask {
                let result = try? await store.save(
                    subject: item, hash: sessionHash(firstHash), region: "eu", at: referenceDate)
                return result?.created ?? false
            }
        }
        return await group.reduce(0) { count, created in created ? count + 1 : count }
    }

    #expect(createdCount == 200)
    for item in subjects {
        let loaded = try await store.load(subject: item)
        #expect(loaded?.subject == item)
    }
}

@Test func pingSucceedsWhileOpen() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    defer { store.close() }

    try await store.ping()
}

@Test func callsAfterCloseThrow() async throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteSessionStore(path: directory.file("gateway.sqlite3"))
    store.close()
    store.close()

    let error = await #expect(throws: StoreError.self) { try await store.ping() }

    #expect(error?.operation == "ping")
    #expect(error?.description.contains("the store is closed") == true)
}

@Test func newStoreFilesAreOwnerOnly() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("private/gateway.sqlite3")
    let store = try SQLiteSessionStore(path: path)
    defer { store.close() }
    _ = try await store.save(
        subject: subject("u-1"), hash: sessionHash(firstHash), region: "eu", at: referenceDate)

    for file in [path, path + "-wal", directory.file("private")] {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0, "\(file) has mode \(String(mode, radix: 8))")
    }
}
