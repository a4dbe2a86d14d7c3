import Foundation
import HTTPFront

/// A handler whose behavior the request path picks, so one server covers every case.
///
/// - `/echo` (and any other path): 200 with the body sent and the parsed head in `X-` fields.
/// - `/gate`: 200 once the test opens `gate`.
/// - `/sleep?<ms>`: 200 after sleeping that many milliseconds.
/// - `/drop`: `dropConnection`.
/// - `/screened`: 403 from `screen`, before the body.
/// - `/bad-header`: 200 with one valid and one CR LF-injecting header field.
struct TestHandler: HTTPHandler {
    let gate = Gate()

    func screen(_ head: HTTPRequestHead) -> HTTPResponse? {
        guard head.path == "/screened" else { return nil }
        return HTTPResponse(status: 403, body: Array("screened".utf8))
    }

    func bodyTooLarge(_ head: HTTPRequestHead) -> HTTPResponse {
        HTTPResponse(status: 413, body: Array("too large".utf8))
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let head = request.head
        switch head.path {
        case "/drop":
            return .dropConnection
        case "/gate":
            await gate.pass()
            return HTTPResponse(status: 200, body: Array("gate passed".utf8))
        case "/sleep":
            let milliseconds = head.query.flatMap(Int.init) ?? 0
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return HTTPResponse(status: 200, body: Array("slept".utf8))
        case "/bad-header":
            var headers = HTTPHeaders()
            headers.add(name: "X-Good", value: "yes")
            headers.add(name: "X-Injected", value: "a\r\nSet-Cookie: stolen=1")
            return HTTPResponse(status: 200, headers: headers)
        default:
            return echo(request)
        }
    }

    private func echo(_ request: HTTPRequest) -> HTTPResponse {
        let head = request.head
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/octet-stream")
        headers.add(name: "X-Method", value: head.method)
        headers.add(name: "X-Target", value: head.target)
        headers.add(name: "X-Path", value: head.path)
        headers.add(name: "X-Query", value: head.query ?? "(none)")
        headers.add(name: "X-Version", value: head.version)
        headers.add(name: "X-Header-Names", value: head.headers.map(\.name).joined(separator: ","))
        headers.add(name: "X-Tags", value: head.headers.values(for: "x-tag").joined(separator: ","))
        return HTTPResponse(status: 200, headers: headers, body: request.body)
    }
}

/// Holds `/gate` requests until the test opens it, so tests can order events without timing.
actor Gate {
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false
    /// Requests that reached the gate.
    private(set) var arrivals = 0
    /// Requests that went through the gate.
    private(set) var departures = 0

    func pass() async {
        arrivals += 1
        if !isOpen {
            await withCheckedContinuation { waiters.append($0) }
        }
        departures += 1
    }

    func open() {
        isOpen = true
        for waiter in waiters {
            waiter.resume()
        }
        waiters = []
    }
}

/// Starts a server for `handler` on 127.0.0.1 and a free port.
func startServer(
    handler: TestHandler = TestHandler(),
    _ configure: (inout HTTPServerConfiguration) -> Void = { _ in }
) throws -> HTTPServer {
    var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    configure(&configuration)
    return try HTTPServer(configuration: configuration, handler: handler)
}

/// Polls `condition` every 10 ms for at most `seconds`; returns whether it became true.
func eventually(within seconds: Double = 5, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
