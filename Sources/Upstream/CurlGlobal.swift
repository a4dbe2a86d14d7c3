import CCurl

/// The process-wide set-up of libcurl, which must happen once before any other libcurl call.
enum CurlGlobal {
    // Swift runs the initializer of a static let once, under swift_once, also when clients
    // start on several threads at the same time.
    private static let initCode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Initializes libcurl on the first call; throws `other` when that failed.
    static func initialize() throws(UpstreamError) {
        guard initCode == CURLE_OK else {
            throw UpstreamError(setupCode: initCode, call: "curl_global_init")
        }
    }
}
