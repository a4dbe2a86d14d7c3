import Foundation
import HTTPFront

/// A handler whose behavior the request path picks, so one server covers every case.
///
/// - `/echo`: 200 with the body sent and the parsed head in `X-` header fields.
/// - `/sleep?<ms>`: 200 after sleeping that many milliseconds.
/// - `/drop`: `dropConnection`.
/// - `/screened`: 403 from `screen`, before the body.
struct TestHandler: HTTPHandler {
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
        case "/sleep":
            let milliseconds = head.query.flatMap(Int.init) ?? 0
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return HTTPResponse(status: 200, body: Array("slept".utf8))
        default:
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/octet-stream")
            headers.add(name: "X-Method", value: head.method)
            headers.add(name: "X-Target", value: head.target)
            headers.add(name: "X-Path", value: head.path)
            headers.add(name: "X-Query", value: head.query ?? "(none)")
            headers.add(name: "X-Version", value: head.version)
            let names = head.headers.map(\.name).joined(separator: ",")
            headers.add(name: "X-Header-Names", value: names)
            return HTTPResponse(status: 200, headers: headers, body: request.body)
        }
    }
}
