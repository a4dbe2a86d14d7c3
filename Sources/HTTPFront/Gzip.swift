import CZlib

/// gzip (RFC 1952) for whole bodies held in memory, on zlib.
public enum Gzip {
    /// Returns `bytes` as one gzip member, compressed at zlib's `level` (0 to 9, default 6).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard czlib_deflate_init_gzip(stream, level) == Z_OK else {
            // zlib fails here only when it cannot allocate its state.
            fatalError("deflateInit2 failed: out of memory")
        }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))))
        let written = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                // deflateBound leaves room for the whole output, so one call finishes.
                let result = deflate(stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
                return buffer.count - Int(stream.pointee.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// Decodes one gzip member, or returns nil when `bytes` are not one valid member or
    /// decode to more than `maxBytes`.
    public static func decompress(_ bytes: [UInt8], maxBytes: Int = 16 << 20) -> [UInt8]? {
        guard let decoder = GzipDecoder(maxOutputBytes: maxBytes) else { return nil }
        let status = bytes.withUnsafeBytes { decoder.decode($0) }
        return status == .finished ? decoder.output : nil
    }
}
