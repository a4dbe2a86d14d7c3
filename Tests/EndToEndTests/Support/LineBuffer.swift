import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines a child process wrote to one of its output pipes, collected by a reader thread.
final class LineBuffer: Sendable {
    private struct Contents {
        var lines: [String] = []
        var partial: [UInt8] = []
        var isClosed = false
    }

    private let contents = Locked(Contents())

    /// Every complete line so far, without line ends, plus the unfinished last line once the
    /// pipe is closed.
    var lines: [String] {
        contents.withLock { $0.lines }
    }

    /// Whether the writer closed the pipe, so no more lines will come.
    var isClosed: Bool {
        contents.withLock { $0.isClosed }
    }

    /// Adds bytes read from the pipe, splitting them into lines at `\n`.
    func append(_ bytes: some Collection<UInt8>) {
        contents.withLock { contents in
            for byte in bytes {
                if byte == UInt8(ascii: "\n") {
                    contents.lines.append(Self.text(contents.partial))
                    contents.partial.removeAll()
                } else {
                    contents.partial.append(byte)
                }
            }
        }
    }

    /// Marks the pipe closed, keeping an unfinished last line.
    func close() {
        contents.withLock { contents in
            if !contents.partial.isEmpty {
                contents.lines.append(Self.text(contents.partial))
                contents.partial.removeAll()
            }
            contents.isClosed = true
        }
    }

    /// Reads `fileHandle` on a thread of its own until end of file or a read error, then
    /// closes it.
    ///
    /// `read(2)` returns whatever is there, while `FileHandle.read(upToCount:)` may wait for the
    /// whole count, which would hold back the start line.
    func startReading(_ fileHandle: FileHandle) {
        let thread = Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { buffer in
                    read(fileHandle.fileDescriptor, buffer.baseAddress, buffer.count)
                }
                if count > 0 {
                    append(chunk[..<count])
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            try? fileHandle.close()
            close()
        }
        thread.start()
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
