import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking loopback TCP client that sends exact bytes, for cases URLSession cannot produce
/// (pipelining, malformed requests, half-sent bodies). Every read and write times out.
final class RawHTTPClient {
    /// One parsed answer.
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

    /// Connects to 127.0.0.1:`port`; reads and writes give up after `timeoutSeconds`.
    init(port: Int, timeoutSeconds: Int = 5) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw ClientError(description: "connect failed: errno \(errno)")
        }
    }

    deinit {
        close(socket)
    }

    /// Sends `text` as UTF-8 bytes.
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends every byte of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one answer whose body length comes from `Content-Length` (0 when absent).
    func readResponse() throws -> Response {
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
        var response = Response(status: status, headers: headers, body: [])
        let length = response.header("Content-Length").flatMap(Int.init) ?? 0
        try fill(atLeast: length)
        response.body = Array(pending.prefix(length))
        pending.removeFirst(length)
        return response
    }

    /// Reads until the server closes the connection and returns what arrived.
    func readToEnd() throws -> [UInt8] {
        while try receiveMore() {}
        defer { pending = [] }
        return pending
    }

    /// Whether the server closed the connection (or reset it) within the read timeout
    /// without sending anything more.
    func isClosedByServer() -> Bool {
        guard let more = try? receiveMore() else { return true }
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
