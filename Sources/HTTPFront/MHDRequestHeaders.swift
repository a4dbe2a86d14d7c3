import CMicroHTTPD

/// Reads a request's header fields out of libmicrohttpd.
enum MHDRequestHeaders {
    /// Returns the header fields of the request on `connection`, in arrival order.
    ///
    /// Names and values are decoded as UTF-8, with invalid bytes replaced by U+FFFD.
    static func read(from connection: OpaquePointer) -> HTTPHeaders {
        var fields: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &fields) { pointer in
            _ = MHD_get_connection_values_n(connection, cmhd_header_kind, collector, pointer)
        }
        return HTTPHeaders(fields)
    }

    private static let collector: MHD_KeyValueIteratorN = {
        cls, kind, name, nameSize, value, valueSize in
        collect(
            cls: cls, kind: kind, name: name, nameSize: nameSize, value: value,
            valueSize: valueSize)
    }

    /// Appends one field to the array that `cls` points to.
    private static func collect(
        cls: UnsafeMutableRawPointer?,
        kind: MHD_ValueKind,
        name: UnsafePointer<CChar>?,
        nameSize: Int,
        value: UnsafePointer<CChar>?,
        valueSize: Int
    ) -> MHD_Result {
        guard let cls else { return cmhd_no }
        let fields = cls.assumingMemoryBound(to: [(name: String, value: String)].self)
        fields.pointee.append((name: text(name, nameSize), value: text(value, valueSize)))
        return cmhd_yes
    }

    private static func text(_ bytes: UnsafePointer<CChar>?, _ count: Int) -> String {
        guard let bytes, count > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
