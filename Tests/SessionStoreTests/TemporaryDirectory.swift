import Foundation
import GatewayCore

/// A fresh directory under the system's temporary directory, removed when released, so that
/// every test works on its own SQLite files.
final class TemporaryDirectory {
    /// Absolute path of the directory.
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("session-store-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Returns the path of `name` inside the directory.
    func file(_ name: String) -> String {
        "\(path)/\(name)"
    }
}

/// Builds a subject from a literal that is known to be valid.
func subject(_ value: String) -> Subject {
    Subject(value)!
}

/// Builds a hash from a literal that is known to be 32 hexadecimal characters.
func sessionHash(_ value: String) -> SessionHash {
    SessionHash(value)!
}

/// A fixed point in time with a whole number of milliseconds.
let referenceDate = Date(timeIntervalSince1970: 1_780_000_000.123)

let firstHash = "22eac1c27af4be7b9d04da2ce1af111b"
let secondHash = "0123456789abcdef0123456789abcdef"
