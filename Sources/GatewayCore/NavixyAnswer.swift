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
