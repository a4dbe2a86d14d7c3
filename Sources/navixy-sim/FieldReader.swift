/// Typed access to the fields of a control request, with errors that name the field.
struct FieldReader {
    /// The members of the request's JSON object.
    let fields: [String: JSONValue]

    /// Reads the integer in `name` (a JSON number without a fraction), or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(SimulatorError) -> Int? {
        switch fields[name] {
        case nil, .null?:
            return nil
        case .integer(let value)? where range.contains(value):
            return value
        default:
            throw .invalidRequest(
                "\"\(name)\" must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// Reads the string in `name`, or nil when absent.
    func string(_ name: String) throws(SimulatorError) -> String? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw .invalidRequest("\"\(name)\" must be a string")
        }
    }

    /// Reads the Boolean in `name`, or nil when absent.
    func bool(_ name: String) throws(SimulatorError) -> Bool? {
        switch fields[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw .invalidRequest("\"\(name)\" must be true or false")
        }
    }

    /// Reads a value for an HTTP header: a string or a non-negative integer, printable ASCII only, so
    /// that it cannot split the header block.
    func headerValue(_ name: String) throws(SimulatorError) -> String? {
        let text: String
        switch fields[name] {
        case nil, .null?: return nil
        case .integer(let value)? where value >= 0: text = String(value)
        case .string(let value)?: text = value
        default: throw .invalidRequest("\"\(name)\" must be a string or a number of seconds")
        }
        guard !text.isEmpty, text.utf8.count <= 1024,
            text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else {
            throw .invalidRequest("\"\(name)\" must be 1 to 1024 printable ASCII characters")
        }
        return text
    }
}
