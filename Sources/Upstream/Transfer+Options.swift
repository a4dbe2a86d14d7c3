import CCurl

extension Transfer {
    /// Sets every easy option of `request` on the handle, so that it is ready to join the
    /// multi handle.
    func configure(
        for request: UpstreamRequest, configuration: UpstreamClientConfiguration
    ) throws(UpstreamError) {
        try setTarget(request)
        try setBody(request.body)
        try setHeaders(request.headers)
        try setTimeouts(request.timeout, connectTimeout: configuration.connectTimeout)
        try setTrust(caFile: request.caFile, systemCAPath: configuration.systemCAPath)
        try setCallbacks()
    }

    private func setTarget(_ request: UpstreamRequest) throws(UpstreamError) {
        try set(CURLOPT_URL, request.url)
        // Navixy URLs are http or https; a redirect is an upstream fault, never followed.
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 0)
        // SIGALRM and SIGPIPE could reach any thread of the process. Debian's libcurl resolves
        // names on a thread of its own, so name resolution still times out without them.
        try set(CURLOPT_NOSIGNAL, 1)
        // An empty proxy makes libcurl ignore http_proxy, https_proxy and all_proxy from the
        // environment, so that every call goes to the host in its URL.
        try set(CURLOPT_PROXY, "")
        try set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        // libcurl sends "Accept-Encoding: gzip" and decodes gzip bodies, also unrequested ones.
        try set(CURLOPT_ACCEPT_ENCODING, "gzip")
    }

    private func setBody(_ body: [UInt8]) throws(UpstreamError) {
        try set(CURLOPT_POST, 1)
        // The size goes first, so that libcurl copies exactly that many bytes, NUL included.
        try check(
            ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
            "CURLOPT_POSTFIELDSIZE_LARGE")
        // A null pointer would make libcurl read the body from standard input, so an empty
        // body is passed as an empty C string.
        let code = body.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return ccurl_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            }
            return ccurl_easy_setopt_pointer(
                handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
        }
        try check(code, "CURLOPT_COPYPOSTFIELDS")
    }

    private func setHeaders(_ headers: [(name: String, value: String)]) throws(UpstreamError) {
        var lines = headers.map { "\($0.name): \($0.value)" }
        let names = Set(headers.map { $0.name.lowercased() })
        if !names.contains("accept") {
            lines.append("Accept: application/json")
        }
        if !names.contains("content-type") {
            lines.append("Content-Type: application/json")
        }
        // An empty Expect stops libcurl from waiting for "100 Continue" before large bodies.
        lines.append("Expect:")
        for line in lines {
            guard let list = curl_slist_append(headerList, line) else {
                throw UpstreamError(kind: .other, detail: "curl_slist_append failed: no memory")
            }
            headerList = list
        }
        try set(CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))
    }

    private func setTimeouts(_ timeout: Duration, connectTimeout: Duration) throws(UpstreamError) {
        try set(CURLOPT_TIMEOUT_MS, timeout.roundedUpMilliseconds)
        try set(CURLOPT_CONNECTTIMEOUT_MS, min(timeout, connectTimeout).roundedUpMilliseconds)
    }

    private func setTrust(caFile: String?, systemCAPath: String) throws(UpstreamError) {
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        // With OpenSSL, libcurl 7.88 loads CURLOPT_CAINFO and CURLOPT_CAPATH into one store, so
        // a private CA bundle adds to the system's CAs instead of replacing them. While CAPATH
        // is set, libcurl caches no store across connections, so each new connection trusts
        // exactly its own request's caFile. Without one, libcurl keeps its built-in bundle
        // (/etc/ssl/certs/ca-certificates.crt in Debian's build).
        if let caFile {
            try set(CURLOPT_CAINFO, caFile)
        }
        try set(CURLOPT_CAPATH, systemCAPath)
    }

    private func setCallbacks() throws(UpstreamError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(
            ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, Self.writeCallback),
            "CURLOPT_WRITEFUNCTION")
        try check(
            ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, Self.headerCallback),
            "CURLOPT_HEADERFUNCTION")
        try set(CURLOPT_WRITEDATA, me)
        try set(CURLOPT_HEADERDATA, me)
        try set(CURLOPT_PRIVATE, me)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(UpstreamError) {
        try check(ccurl_easy_setopt_long(handle, option, value), option)
    }

    private func set(_ option: CURLoption, _ value: String) throws(UpstreamError) {
        try check(ccurl_easy_setopt_string(handle, option, value), option)
    }

    private func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) throws(UpstreamError)
    {
        try check(ccurl_easy_setopt_pointer(handle, option, value), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(UpstreamError) {
        guard code != CURLE_OK else { return }
        let name = curl_easy_option_by_id(option).map {
            "CURLOPT_" + String(cString: $0.pointee.name)
        }
        try check(code, name ?? "option \(option.rawValue)")
    }

    private func check(_ code: CURLcode, _ name: String) throws(UpstreamError) {
        guard code == CURLE_OK else {
            throw UpstreamError(setupCode: code, call: "curl_easy_setopt(\(name))")
        }
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up so that a positive duration never
    /// becomes 0, which libcurl reads as "no timeout".
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        let (total, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : Int(total + milliseconds)
    }
}
