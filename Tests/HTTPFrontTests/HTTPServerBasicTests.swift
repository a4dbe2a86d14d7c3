import Foundation
import HTTPFront
import Testing

@Suite struct HTTPServerBasicTests {
    private func startServer(
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in }
    ) throws -> HTTPServer {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        return try HTTPServer(configuration: configuration, handler: TestHandler())
    }

    @Test func echoesHeadAndBody() throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "POST /echo%2Fx?a=1&b HTTP/1.1\r\nHost: t\r\nX-One: 1\r\nContent-Length: 5\r\n\r\nhello"
        )
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello")
        #expect(response.header("X-Method") == "POST")
        #expect(response.header("X-Target") == "/echo%2Fx?a=1&b")
        #expect(response.header("X-Path") == "/echo%2Fx")
        #expect(response.header("X-Query") == "a=1&b")
        #expect(response.header("X-Version") == "HTTP/1.1")
        #expect(response.header("X-Header-Names") == "Host,X-One,Content-Length")
        #expect(response.header("Date") != nil)
    }
}
