import Foundation

/// A JSON value that can cross actor boundaries, for parameters as they arrived and for responses.
///
/// Parsing goes through `JSONDecoder`, so `true` stays a Boolean and `1` stays a number, and
/// nesting deeper than the decoder's limit is an error rather than a stack overflow.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `bytes` as one JSON text, or returns nil when they are not JSON.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// The UTF-8 text of this value, with keys sorted so that responses are stable.
    var encoded: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(self))) ?? Array("null".utf8)
    }

    /// Encodes an object whose members keep the order given, for responses whose readers
    /// expect a field such as `success` first.
    static func encodedObject(_ members: [(name: String, value: JSONValue)]) -> [UInt8] {
        let parts = members.map { member in
            JSONValue.string(member.name).encoded + Array(":".utf8) + member.value.encoded
        }
        return Array("{".utf8) + Array(parts.joined(separator: Array(",".utf8))) + Array("}".utf8)
    }

    /// The string, when this value is one.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The members, when this value is an object.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

extension JSONValue: Codable {
    init(from decoder: any Decoder) throws {
        if var container = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !container.isAtEnd {
                elements.append(try container.decode(JSONValue.self))
            }
            self = .array(elements)
        } else if let container = try? decoder.container(keyedBy: MemberKey.self) {
            var members: [String: JSONValue] = [:]
            for key in container.allKeys {
                members[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
            self = .object(members)
        } else {
            self = try Self.decodeScalar(try decoder.singleValueContainer())
        }
    }

    private static func decodeScalar(_ container: any SingleValueDecodingContainer) throws
        -> JSONValue
    {
        if container.decodeNil() { return .null }
        if let value = try? container.decode(Bool.self) { return .bool(value) }
        if let value = try? container.decode(Int.self) { return .integer(value) }
        if let value = try? container.decode(Double.self) { return .number(value) }
        return .string(try container.decode(String.self))
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for (key, value) in members { try container.encode(value, forKey: MemberKey(key)) }
        default:
            try encodeScalar(into: encoder.singleValueContainer())
        }
    }

    private func encodeScalar(into container: any SingleValueEncodingContainer) throws {
        var container = container
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        // JSON has no NaN or infinity, and the decoder never produces them.
        case .number(let value): try container.encode(value.isFinite ? value : 0)
        case .string(let value): try container.encode(value)
        case .array, .object: break
        }
    }

    /// A coding key made from any member name.
    private struct MemberKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
