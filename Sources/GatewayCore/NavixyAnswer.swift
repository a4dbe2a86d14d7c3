import Foundation

/// Classification of Navixy's HTTP responses.
public enum NavixyAnswer {
    /// Navixy codes that mean the session hash is dead: 3 (wrong hash) and 4 (user or API key
    /// not found, or session ended).
    public static let sessionEndingCodes: Set<Int> = [3, 4]
    /// Navixy codes of server-side trouble that may pass: 1 (database error), 6 (unexpected
    /// error), 8 (queue service error) and 14 (database unavailable).
    public static let unavailableCodes: Set<Int> = [1, 6, 8, 14]
    /// The Navixy code of its rate limit: 15 (too many requests).
    public static let rateLimitCode = 15

    /// Classifies a response by its HTTP status and its body.
    ///
    /// Success needs a 2xx status and `"success": true`, a JSON boolean. Any status with a
    /// `status` object holding an integer `code`, and without `"success": true`, is a failure.
    /// Every other response, including a 2xx JSON object with neither, is `notNavixyJSON`.
    public static func classify(httpStatus: Int, body: [UInt8]) -> NavixyOutcome {
        if (200...299).contains(httpStatus) && isPlainSuccess(body) {
            return .success
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(body)) else {
            return .notNavixyJSON(httpStatus: httpStatus)
        }
        if answer.success == true {
            return (200...299).contains(httpStatus)
                ? .success : .notNavixyJSON(httpStatus: httpStatus)
        }
        guard let status = answer.status else {
            return .notNavixyJSON(httpStatus: httpStatus)
        }
        return .failure(status, httpStatus: httpStatus)
    }

    /// The success answer in the spellings Navixy and common encoders write.
    private static let plainSuccessBodies: [[UInt8]] = [
        Array(#"{"success":true}"#.utf8), Array(#"{"success": true}"#.utf8),
    ]

    /// Whether `body` is `{"success":true}` with nothing else but surrounding white space: the
    /// answer to nearly every call, recognized without a JSON decoder. Any other spelling
    /// takes the decoder's path, so this changes speed, never the result.
    static func isPlainSuccess(_ body: [UInt8]) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = body.firstIndex(where: { !isSpace($0) }) else { return false }
        let last = body.lastIndex(where: { !isSpace($0) })!
        let trimmed = body[first...last]
        return plainSuccessBodies.contains { trimmed.elementsEqual($0) }
    }

    /// The members of a response that matter, each nil when absent or of another type.
    private struct Answer: Decodable {
        let success: Bool?
        let status: NavixyStatus?

        enum CodingKeys: String, CodingKey {
            case success, status
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            success = try? container.decode(Bool.self, forKey: .success)
            status = try? container.decode(StatusMembers.self, forKey: .status).navixyStatus
        }
    }

    /// Navixy's `status` object. A missing or non-string description reads as empty, because
    /// the code alone decides what the gateway does.
    private struct StatusMembers: Decodable {
        let navixyStatus: NavixyStatus

        enum CodingKeys: String, CodingKey {
            case code, description
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let code = try container.decode(Int.self, forKey: .code)
            let description = (try? container.decode(String.self, forKey: .description)) ?? ""
            navixyStatus = NavixyStatus(code: code, description: description)
        }
    }
}
