import Foundation

/// The destination of finished log lines: standard output by default, or any closure in tests.
///
/// Each line is written whole under a lock, so lines from different threads never interleave.
public final class LogSink: Sendable {
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()

    /// Creates a sink that hands each finished line, without its newline, to `write`.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// A sink writing JSON lines straight to file descriptor 1, one `write` call per line, so
    /// that a crash or a kill loses nothing already logged.
    public static let standardOutput = LogSink { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // A closed or full pipe must not stop the gateway.
                }
            }
        }
    }

    func emit(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        write(line)
    }
}
