import Foundation
import GatewayCore
import Testing

@Test(arguments: [
    ("invalid_json", 400), ("invalid_subject", 400), ("invalid_hash", 400),
    ("unknown_region", 400), ("unknown_application", 400), ("invalid_token", 400),
    ("invalid_keys", 400), ("invalid_categories", 400), ("body_too_large", 413),
    ("unsupported_media_type", 415), ("unauthorized", 401), ("forbidden", 403),
    ("not_found", 404), ("method_not_allowed", 405), ("session_not_found", 404),
    ("session_ended", 409), ("upstream_rejected", 422), ("overloaded", 503),
    ("rate_limited", 429), ("upstream_unavailable", 503), ("circuit_open", 503),
    ("bad_upstream_response", 502), ("upstream_timeout", 504), ("store_unavailable", 503),
    ("malformed_request", 400), ("uri_too_long", 414), ("headers_too_large", 431),
    ("unsupported_transfer_coding", 501),
])
func errorCodeHasStatus(rawValue: String, status: Int) throws {
    let code = try #require(GatewayError.Code(rawValue: rawValue))
    #expect(code.status == status)
    #expect(GatewayError(code, "x").status == status)
}

@Test func errorCodesAreAllListed() {
    #expect(GatewayError.Code.allCases.count == 28)
}

/// Decodes a rendered body back into its `error` object.
private func decodedError(_ error: GatewayError, requestID: String = "req-1") throws
    -> [String: Any]
{
    let body = error.renderedBody(requestID: requestID)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    #expect(object.count == 1)
    return try #require(object["error"] as? [String: Any])
}

@Test func errorBodyWithoutUpstream() throws {
    let error = GatewayError.sessionNotFound()
    let rendered = String(decoding: error.renderedBody(requestID: "req-1"), as: UTF8.self)
    #expect(
        rendered == #"{"error":{"code":"session_not_found","message":""#
            + error.message + #"","request_id":"req-1"}}"#)
    #expect(try decodedError(error)["upstream"] == nil)
}

@Test func errorBodyWithUpstream() throws {
    let status = NavixyStatus(code: 4, description: "User or API key not found or session ended")
    let decoded = try decodedError(.sessionEnded(upstream: status), requestID: "abc")
    #expect(decoded["code"] as? String == "session_ended")
    #expect(decoded["request_id"] as? String == "abc")
    let upstream = try #require(decoded["upstream"] as? [String: Any])
    #expect(upstream["code"] as? Int == 4)
    #expect(upstream["description"] as? String == status.description)
    #expect(upstream.count == 2)
}

@Test func errorBodyEscapesText() throws {
    let message = "quote \" backslash \\ newline \n tab \t nul \u{0} é"
    let status = NavixyStatus(code: 7, description: "bad \"param\"\n")
    let error = GatewayError(.upstreamRejected, message, upstream: status)
    let decoded = try decodedError(error, requestID: "a.b:c_d-e")
    #expect(decoded["message"] as? String == message)
    #expect(decoded["request_id"] as? String == "a.b:c_d-e")
    #expect(
        (decoded["upstream"] as? [String: Any])?["description"] as? String == status.description)
}

@Test func unauthorizedBodyIsFixed() {
    let body = String(
        decoding: GatewayError.unauthorized().renderedBody(requestID: "r"), as: UTF8.self)
    #expect(
        body
            == #"{"error":{"code":"unauthorized","#
            + #""message":"A valid caller key is required as a Bearer token.","request_id":"r"}}"#)
}

@Test func errorHeadersFollowCode() {
    let unauthorized = GatewayError.unauthorized().headerFields
    #expect(unauthorized.map(\.name) == ["Content-Type", "WWW-Authenticate"])
    #expect(unauthorized.last?.value == "Bearer")

    let notAllowed = GatewayError.methodNotAllowed(allowed: ["GET", "PUT", "DELETE"])
    #expect(notAllowed.allowedMethods == ["GET", "PUT", "DELETE"])
    #expect(notAllowed.headerFields.last?.name == "Allow")
    #expect(notAllowed.headerFields.last?.value == "GET, PUT, DELETE")
    #expect(notAllowed.message.contains("GET, PUT, DELETE"))

    let overloaded = GatewayError.overloaded(retryAfterSeconds: 2).headerFields
    #expect(overloaded.last?.name == "Retry-After")
    #expect(overloaded.last?.value == "2")

    let plain = GatewayError.invalidJSON().headerFields
    #expect(plain.count == 1)
    #expect(plain.first?.name == "Content-Type")
    #expect(plain.first?.value == "application/json")
}

@Test func errorConstructorsPickCodes() {
    #expect(GatewayError.invalidJSON().code == .invalidJSON)
    #expect(GatewayError.invalidSubject().code == .invalidSubject)
    #expect(GatewayError.bodyTooLarge(limitBytes: 65536).code == .bodyTooLarge)
    #expect(GatewayError.bodyTooLarge(limitBytes: 65536).message.contains("65536 bytes"))
    #expect(GatewayError.unsupportedMediaType().code == .unsupportedMediaType)
    #expect(GatewayError.forbidden(scope: "push").code == .forbidden)
    #expect(GatewayError.forbidden(scope: "push").message.contains("\"push\""))
    #expect(GatewayError.notFound().code == .notFound)
    #expect(GatewayError.sessionEnded().upstream == nil)
    #expect(GatewayError.upstreamTimeout().code == .upstreamTimeout)
    #expect(GatewayError.badUpstreamResponse(httpStatus: 200).code == .badUpstreamResponse)
    #expect(GatewayError.rateLimited(retryAfterSeconds: 3).retryAfterSeconds == 3)
}

@Test func circuitOpenRoundsRetryAfterUp() {
    #expect(GatewayError.circuitOpen(retryAfter: .milliseconds(1)).retryAfterSeconds == 1)
    #expect(GatewayError.circuitOpen(retryAfter: .seconds(3)).retryAfterSeconds == 3)
    #expect(GatewayError.circuitOpen(retryAfter: .milliseconds(3001)).retryAfterSeconds == 4)
    #expect(GatewayError.circuitOpen(retryAfter: .zero).retryAfterSeconds == 0)
    #expect(GatewayError.circuitOpen(retryAfter: .seconds(-2)).retryAfterSeconds == 0)
}

@Test func navixyStatusCutsLongDescriptions() {
    let status = NavixyStatus(code: 7, description: String(repeating: "d", count: 10_000))
    #expect(status.description.count == NavixyStatus.maxDescriptionLength)
}

@Test func navixyStatusRedactsSecrets() {
    let hash = "22eac1c27af4be7b9d04da2ce1af111b"
    let status = NavixyStatus(
        code: 3, description: "Wrong hash \(hash.uppercased()), token tk1-long-token")
    let redacted = status.redacting([hash, "tk1-long-token", ""])
    #expect(redacted.description == "Wrong hash <redacted>, token <redacted>")
    #expect(redacted.code == 3)
}

@Test func navixyStatusKeepsTextForShortSecrets() {
    let status = NavixyStatus(code: 4, description: "User or API key not found")
    #expect(status.redacting(["t", "key", "1234567"]).description == "User or API key not found")
}
