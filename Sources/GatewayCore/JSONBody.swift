import Foundation

/// Decoding of request bodies, which must be JSON objects.
public enum JSONBody {
    /// Parses a body into the object that `JSONSerialization` returns, or throws
    /// `invalid_json` when the body is empty, is not JSON, or is JSON but not an object.
    ///
    /// Members keep `JSONSerialization`'s types: `String`, `NSNumber` (booleans too), `NSNull`,
    /// `[Any]` and `[String: Any]`. A member that appears twice keeps its last value.
    public static func parseObject(_ bytes: [UInt8]) throws(GatewayError) -> [String: Any] {
        guard !bytes.isEmpty else {
            throw .invalidJSON("The request body is empty. It must be a JSON object.")
        }
        guard !hasTrailingComma(bytes),
            let value = try? JSONSerialization.jsonObject(
                with: Data(bytes), options: .fragmentsAllowed)
        else {
            throw .invalidJSON("The request body is not valid JSON. It must be a JSON object.")
        }
        guard let object = value as? [String: Any] else {
            throw .invalidJSON()
        }
        return object
    }

    /// Returns whether a `,` outside strings is followed, after white space, by `]` or `}`.
    ///
    /// RFC 8259 has no trailing commas, but `JSONSerialization` in swift-corelibs-foundation
    /// (Swift 6.3) accepts them. The other syntax errors that the tests try are rejected by the
    /// parser itself.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var isInString = false
        var isEscaped = false
        var isAfterComma = false
        for byte in bytes {
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                } else if byte == UInt8(ascii: "\"") {
                    isInString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if isAfterComma { return true }
            case UInt8(ascii: "\""):
                isInString = true
            default:
                break
            }
            isAfterComma = byte == UInt8(ascii: ",")
        }
        return false
    }

    /// Returns the string member `key`, or throws `code` when it is absent, `null` or not a
    /// string. The message calls the member `name`, or `key` when nil, and `requirement`
    /// completes its "must be …".
    static func requiredString(
        _ key: String, in object: [String: Any], name: String? = nil, code: GatewayError.Code,
        requirement: String
    ) throws(GatewayError) -> String {
        let name = name ?? key
        switch object[key] {
        case .none, is NSNull:
            throw GatewayError(code, "\"\(name)\" is missing. It must be \(requirement).")
        case let text as String:
            return text
        default:
            throw GatewayError(code, "\"\(name)\" must be \(requirement).")
        }
    }
}
