/// A Navixy error status: the numeric code and description that a failed call returns in
/// `{"success": false, "status": {"code": N, "description": "…"}}`.
struct NavixyStatus: Error, Sendable, Equatable {
    /// Navixy's error code, such as 3 for a wrong hash or 7 for invalid parameters.
    let code: Int
    /// Human-readable text. It never contains a hash or a token, because callers log it.
    let description: String

    /// Creates a status with the description that Navixy uses for `code`, plus an optional
    /// detail that names the rule that failed.
    init(code: Int, detail: String? = nil) {
        let meaning = Self.meanings[code] ?? "Error"
        self.code = code
        self.description = detail.map { "\(meaning): \($0)" } ?? meaning
    }

    /// Creates a status with a description given as is, for faults set up by a test.
    init(code: Int, description: String) {
        self.code = code
        self.description = description
    }

    /// The HTTP status that Navixy sends with this code: 400 unless the code has its own.
    var httpStatus: Int { Self.httpStatuses[code] ?? 400 }

    /// Code 3: the hash is missing or is not 32 hexadecimal characters.
    static func wrongHash(_ detail: String) -> NavixyStatus {
        NavixyStatus(code: 3, detail: detail)
    }

    /// Code 4: no active session has this hash.
    static let sessionNotFound = NavixyStatus(code: 4)

    /// Code 5: the request cannot be read, such as a body that is not the JSON it claims to be.
    static func wrongFormat(_ detail: String) -> NavixyStatus {
        NavixyStatus(code: 5, detail: detail)
    }

    /// Code 7: a parameter is missing or invalid.
    static func invalidParameters(_ detail: String) -> NavixyStatus {
        NavixyStatus(code: 7, detail: detail)
    }

    /// Code 9: the body is larger than the server accepts.
    static let requestTooLarge = NavixyStatus(code: 9)

    /// The general error codes of the Navixy user API and their meanings.
    private static let meanings: [Int: String] = [
        1: "Database error",
        2: "Service authentication error",
        3: "Wrong hash",
        4: "User or API key not found, or session ended",
        5: "Wrong request format",
        6: "Unexpected error",
        7: "Invalid parameters",
        8: "Queue service error, try again later",
        9: "Request too large",
        11: "Access denied",
        12: "Dealer not found",
        13: "Operation not permitted",
        14: "Database unavailable",
        15: "Too many requests (rate limit exceeded)",
        201: "Not found in the database",
        204: "Entity not found",
        208: "Device blocked",
    ]

    /// The codes that Navixy sends with an HTTP status other than 400.
    private static let httpStatuses: [Int: Int] = [
        1: 500, 2: 403, 6: 500, 8: 503, 9: 412, 11: 403, 13: 403, 14: 503, 15: 429, 204: 404,
    ]
}
