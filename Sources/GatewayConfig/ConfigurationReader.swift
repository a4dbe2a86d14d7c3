import Foundation

/// Walks the JSON tree of a configuration file and records every problem with its key path.
///
/// Each `read…` method returns the value it could build, or nil after recording why it could
/// not, so that one pass over the file finds every problem. The reader is used by one loader
/// call at a time.
final class ConfigurationReader {
    /// Problems that make the configuration unusable, in the order found.
    private(set) var problems: [ConfigurationProblem] = []

    /// Legal but risky settings, in the order found.
    private(set) var warnings: [ConfigurationProblem] = []

    /// Environment variables, for `key_env` and `NAVIXY_GATEWAY_LOG_LEVEL`.
    let environment: [String: String]

    /// Reads a whole file as UTF-8 text, for `key_file` and `ca_file`.
    let readFile: (String) throws -> String

    init(environment: [String: String], readFile: @escaping (String) throws -> String) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Records a problem that makes the configuration unusable.
    func report(_ keyPath: String, _ message: String) {
        problems.append(ConfigurationProblem(keyPath: keyPath, message: message))
    }

    /// Records a legal but risky setting.
    func warn(_ keyPath: String, _ message: String) {
        warnings.append(ConfigurationProblem(keyPath: keyPath, message: message))
    }

    /// Returns `value` as a JSON object, or nil after recording that it is not an object.
    func object(_ value: Any, at keyPath: String) -> [String: Any]? {
        guard let object = value as? [String: Any], JSONKind(of: value) == .object else {
            reportType(of: value, at: keyPath, expected: "an object")
            return nil
        }
        return object
    }

    /// Returns `value` as a JSON object, recording its unknown keys, or nil after recording
    /// that it is not an object.
    func object(_ value: Any, at keyPath: String, knownKeys: [String]) -> [String: Any]? {
        guard let object = object(value, at: keyPath) else { return nil }
        let expected = knownKeys.joined(separator: ", ")
        for key in object.keys.sorted() where !knownKeys.contains(key) {
            report(Self.join(keyPath, key), "unknown key; expected one of \(expected)")
        }
        return object
    }

    /// Returns `value` as a JSON array, or nil after recording that it is not one.
    func array(_ value: Any, at keyPath: String) -> [Any]? {
        guard let array = value as? [Any], JSONKind(of: value) == .array else {
            reportType(of: value, at: keyPath, expected: "a list")
            return nil
        }
        return array
    }

    /// Returns `value` as a string, or nil after recording that it is not one.
    func string(_ value: Any, at keyPath: String) -> String? {
        guard let string = value as? String, JSONKind(of: value) == .string else {
            reportType(of: value, at: keyPath, expected: "a string")
            return nil
        }
        return string
    }

    /// Returns `value` as an integer within `range`, or nil after recording why it is not.
    ///
    /// A JSON number with a zero fraction, such as `10.0` or `1e3`, counts as an integer.
    func integer(_ value: Any, at keyPath: String, range: ClosedRange<Int>) -> Int? {
        let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard let number = value as? NSNumber, JSONKind(of: value) == .number else {
            reportType(of: value, at: keyPath, expected: expected)
            return nil
        }
        guard let integer = Self.exactInteger(number), range.contains(integer) else {
            report(keyPath, "expected \(expected), got \(number.stringValue)")
            return nil
        }
        return integer
    }

    /// Reads the integer settings present in `object` into the matching fields of `root`.
    func readIntegers<Root>(
        _ object: [String: Any],
        at keyPath: String,
        settings: [IntegerSetting<Root>],
        into root: inout Root
    ) {
        for setting in settings {
            guard let value = object[setting.key] else { continue }
            let path = Self.join(keyPath, setting.key)
            if let integer = integer(value, at: path, range: setting.range) {
                root[keyPath: setting.field] = integer
            }
        }
    }

    /// Records that `value` has the wrong JSON type, naming the expected and the found type.
    func reportType(of value: Any, at keyPath: String, expected: String) {
        let found = JSONKind(of: value).nameWithArticle
        if keyPath.isEmpty {
            report("", "the configuration must be a JSON object, got \(found)")
        } else {
            report(keyPath, "expected \(expected), got \(found)")
        }
    }

    /// Appends `key` to a dotted key path.
    static func join(_ keyPath: String, _ key: String) -> String {
        keyPath.isEmpty ? key : "\(keyPath).\(key)"
    }

    /// Appends a list index to a key path, as in `callers[2]`.
    static func join(_ keyPath: String, index: Int) -> String {
        "\(keyPath)[\(index)]"
    }

    /// Quotes a string for a message, escaping quotes and control characters.
    static func quote(_ text: String) -> String {
        String(reflecting: text)
    }

    private static func exactInteger(_ number: NSNumber) -> Int? {
        if String(cString: number.objCType) == "d" || number is NSDecimalNumber {
            return Int(exactly: number.doubleValue)
        }
        return Int(exactly: number.int64Value)
    }
}

/// An integer key of a section, the field it sets and its valid range.
struct IntegerSetting<Root> {
    /// The JSON key, such as `max_body_bytes`.
    let key: String
    /// The field that the key sets.
    let field: WritableKeyPath<Root, Int>
    /// The valid values, bounds included.
    let range: ClosedRange<Int>

    init(_ key: String, _ field: WritableKeyPath<Root, Int>, _ range: ClosedRange<Int>) {
        self.key = key
        self.field = field
        self.range = range
    }
}
