import HTTPFront

/// Builders for the JSON responses of both APIs: Navixy's envelope under `/v2/` and the plain
/// objects of the control API under `/_sim/`.
enum JSONResponse {
    /// Builds a Navixy success: HTTP 200 and `{"success": true}` followed by the action's fields.
    static func navixySuccess(_ fields: [(name: String, value: JSONValue)] = []) -> HTTPResponse {
        let body = JSONValue.encodedObject([("success", .bool(true))] + fields)
        return HTTPResponse(status: 200, headers: jsonHeaders, body: body)
    }

    /// Builds a Navixy failure: `{"success": false, "status": {"code", "description"}}` with the HTTP
    /// status Navixy sends for the code, unless `httpStatus` replaces it.
    static func navixyFailure(_ status: NavixyStatus, httpStatus: Int? = nil) -> HTTPResponse {
        let body = JSONValue.encodedObject([
            ("success", .bool(false)),
            (
                "status",
                .object(["code": .integer(status.code), "description": .string(status.description)])
            ),
        ])
        return HTTPResponse(
            status: httpStatus ?? status.httpStatus, headers: jsonHeaders, body: body)
    }

    /// Builds a control API response carrying `value`.
    static func control(status: Int = 200, _ value: JSONValue) -> HTTPResponse {
        json(status: status, value)
    }

    /// Builds a control API failure: `{"error": message}`.
    static func controlError(status: Int, _ message: String) -> HTTPResponse {
        json(status: status, .object(["error": .string(message)]))
    }

    /// A control API success without a body.
    static let noContent = HTTPResponse(status: 204)

    /// Builds a response whose body is `value` as JSON.
    static func json(status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: jsonHeaders, body: value.encoded)
    }

    private static let jsonHeaders = HTTPHeaders([
        (name: "Content-Type", value: "application/json; charset=utf-8")
    ])
}
