import Foundation

/// Command-line tools that a few tests use when the machine has them.
enum Tool {
    /// Returns whether `/usr/bin/NAME` exists and is executable.
    static func isAvailable(_ name: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/\(name)")
    }

    /// Runs `/usr/bin/NAME` to its end and returns its standard output; throws unless it exits 0.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) async throws -> String {
        let url = URL(fileURLWithPath: "/usr/bin/\(name)")
        return try await ManagedProcess.run(url, arguments: arguments) { process in
            let status = try await process.waitForExit(timeout: .seconds(30))
            try await waitUntil("\(name)'s output is read") {
                process.standardOutput.isClosed && process.standardError.isClosed
            }
            guard status == .exited(0) else {
                let errors = process.standardError.lines.joined(separator: "\n")
                throw EndToEndError("\(name) ended with \(status): \(errors)")
            }
            return process.standardOutput.lines.joined(separator: "\n")
        }
    }
}
