import Foundation

/// The type of a value produced by `JSONSerialization`, for type checks and messages.
enum JSONKind: Equatable {
    case object, array, string, number, boolean, null

    /// Classifies a value from `JSONSerialization`, which returns JSON booleans as `NSNumber`
    /// values whose Objective-C type is `c`.
    init(of value: Any) {
        switch value {
        case is NSNull:
            self = .null
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .boolean : .number
        case is String:
            self = .string
        case is [Any]:
            self = .array
        default:
            self = .object
        }
    }

    /// The type's name for messages, such as `a string` or `an object`.
    var nameWithArticle: String {
        switch self {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "a string"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .null: return "null"
        }
    }
}
