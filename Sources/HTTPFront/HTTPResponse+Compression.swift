/// gzip compression of response bodies.
extension HTTPResponse {
    /// Compresses the body with gzip when it has at least `minBytes` bytes, no content coding
    /// yet, and `head`'s `Accept-Encoding` allows gzip. A body that large gets
    /// `Vary: Accept-Encoding` either way, because caches must not hand a compressed copy to a
    /// client that did not ask for one.
    mutating func compress(for head: HTTPRequestHead, minBytes: Int) {
        guard !body.isEmpty, body.count >= minBytes, headers["Content-Encoding"] == nil,
            !dropsConnection
        else { return }
        headers.add(name: "Vary", value: "Accept-Encoding")
        guard ContentCoding.acceptsGzip(head.headers.values(for: "Accept-Encoding")) else {
            return
        }
        let compressed = Gzip.compress(body)
        guard compressed.count < body.count else { return }
        body = compressed
        headers.add(name: "Content-Encoding", value: "gzip")
    }
}
