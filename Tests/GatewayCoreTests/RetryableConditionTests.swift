import GatewayCore
import Testing

private func navixyFailure(_ code: Int, httpStatus: Int = 400) -> RetryableCondition {
    .response(.failure(NavixyStatus(code: code, description: "error"), httpStatus: httpStatus))
}

@Test func transportFailuresAreRetryable() {
    #expect(RetryableCondition.connectFailed.isRetryable)
    #expect(RetryableCondition.connectionReset.isRetryable)
    #expect(RetryableCondition.attemptTimedOut.isRetryable)
    #expect(!RetryableCondition.tlsFailed.isRetryable)
}

@Test(arguments: [1, 6, 8, 14, 15])
func navixyServerCodesAreRetryable(code: Int) {
    #expect(navixyFailure(code).isRetryable)
}

@Test(arguments: [2, 3, 4, 5, 7, 9, 11, 12, 13, 201, 204, 208])
func navixyClientCodesAreNotRetryable(code: Int) {
    #expect(!navixyFailure(code).isRetryable)
}

@Test func sessionEndingCodesStayFinalOn5xx() {
    #expect(!navixyFailure(3, httpStatus: 500).isRetryable)
    #expect(!navixyFailure(4, httpStatus: 503).isRetryable)
}

@Test(arguments: [429, 500, 502, 503, 504])
func busyOrFailingStatusesAreRetryable(httpStatus: Int) {
    #expect(RetryableCondition.response(.notNavixyJSON(httpStatus: httpStatus)).isRetryable)
}

@Test(arguments: [200, 301, 400, 404])
func otherNonJSONStatusesAreNotRetryable(httpStatus: Int) {
    #expect(!RetryableCondition.response(.notNavixyJSON(httpStatus: httpStatus)).isRetryable)
}

@Test func successIsNoCondition() {
    #expect(RetryableCondition(outcome: .success) == nil)
    #expect(!RetryableCondition.response(.success).isRetryable)
    let outcome = NavixyOutcome.notNavixyJSON(httpStatus: 502)
    #expect(RetryableCondition(outcome: outcome) == .response(outcome))
}

@Test func lastFailureMapsToCallerError() {
    #expect(GatewayError(lastFailure: .connectFailed).code == .upstreamUnavailable)
    #expect(GatewayError(lastFailure: .connectionReset).code == .upstreamUnavailable)
    #expect(GatewayError(lastFailure: .attemptTimedOut).code == .upstreamUnavailable)
    #expect(GatewayError(lastFailure: .tlsFailed).code == .upstreamUnavailable)
    #expect(GatewayError(lastFailure: .connectFailed).upstream == nil)

    let limited = GatewayError(
        lastFailure: navixyFailure(15, httpStatus: 429), retryAfterSeconds: 4)
    #expect(limited.code == .rateLimited)
    #expect(limited.retryAfterSeconds == 4)
    #expect(limited.upstream?.code == 15)
    #expect(GatewayError(lastFailure: navixyFailure(4)).code == .sessionEnded)
    #expect(GatewayError(lastFailure: .response(.success)).code == .upstreamUnavailable)
}

@Test func lastFailurePassesRetryAfterOnUnavailable() {
    let unavailable = GatewayError(
        lastFailure: navixyFailure(8, httpStatus: 503), retryAfterSeconds: 30)
    #expect(unavailable.code == .upstreamUnavailable)
    #expect(unavailable.retryAfterSeconds == 30)
    #expect(unavailable.upstream?.code == 8)
    #expect(GatewayError(lastFailure: navixyFailure(8, httpStatus: 503)).retryAfterSeconds == nil)

    let rejected = GatewayError(lastFailure: navixyFailure(7), retryAfterSeconds: 30)
    #expect(rejected.code == .upstreamRejected)
    #expect(rejected.retryAfterSeconds == nil)
}

@Test(arguments: [
    (RetryableCondition?.none, CircuitBreaker.CallResult.succeeded),
    (.connectFailed, .failed),
    (.connectionReset, .failed),
    (.attemptTimedOut, .failed),
    (.tlsFailed, .failed),
    (navixyFailure(8, httpStatus: 503), .failed),
    (navixyFailure(1, httpStatus: 500), .failed),
    (navixyFailure(6, httpStatus: 500), .failed),
    (navixyFailure(14, httpStatus: 503), .failed),
    (.response(.notNavixyJSON(httpStatus: 502)), .failed),
    (navixyFailure(15, httpStatus: 429), .inconclusive),
    (.response(.notNavixyJSON(httpStatus: 429)), .inconclusive),
    (.response(.notNavixyJSON(httpStatus: 200)), .inconclusive),
    (navixyFailure(3), .succeeded),
    (navixyFailure(4), .succeeded),
    (navixyFailure(7), .succeeded),
    (navixyFailure(204, httpStatus: 404), .succeeded),
])
func circuitCallResultOfLastFailure(
    condition: RetryableCondition?, expected: CircuitBreaker.CallResult
) {
    #expect(CircuitBreaker.CallResult(lastFailure: condition) == expected)
}
