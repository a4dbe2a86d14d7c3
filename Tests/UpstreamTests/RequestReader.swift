import Glibc

/// Reads HTTP/1.1 requests with a `Content-Length` body off one connection, in order.
struct RequestReader {
    private let socket: Int32
    private var buffer: [UInt8] = []

    /// Creates a reader of `socket`.
    init(socket: Int32) {
        self.socket = socket
    }

    /// Returns the next request, or nil once the peer closed or `shouldStop` returned true.
    mutating func next(until shouldStop: () -> Bool) -> FakeServer.Request? {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int? = nil
        while headEnd == nil {
            headEnd = buffer.firstRange(of: separator)?.upperBound
            if headEnd == nil, !fill(until: shouldStop) { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        var lines = head.split(separator: "\r\n").map(String.init)
        let requestLine = lines.removeFirst()
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return (name: String(line[..<colon]), value: String(value))
        }
        let length =
            headers.first { $0.name.lowercased() == "content-length" }
            .flatMap { Int($0.value) } ?? 0
        while buffer.count < headEnd! + length {
            if !fill(until: shouldStop) { return nil }
        }
        let body = Array(buffer[headEnd!..<(headEnd! + length)])
        buffer.removeFirst(headEnd! + length)
        return FakeServer.Request(requestLine: requestLine, headers: headers, body: body)
    }

    /// Appends what arrives next; returns false once the peer closed or the reader must stop.
    private mutating func fill(until shouldStop: () -> Bool) -> Bool {
        while !shouldStop() {
            guard Socket.waitReadable(socket, milliseconds: 100) else { continue }
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            let count = recv(socket, &chunk, chunk.count, 0)
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        return false
    }
}
