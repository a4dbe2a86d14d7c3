/// The `X-Request-Id` of a request: the caller's when it is acceptable, else a generated one.
public enum RequestID {
    /// Maximum ID length, in characters.
    public static let maxLength = 128

    /// Returns the caller's ID when it is 1 to 128 characters of `A-Z a-z 0-9 . _ : -`, else
    /// nil, so that a hostile ID cannot forge log lines or headers.
    public static func accept(_ header: String?) -> String? {
        guard let header, !header.isEmpty, header.utf8.count <= maxLength,
            header.utf8.allSatisfy(isAllowed)
        else { return nil }
        return header
    }

    /// Generates an ID of 32 lower-case hexadecimal characters from 128 random bits.
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 60, through: 0, by: -4) {
                bytes.append(digits[Int((word >> UInt64(shift)) & 0x0f)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
