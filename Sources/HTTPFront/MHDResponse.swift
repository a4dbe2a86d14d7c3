import CMicroHTTPD

/// Turns an `HTTPResponse` into a queued libmicrohttpd response.
enum MHDResponse {
    /// Queues `response` on `connection` and returns what the access handler returns.
    ///
    /// `dropConnection`, a status outside 100...999 and any libmicrohttpd failure return
    /// `MHD_NO`, which closes the connection without a response. Header fields that
    /// libmicrohttpd rejects (a name or value holding CR, LF, or a name with a space or tab)
    /// are left out.
    static func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        guard !response.dropsConnection, (100...999).contains(response.status) else {
            return cmhd_no
        }
        let created = response.body.withUnsafeBytes { bytes in
            cmhd_create_copied_response(bytes.baseAddress, bytes.count)
        }
        guard let created else { return cmhd_no }
        defer { MHD_destroy_response(created) }

        for field in response.headers {
            _ = MHD_add_response_header(created, field.name, field.value)
        }
        return MHD_queue_response(connection, UInt32(response.status), created)
    }
}
