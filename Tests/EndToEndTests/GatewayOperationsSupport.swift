import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A kept-open TCP connection to 127.0.0.1 that reads responses one at a time, for pipelining,
/// `Expect: 100-continue`, slow clients and clients that hang up. Every call has a deadline.
///
/// Its socket calls block, so each runs on a thread of its own rather than on Swift's
/// cooperative pool, which the test's other tasks need. One task uses a connection at a
/// time, which makes the unchecked `Sendable` safe.
final class StreamConnection: @unchecked Sendable {
    private let socket: Int32
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; each later read or write gives up after `timeout`.
    init(port: Int, timeout: Duration = .seconds(10)) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw EndToEndError("socket() failed: errno \(errno)") }
        setTimeout(timeout)
        guard Self.connect(socket, port: port) == 0 else {
            let code = errno
            close(socket)
            throw EndToEndError("connect() to 127.0.0.1:\(port) failed: errno \(code)")
        }
    }

    deinit {
        close(socket)
    }

    /// Returns whether connecting to 127.0.0.1:`port` is refused, as after the gateway closed
    /// its listening socket.
    static func isRefused(port: Int) -> Bool {
        let probe = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        defer { close(probe) }
        return connect(probe, port: port) != 0 && errno == ECONNREFUSED
    }

    /// Changes how long each later read or write may wait.
    func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var time = timeval(
            tv_sec: Int(seconds), tv_usec: .init(max(1, attoseconds / 1_000_000_000_000)))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, size)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &time, size)
    }

    /// Sends `text` as UTF-8.
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Sends every byte of `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        try await onOwnThread {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes {
                    Glibc.send(self.socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                guard sent > 0 else { throw EndToEndError("send() failed: errno \(errno)") }
                offset += sent
            }
        }
    }

    /// Reads one status line and header block without a body, such as `100 Continue`, and
    /// returns the status line.
    func readInterimStatusLine() async throws -> String {
        try await onOwnThread {
            let end = try self.readUntilHeadEnd()
            let head = String(decoding: self.pending[..<end], as: UTF8.self)
            self.pending.removeFirst(end + 4)
            return head.components(separatedBy: "\r\n")[0]
        }
    }

    /// Reads one response whose body length is its `Content-Length` (0 when absent).
    func readResponse() async throws -> TestHTTPResponse {
        try await onOwnThread {
            let end = try self.readUntilHeadEnd()
            let head = String(decoding: self.pending[..<end], as: UTF8.self).lowercased()
            let lengthLine = head.components(separatedBy: "\r\n")
                .first { $0.hasPrefix("content-length:") }
            let length =
                lengthLine.flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) }
                ?? 0
            while self.pending.count < end + 4 + length {
                guard try self.receiveMore() else {
                    throw EndToEndError("the connection closed inside a response body")
                }
            }
            let bytes = Array(self.pending[..<(end + 4 + length)])
            self.pending.removeFirst(bytes.count)
            return try TestHTTPResponse(parsing: bytes)
        }
    }

    /// Reads until the server closes the connection and returns what arrived, after any bytes
    /// already buffered.
    func readToEnd() async throws -> [UInt8] {
        try await onOwnThread {
            while try self.receiveMore() {}
            defer { self.pending = [] }
            return self.pending
        }
    }

    /// Closes both directions at once, as a client that goes away mid-call does.
    func hangUp() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private func readUntilHeadEnd() throws -> Int {
        let marker: [UInt8] = [13, 10, 13, 10]
        while true {
            if pending.count >= 4,
                let end = (0...(pending.count - 4)).first(where: {
                    pending[$0..<($0 + 4)].elementsEqual(marker)
                })
            {
                return end
            }
            guard try receiveMore() else {
                throw EndToEndError("the connection closed before a whole response head")
            }
        }
    }

    /// Reads what is available; false at the end of the stream, throws on timeout.
    private func receiveMore() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            pending += buffer[..<count]
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw EndToEndError("recv() failed: errno \(errno), after \(pending.count) bytes")
    }

    private func onOwnThread<Value: Sendable>(
        _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    private static func connect(_ socket: Int32, port: Int) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
}

/// One scrape of `/metrics`, parsed into series and values.
struct MetricsScrape: Sendable {
    /// The exposition as received.
    let text: String
    /// Each sample's value by its series exactly as written, such as
    /// `navixy_gateway_requests_total{route="/healthz",method="GET",status="200"}`.
    let values: [String: Double]

    /// Parses the text format, skipping comment lines.
    init(text: String) {
        self.text = text
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            values[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        self.values = values
    }

    /// Fetches `/metrics` from `gateway`.
    static func fetch(from gateway: RunningGateway) async throws -> MetricsScrape {
        let answer = try await gateway.send("GET", "/metrics", key: nil)
        guard answer.status == 200 else {
            throw EndToEndError("GET /metrics answered \(answer.status): \(answer.text)")
        }
        return MetricsScrape(text: answer.text)
    }

    /// Returns the value of series `name` with `labels` written in that order, or nil.
    subscript(name: String, labels: KeyValuePairs<String, String> = [:]) -> Double? {
        let rendered = labels.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        return values[labels.isEmpty ? name : "\(name){\(rendered)}"]
    }
}

/// Facts about a child process that the kernel keeps in `/proc`.
enum ProcessFacts {
    /// Returns the peak resident memory of process `pid` in bytes (`VmHWM`), or nil when
    /// `/proc` lacks it.
    static func peakResidentBytes(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}

extension RunningGateway {
    /// Returns the JSON lines of standard output whose `message` is `message`.
    func logLines(withMessage message: String) -> [TestJSON] {
        process.standardOutput.lines.compactMap { TestJSON(parsing: Array($0.utf8)) }
            .filter { $0["message"]?.stringValue == message }
    }
}
