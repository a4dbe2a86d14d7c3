import CCurl

extension UpstreamError {
    /// Creates the error of a transfer that libcurl finished with `code`.
    ///
    /// `overLimit` is true when the write callback stopped the transfer because the body
    /// passed the configured maximum, which libcurl reports as a plain `CURLE_WRITE_ERROR`.
    init(transferCode code: CURLcode, errorBuffer: String, overLimit: Bool) {
        let kind = Self.kind(of: code, overLimit: overLimit)
        var detail = errorBuffer.isEmpty ? String(cString: curl_easy_strerror(code)) : errorBuffer
        if kind == .responseTooLarge {
            detail = "response body larger than the configured maxResponseBytes"
        }
        self.init(kind: kind, curlCode: Int(code.rawValue), detail: detail)
    }

    /// Creates the error of a libcurl setup call, naming the call that failed.
    init(setupCode code: CURLcode, call: String) {
        let reason = String(cString: curl_easy_strerror(code))
        let kind: Kind = code == CURLE_UNSUPPORTED_PROTOCOL ? .invalidRequest : .other
        self.init(kind: kind, curlCode: Int(code.rawValue), detail: "\(call) failed: \(reason)")
    }

    /// Creates the error of a multi-handle call, naming the call that failed.
    init(multiCode code: CURLMcode, call: String) {
        let reason = String(cString: curl_multi_strerror(code))
        self.init(kind: .other, curlCode: Int(code.rawValue), detail: "\(call) failed: \(reason)")
    }

    /// Classifies a `CURLcode` of a finished transfer.
    static func kind(of code: CURLcode, overLimit: Bool) -> Kind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            return .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        // A body cut short and a reset HTTP/2 stream are the same event as a reset connection
        // for a caller: the request may or may not have reached the server.
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2_STREAM:
            return .connectionReset
        case CURLE_GOT_NOTHING:
            return .emptyReply
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED:
            return .tlsFailed
        case CURLE_WRITE_ERROR where overLimit, CURLE_FILESIZE_EXCEEDED:
            return .responseTooLarge
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidRequest
        default:
            return .other
        }
    }
}
