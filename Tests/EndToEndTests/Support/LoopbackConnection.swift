import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking TCP connection to 127.0.0.1 for tests, with a deadline on every send and
/// receive. It sends bytes exactly as given, so tests can also send malformed requests.
///
/// The socket is close-on-exec, so that a child process started meanwhile by another test
/// cannot hold the connection open.
final class LoopbackConnection {
    private let socket: Int32
    private let deadline: ContinuousClock.Instant

    /// Connects to 127.0.0.1:`port`. Every later call fails once `timeout` has passed.
    init(port: Int, timeout: Duration) throws {
        deadline = .now + timeout
        #if canImport(Glibc)
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        #else
            socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw EndToEndError("socket() failed: errno \(errno)") }
        do {
            try connect(port: port)
        } catch {
            close(socket)
            throw error
        }
    }

    deinit {
        close(socket)
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            try applyRemainingTime(option: SO_SNDTIMEO)
            let count = bytes[sent...].withUnsafeBytes { buffer in
                Self.sendWithoutSIGPIPE(socket, buffer.baseAddress, buffer.count)
            }
            guard count > 0 else { throw EndToEndError("send() failed: errno \(errno)") }
            sent += count
        }
    }

    /// Closes the sending side, so the server reads the end of the request.
    func finishSending() {
        _ = shutdown(socket, Int32(SHUT_WR))
    }

    /// Reads until the server closes the connection and returns every byte read. A reset
    /// counts as a close, so a dropped connection returns what came before it, often nothing.
    func receiveUntilClosed(maxBytes: Int = 16 << 20) throws -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while received.count <= maxBytes {
            try applyRemainingTime(option: SO_RCVTIMEO)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk[..<count]
            } else if count == 0 || errno == ECONNRESET {
                return received
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw EndToEndError(
                    "timed out before the end of the response; got \(received.count) bytes")
            } else if errno != EINTR {
                throw EndToEndError("recv() failed: errno \(errno)")
            }
        }
        throw EndToEndError("the response passed \(maxBytes) bytes")
    }

    /// Sends `bytes` to 127.0.0.1:`port` on a thread of its own, so no task waits blocked,
    /// and returns everything received until the server closed the connection. With
    /// `finishSending`, the sending side is closed after `bytes`, as for a cut-short request.
    static func exchange(
        port: Int, bytes: [UInt8], finishSending: Bool = false, timeout: Duration = .seconds(10)
    ) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        let connection = try LoopbackConnection(port: port, timeout: timeout)
                        try connection.send(bytes)
                        if finishSending { connection.finishSending() }
                        return try connection.receiveUntilClosed()
                    })
            }
            thread.start()
        }
    }

    private func connect(port: Int) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                #if canImport(Glibc)
                    Glibc.connect(socket, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                    Darwin.connect(socket, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard result == 0 else {
            throw EndToEndError("connect() to 127.0.0.1:\(port) failed: errno \(errno)")
        }
    }

    /// Sets a send or receive timeout to the time left before the deadline.
    private func applyRemainingTime(option: Int32) throws {
        let remaining = deadline - .now
        guard remaining > .zero else { throw EndToEndError("the connection's deadline passed") }
        let (seconds, attoseconds) = remaining.components
        // A zero timeval would mean "wait forever", so at least one microsecond is set.
        let microseconds = max(1, Int(attoseconds / 1_000_000_000_000))
        var time = timeval(tv_sec: Int(seconds), tv_usec: .init(microseconds))
        setsockopt(socket, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func sendWithoutSIGPIPE(
        _ socket: Int32, _ bytes: UnsafeRawPointer?, _ count: Int
    ) -> Int {
        #if canImport(Glibc)
            // Without MSG_NOSIGNAL a write to a closed connection kills the whole test run.
            return Glibc.send(socket, bytes, count, Int32(MSG_NOSIGNAL))
        #else
            var on: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            return Darwin.send(socket, bytes, count, 0)
        #endif
    }
}
