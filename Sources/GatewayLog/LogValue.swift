/// A value attached to a log record under a dotted key such as `request.id`.
///
/// Only strings, integers, floating-point numbers and booleans exist, so a record is always one
/// flat JSON object. Secret types print `<redacted>` when turned into strings.
public enum LogValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
}

extension LogValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringInterpolation
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension LogValue {
    /// Appends the value as JSON to `output`.
    func appendJSON(to output: inout String) {
        switch self {
        case .string(let text): JSONText.appendQuoted(text, to: &output)
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? String(number) : "null"
        case .bool(let flag): output += flag ? "true" : "false"
        }
    }
}
