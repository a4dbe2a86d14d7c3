import CZlib

/// Decodes one gzip member (RFC 1952) fed in pieces, and stops as soon as the decoded size
/// passes a limit.
///
/// Output is produced at most one byte past the limit, so a small compressed body that
/// expands to gigabytes (a gzip bomb) costs the limit in memory and little time. Not thread
/// safe: one request's worker thread owns it.
final class GzipDecoder {
    /// What the input fed so far amounts to.
    enum Status: Equatable {
        /// The member has not ended; more input is expected.
        case needsInput
        /// The member ended with a valid checksum and length.
        case finished
        /// The decoded size passed `maxOutputBytes`.
        case tooLarge
        /// The input is not gzip, fails its checksum, or has bytes after the member's end.
        case malformed
    }

    /// The decoded bytes so far, at most `maxOutputBytes`.
    private(set) var output: [UInt8] = []
    /// The state after the latest `decode(_:)`.
    private(set) var status = Status.needsInput
    private let maxOutputBytes: Int
    // zlib keeps a pointer back to its z_stream, so the stream must not move: it lives on the
    // heap, never in a Swift value.
    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch = [UInt8](repeating: 0, count: 16_384)

    /// Creates a decoder whose output may reach `maxOutputBytes`; nil when zlib cannot
    /// allocate its state.
    init?(maxOutputBytes: Int) {
        self.maxOutputBytes = maxOutputBytes
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflate_init_gzip(stream) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            return nil
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decodes `input` and returns the new status. Once the status is not `needsInput`,
    /// later input changes nothing, except that input after `finished` makes it `malformed`.
    @discardableResult
    func decode(_ input: UnsafeRawBufferPointer) -> Status {
        guard !input.isEmpty else { return status }
        switch status {
        case .needsInput:
            break
        case .finished:
            status = .malformed
            return status
        case .tooLarge, .malformed:
            return status
        }
        let base = UnsafeMutablePointer(
            mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.next_in = base
        stream.pointee.avail_in = uInt(input.count)
        status = inflateAvailableInput()
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        return status
    }

    /// Runs `inflate` until the input is used up, the member ends, or the limit is passed.
    private func inflateAvailableInput() -> Status {
        while true {
            // One byte past the limit is enough to know that the limit was passed.
            let room = min(scratch.count, maxOutputBytes - output.count + 1)
            let (result, produced) = scratch.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(room)
                let result = inflate(stream, Z_NO_FLUSH)
                return (result, room - Int(stream.pointee.avail_out))
            }
            if output.count + produced > maxOutputBytes {
                return .tooLarge
            }
            output.append(contentsOf: scratch[..<produced])
            switch result {
            case Z_STREAM_END:
                return stream.pointee.avail_in == 0 ? .finished : .malformed
            case Z_OK:
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                    return .needsInput
                }
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                return .needsInput
            default:
                return .malformed
            }
        }
    }
}
