import Foundation
import Glibc
import Synchronization

/// A raw-socket HTTP/1.1 server on 127.0.0.1 that scripts every reply, because the tests need
/// delays, silent closes and resets that no real server produces on demand.
final class FakeServer: Sendable {
    /// What the server does with one request.
    indirect enum Reply: Sendable {
        /// Writes these bytes, then keeps the connection open for the next request or closes it.
        case bytes([UInt8], thenClose: Bool = false)
        /// Waits, or until the client leaves, then replies.
        case delayed(Duration, Reply)
        /// Closes the connection without writing anything.
        case close
        /// Closes the connection with a TCP reset.
        case reset
        /// Writes nothing and keeps the connection open until the client leaves.
        case hang
    }

    /// One request as the server read it.
    struct Request: Sendable {
        var requestLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        /// Returns the value of the first header named `name`, compared case-insensitively.
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private struct Record {
        var acceptCount = 0
        var requests: [Request] = []
    }

    /// The TCP port the server listens on.
    let port: Int
    private let listener: Int32
    private let reply: @Sendable (Request) -> Reply
    private let record = Mutex(Record())
    private let stopped = Atomic<Bool>(false)

    /// Starts listening on an ephemeral port of 127.0.0.1 and serving with `reply`.
    init(reply: @escaping @Sendable (Request) -> Reply) throws {
        (listener, port) = try Socket.listenOnLoopback()
        self.reply = reply
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        stop()
    }

    /// The number of connections accepted so far.
    var acceptCount: Int { record.withLock { $0.acceptCount } }

    /// The requests read so far, in order of arrival.
    var requests: [Request] { record.withLock { $0.requests } }

    /// Makes the listener and every connection close within about 100 milliseconds.
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private var isStopped: Bool { stopped.load(ordering: .relaxed) }

    private func acceptLoop() {
        defer { close(listener) }
        while !isStopped {
            guard Socket.waitReadable(listener, milliseconds: 100) else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            record.withLock { $0.acceptCount += 1 }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        var reader = RequestReader(socket: connection)
        var keepOpen = true
        while keepOpen, !isStopped, let request = reader.next(until: { self.isStopped }) {
            record.withLock { $0.requests.append(request) }
            keepOpen = perform(reply(request), on: connection)
        }
        close(connection)
    }

    /// Carries out `reply`; returns whether the connection stays open.
    private func perform(_ reply: Reply, on connection: Int32) -> Bool {
        switch reply {
        case .bytes(let bytes, let thenClose):
            return Socket.writeAll(connection, bytes) && !thenClose
        case .delayed(let delay, let next):
            let clientLeft = waitForClientToLeave(connection, at: .now + delay)
            return clientLeft ? false : perform(next, on: connection)
        case .close:
            return false
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(
                connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            return false
        case .hang:
            _ = waitForClientToLeave(connection, at: .now + .seconds(60))
            return false
        }
    }

    /// Waits until `deadline`, the server's stop or the client's close; returns whether the
    /// client closed or the server stopped.
    private func waitForClientToLeave(_ connection: Int32, at deadline: ContinuousClock.Instant)
        -> Bool
    {
        while ContinuousClock.now < deadline {
            if isStopped {
                return true
            }
            if Socket.waitReadable(connection, milliseconds: 50) {
                var byte: UInt8 = 0
                if recv(connection, &byte, 1, Int32(MSG_PEEK)) <= 0 {
                    return true
                }
            }
        }
        return false
    }
}

extension FakeServer.Reply {
    /// Returns a complete HTTP/1.1 response with `Content-Length`.
    static func http(
        status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []
    ) -> Self {
        var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        return .bytes(Array(head.utf8) + body)
    }
}
