import GatewayCore
import Testing

private func classify(_ httpStatus: Int, _ body: String) -> NavixyOutcome {
    NavixyAnswer.classify(httpStatus: httpStatus, body: Array(body.utf8))
}

private func failure(code: Int) -> String {
    #"{"success": false, "status": {"code": \#(code), "description": "error \#(code)"}}"#
}

@Test func navixySuccessNeedsTrueAnd2xx() {
    #expect(classify(200, #"{"success": true}"#) == .success)
    #expect(classify(204, #"{"success": true, "value": 1}"#) == .success)
    #expect(classify(200, #"{"success": 1}"#) == .notNavixyJSON(httpStatus: 200))
    #expect(classify(200, #"{"success": "true"}"#) == .notNavixyJSON(httpStatus: 200))
    #expect(classify(400, #"{"success": true}"#) == .notNavixyJSON(httpStatus: 400))
}

@Test func navixyFailureCarriesStatus() {
    let outcome = classify(400, failure(code: 7))
    let status = NavixyStatus(code: 7, description: "error 7")
    #expect(outcome == .failure(status, httpStatus: 400))
}

@Test func navixyFailureOn200IsFailure() {
    let status = NavixyStatus(code: 4, description: "error 4")
    #expect(classify(200, failure(code: 4)) == .failure(status, httpStatus: 200))
}

@Test func navixyStatusWithoutSuccessIsFailure() {
    let outcome = classify(500, #"{"status": {"code": 1}}"#)
    #expect(outcome == .failure(NavixyStatus(code: 1, description: ""), httpStatus: 500))
    let numericDescription = classify(400, #"{"status": {"code": 7, "description": 5}}"#)
    #expect(numericDescription == .failure(NavixyStatus(code: 7, description: ""), httpStatus: 400))
}

@Test(arguments: [
    "", "<html>502 Bad Gateway</html>", "[]", #""success""#, "{}", #"{"success": false}"#,
    #"{"status": {"code": "4"}}"#, #"{"status": {"code": 4.5}}"#, #"{"status": 4}"#,
    #"{"status": {"description": "x"}}"#, #"{"success": true"#,
])
func navixyOtherBodiesAreNotNavixyJSON(body: String) {
    #expect(classify(200, body) == .notNavixyJSON(httpStatus: 200))
    #expect(classify(502, body) == .notNavixyJSON(httpStatus: 502))
}

@Test func navixyCodes3And4EndSession() {
    #expect(classify(400, failure(code: 3)).endsSession)
    #expect(classify(400, failure(code: 4)).endsSession)
    #expect(!classify(400, failure(code: 7)).endsSession)
    #expect(!classify(200, #"{"success": true}"#).endsSession)
    #expect(!classify(404, "not found").endsSession)
}

/// Maps a response to the gateway's error, as the pipeline does after the retries.
private func mapped(_ httpStatus: Int, _ body: String) -> GatewayError? {
    GatewayError(outcome: classify(httpStatus, body))
}

@Test func navixySuccessMapsToNoError() {
    #expect(mapped(200, #"{"success": true}"#) == nil)
}

@Test(arguments: [
    (3, 400, GatewayError.Code.sessionEnded), (4, 400, .sessionEnded), (4, 500, .sessionEnded),
    (15, 429, .rateLimited), (15, 400, .rateLimited), (7, 429, .rateLimited),
    (1, 500, .upstreamUnavailable), (6, 500, .upstreamUnavailable), (8, 503, .upstreamUnavailable),
    (14, 503, .upstreamUnavailable), (8, 400, .upstreamUnavailable), (7, 502, .upstreamUnavailable),
    (7, 400, .upstreamRejected), (2, 403, .upstreamRejected), (5, 400, .upstreamRejected),
    (9, 412, .upstreamRejected), (11, 403, .upstreamRejected), (13, 403, .upstreamRejected),
    (204, 404, .upstreamRejected), (208, 400, .upstreamRejected), (7, 200, .upstreamRejected),
])
func navixyErrorJSONMapsToCode(navixyCode: Int, httpStatus: Int, expected: GatewayError.Code) throws
{
    let error = try #require(mapped(httpStatus, failure(code: navixyCode)))
    #expect(error.code == expected)
    #expect(error.upstream == NavixyStatus(code: navixyCode, description: "error \(navixyCode)"))
}

@Test(arguments: [
    (200, GatewayError.Code.badUpstreamResponse), (201, .badUpstreamResponse),
    (302, .badUpstreamResponse), (400, .badUpstreamResponse), (404, .badUpstreamResponse),
    (429, .rateLimited), (500, .upstreamUnavailable), (502, .upstreamUnavailable),
    (503, .upstreamUnavailable), (504, .upstreamUnavailable),
])
func navixyOtherResponsesMapToCode(httpStatus: Int, expected: GatewayError.Code) throws {
    let error = try #require(mapped(httpStatus, "<html>proxy page</html>"))
    #expect(error.code == expected)
    #expect(error.upstream == nil)
    #expect(error.message.contains("\(httpStatus)") || expected == .rateLimited)
}

@Test func navixyRateLimitKeepsRetryAfter() throws {
    let given = GatewayError(outcome: classify(429, failure(code: 15)), retryAfterSeconds: 7)
    #expect(given?.retryAfterSeconds == 7)
    let missing = GatewayError(outcome: classify(429, "slow down"))
    #expect(missing?.retryAfterSeconds == GatewayError.defaultRateLimitRetryAfterSeconds)
    let other = GatewayError(outcome: classify(400, failure(code: 7)), retryAfterSeconds: 7)
    #expect(other?.retryAfterSeconds == nil)
}

@Test func navixyStatusesFromStatusCode() {
    #expect(mapped(400, failure(code: 4))?.status == 409)
    #expect(mapped(400, failure(code: 15))?.status == 429)
    #expect(mapped(500, failure(code: 1))?.status == 503)
    #expect(mapped(400, failure(code: 7))?.status == 422)
    #expect(mapped(200, "ok")?.status == 502)
}

@Test(arguments: [
    #"{"success":true}"#, #" {"success": true} "#, "{\"success\":true}\n", #"{"success" : true}"#,
    #"{"success":true,"extra":1}"#,
])
func plainSuccessSpellingsAreSuccess(body: String) {
    #expect(NavixyAnswer.classify(httpStatus: 200, body: Array(body.utf8)) == .success)
}

@Test func plainSuccessWithServerErrorIsNotSuccess() {
    let outcome = NavixyAnswer.classify(httpStatus: 503, body: Array(#"{"success":true}"#.utf8))
    #expect(outcome == .notNavixyJSON(httpStatus: 503))
}
