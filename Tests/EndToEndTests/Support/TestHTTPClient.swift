/// A minimal HTTP/1.1 client for tests, over real sockets to 127.0.0.1.
///
/// Each request opens its own connection with `Connection: close` and reads the response until
/// the server closes it. It sends only the header fields given here (plus `Host`,
/// `Content-Length` and `Connection` when the caller leaves them out), never asks for
/// compression, and never follows a redirect.
struct TestHTTPClient: Sendable {
    /// The server's port on 127.0.0.1.
    let port: Int
    /// The maximum time for a whole exchange, from connecting to reading the last byte.
    var timeout: Duration = .seconds(10)

    /// Sends one request and returns the parsed response.
    func send(
        _ method: String, _ target: String, headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) async throws -> TestHTTPResponse {
        let request = requestBytes(method, target, headers: headers, body: body)
        let answer = try await LoopbackConnection.exchange(
            port: port, bytes: request, timeout: timeout)
        return try TestHTTPResponse(parsing: answer)
    }

    /// Sends `json` as an `application/json` body.
    func send(
        _ method: String, _ target: String, json: String,
        headers: [(name: String, value: String)] = []
    ) async throws -> TestHTTPResponse {
        try await send(
            method, target, headers: [("Content-Type", "application/json")] + headers,
            body: Array(json.utf8))
    }

    /// Sends `form`, already encoded, as an `application/x-www-form-urlencoded` body.
    func send(
        _ method: String, _ target: String, form: String,
        headers: [(name: String, value: String)] = []
    ) async throws -> TestHTTPResponse {
        try await send(
            method, target,
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Array(form.utf8))
    }

    /// Sends raw bytes on a new connection and returns everything received before the server
    /// closed it, for malformed requests and dropped connections. With `finishSending`, the
    /// sending side is closed after `bytes`.
    func sendRaw(_ bytes: [UInt8], finishSending: Bool = false) async throws -> [UInt8] {
        try await LoopbackConnection.exchange(
            port: port, bytes: bytes, finishSending: finishSending, timeout: timeout)
    }

    /// Builds the bytes of a request, adding `Host`, `Content-Length` and `Connection: close` unless
    /// `headers` already has them.
    func requestBytes(
        _ method: String, _ target: String, headers: [(name: String, value: String)],
        body: [UInt8]
    ) -> [UInt8] {
        let providedNames = Set(headers.map { $0.name.lowercased() })
        var fields = headers
        if !providedNames.contains("host") { fields.insert(("Host", "127.0.0.1:\(port)"), at: 0) }
        if !providedNames.contains("content-length") && !providedNames.contains("transfer-encoding")
            && (!body.isEmpty || ["POST", "PUT", "PATCH"].contains(method))
        {
            fields.append(("Content-Length", String(body.count)))
        }
        if !providedNames.contains("connection") { fields.append(("Connection", "close")) }
        var head = "\(method) \(target) HTTP/1.1\r\n"
        for field in fields { head += "\(field.name): \(field.value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
