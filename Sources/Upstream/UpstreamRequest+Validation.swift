extension UpstreamRequest {
    /// Throws `invalidRequest` for what libcurl would not catch or would misread: a NUL that
    /// cuts the URL short, CR or LF that would inject header lines, and a timeout that is not
    /// positive, which libcurl would read as "no timeout".
    func validate() throws(UpstreamError) {
        guard !url.utf8.contains(0) else {
            throw UpstreamError(kind: .invalidRequest, detail: "URL contains a NUL byte")
        }
        guard timeout > .zero else {
            throw UpstreamError(kind: .invalidRequest, detail: "timeout must be positive")
        }
        for header in headers {
            guard Self.isValidHeaderName(header.name) else {
                throw UpstreamError(
                    kind: .invalidRequest, detail: "invalid header name \"\(header.name)\"")
            }
            guard !header.value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else {
                throw UpstreamError(
                    kind: .invalidRequest,
                    detail: "value of header \(header.name) contains CR, LF or NUL")
            }
        }
    }

    /// Returns whether `name` is a non-empty RFC 9110 token: visible ASCII without separators.
    private static func isValidHeaderName(_ name: String) -> Bool {
        let separators = Set("\"(),/:;<=>?@[\\]{}".utf8)
        return !name.isEmpty
            && name.utf8.allSatisfy { $0 > 32 && $0 < 127 && !separators.contains($0) }
    }
}
