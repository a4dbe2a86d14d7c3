import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP client that sends exact bytes, for cases URLSession cannot produce
/// (pipelining, malformed requests, half-sent bodies). Every read and write times out.
///
/// Its socket calls block, so each runs on a thread of its own: blocking a thread of Swift's
/// cooperative pool would starve the server's handler tasks on a small machine. One test uses
/// a client at a time, which makes the unchecked `Sendable` safe.
final class RawHTTPClient: @unchecked Sendable {
    /// One parsed response.
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Errors of the test client itself.
    struct ClientError: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Int32
    private var pending: [UInt8] = []

    /// Connects to `host` (numeric IPv4 or IPv6, 127.0.0.1 by default) and `port`; reads and
    /// writes give up after `timeoutSeconds`.
    init(host: String = "127.0.0.1", port: Int, timeoutSeconds: Int = 5) throws {
        let isIPv6 = host.contains(":")
        socket = Glibc.socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClientError(description: "socket failed") }
        setTimeout(seconds: timeoutSeconds)
        let connected = isIPv6 ? connectIPv6(host, port) : connectIPv4(host, port)
        // No close here: deinit runs for a fully initialized object whose init throws.
        guard connected == 0 else {
            throw ClientError(description: "connect failed: errno \(errno)")
        }
    }

    private func connectIPv4(_ host: String, _ port: Int) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    private func connectIPv6(_ host: String, _ port: Int) -> Int32 {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = UInt16(port).bigEndian
        inet_pton(AF_INET6, host, &address.sin6_addr)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
    }

    /// Sets how long each later read or write may wait.
    func setTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
    }

    deinit {
        close(socket)
    }

    /// Sends `text` as UTF-8 bytes.
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Sends every byte of `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        try await onOwnThread { try self.sendBlocking(bytes) }
    }

    /// Reads one response whose body length comes from `Content-Length` (0 when absent).
    func readResponse() async throws -> Response {
        try await onOwnThread { try self.readResponseBlocking() }
    }

    /// Reads a status line and header fields and no body, as the response to HEAD has.
    func readHeadOnly() async throws -> Response {
        try await onOwnThread { try self.readHeadBlocking() }
    }

    /// Reads until the server closes the connection and returns what arrived.
    func readToEnd() async throws -> [UInt8] {
        try await onOwnThread { try self.readToEndBlocking() }
    }

    /// Returns whether the server closed (or reset) the connection within the read timeout
    /// without sending anything more.
    func isClosedByServer() async -> Bool {
        (try? await onOwnThread { self.isClosedBlocking() }) ?? false
    }

    /// Closes the sending direction, telling the server that no more bytes will come.
    func finishSending() {
        shutdown(socket, Int32(SHUT_WR))
    }

    /// Shuts the connection down in both directions, as a client that goes away does.
    func disconnect() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private func onOwnThread<Value: Sendable>(
        _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.start()
        }
    }

    private func sendBlocking(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    private func readResponseBlocking() throws -> Response {
        var response = try readHeadBlocking()
        let length = response.header("Content-Length").flatMap(Int.init) ?? 0
        try fill(atLeast: length)
        response.body = Array(pending.prefix(length))
        pending.removeFirst(length)
        return response
    }

    private func readHeadBlocking() throws -> Response {
        let headEnd = try readUntil([13, 10, 13, 10])
        let headText = String(decoding: pending[..<headEnd], as: UTF8.self)
        pending.removeFirst(headEnd + 4)

        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(headText)")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (name: String(line[..<colon]), value: value)
        }
        return Response(status: status, headers: headers, body: [])
    }

    private func readToEndBlocking() throws -> [UInt8] {
        while try receiveMore() {}
        defer { pending = [] }
        return pending
    }

    private func isClosedBlocking() -> Bool {
        // A read timeout throws, and counts as "still open".
        guard let more = try? receiveMore() else { return false }
        return !more && pending.isEmpty
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        while true {
            if let index = find(marker) { return index }
            guard try receiveMore() else {
                throw ClientError(description: "connection closed before a full head")
            }
        }
    }

    private func fill(atLeast count: Int) throws {
        while pending.count < count {
            guard try receiveMore() else {
                throw ClientError(description: "connection closed before a full body")
            }
        }
    }

    private func find(_ marker: [UInt8]) -> Int? {
        guard pending.count >= marker.count else { return nil }
        for start in 0...(pending.count - marker.count)
        where pending[start..<(start + marker.count)].elementsEqual(marker) {
            return start
        }
        return nil
    }

    /// Reads what is available; false at end of stream, throws on timeout or error.
    private func receiveMore() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            pending.append(contentsOf: buffer[..<count])
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw ClientError(description: "recv failed: errno \(errno)")
    }
}
