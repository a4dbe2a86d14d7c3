import Foundation

/// A parsed JSON value for assertions, such as `body?["status"]?["code"] == 3`.
///
/// Parsing uses `JSONDecoder`, which keeps `true` and `1` apart on every platform.
enum TestJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([TestJSON])
    case object([String: TestJSON])

    /// Parses `bytes`, or returns nil when they are not one JSON text.
    init?(parsing bytes: [UInt8]) {
        guard let value = try? JSONDecoder().decode(TestJSON.self, from: Data(bytes)) else {
            return nil
        }
        self = value
    }

    /// The member `key` of an object, or nil.
    subscript(key: String) -> TestJSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The element at `index` of an array, or nil.
    subscript(index: Int) -> TestJSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }

    /// The integer, when this value is one.
    var intValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The string, when this value is one.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, when this value is an array.
    var arrayValue: [TestJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The member names, when this value is an object.
    var keys: Set<String>? {
        if case .object(let members) = self { return Set(members.keys) }
        return nil
    }

    init(from decoder: any Decoder) throws {
        if var container = try? decoder.unkeyedContainer() {
            var elements: [TestJSON] = []
            while !container.isAtEnd { elements.append(try container.decode(TestJSON.self)) }
            self = .array(elements)
        } else if let container = try? decoder.container(keyedBy: MemberKey.self) {
            var members: [String: TestJSON] = [:]
            for key in container.allKeys {
                members[key.stringValue] = try container.decode(TestJSON.self, forKey: key)
            }
            self = .object(members)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    private struct MemberKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}

extension TestJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}
