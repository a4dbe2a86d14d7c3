/// Checks of a request head that libmicrohttpd 0.9.75 does not make.
extension HTTPRequestHead {
    /// Whether the method and every field name are tokens (RFC 9110 section 5.6.2).
    ///
    /// With `MHD_OPTION_STRICT_FOR_CLIENT` at 1, libmicrohttpd still accepts a field name with
    /// a space before the colon ("Content-Length : 5"); RFC 9112 section 5.1 requires a 400
    /// for it, because proxies may read such a field differently.
    var hasValidTokens: Bool {
        Self.isToken(method) && headers.allSatisfy { Self.isToken($0.name) }
    }

    /// Returns the status that rejects a head over `maxBytes`, or nil when it fits: 414 when
    /// the request line alone is too long, else 431 (RFC 9110 section 15.5.15, RFC 6585
    /// section 5).
    ///
    /// Sizes count the head as if sent with single spaces and CR LF line ends.
    func sizeRejectionStatus(maxBytes: Int) -> Int? {
        let requestLine = method.utf8.count + target.utf8.count + version.utf8.count + 4
        if requestLine > maxBytes {
            return 414
        }
        let fields = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        return requestLine + fields + 2 > maxBytes ? 431 : nil
    }

    /// The status that rejects the head's body framing, or nil when libmicrohttpd can read
    /// the body without ambiguity.
    ///
    /// libmicrohttpd 0.9.75 reads a body of any other transfer coding until the connection
    /// closes, and takes the first of several `Content-Length` fields. RFC 9112 section 6.1
    /// requires 501 for a transfer coding the server does not know. Both framings at once, or
    /// two lengths, are the ambiguity that request smuggling exploits, so they get 400.
    var framingRejectionStatus: Int? {
        let codings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")
        if (!codings.isEmpty && !lengths.isEmpty) || lengths.count > 1 {
            return 400
        }
        if !codings.isEmpty && (codings.count > 1 || codings[0].lowercased() != "chunked") {
            return 501
        }
        return nil
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenCharacter)
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
