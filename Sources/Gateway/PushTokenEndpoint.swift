import Foundation
import GatewayCore
import SessionStore

/// `PUT` and `DELETE /v1/subjects/{subject}/push-token`: Navixy's `push_token/bind` and
/// `push_token/delete` for the session stored for a subject.
struct PushTokenEndpoint: Sendable {
    let store: any SessionStore
    let forwarder: NavixyForwarder
    let knownCategories: [String]
    let storeFailure: StoreFailure
    let clock: @Sendable () -> Date

    /// Validates and normalizes the call, then binds the token upstream.
    func bind(_ subject: Subject, body: [UInt8], trace: CallTrace) async throws(GatewayError)
        -> Reply
    {
        let object = try JSONBody.parseObject(body)
        let call = try BindPushTokenCall.parse(object, knownCategories: knownCategories)
        let session = try await activeSession(of: subject, trace: trace)
        let upstreamBody = NavixyRequestBody.bind(hash: session.hash, call: call)
        try await forward(
            .bindPushToken, body: upstreamBody, session: session, trace: trace,
            secrets: [call.token.secretValue] + (call.keys.map { [$0.p256dh, $0.auth] } ?? []))
        let view = BindView(
            subject: subject, region: session.region, application: call.application,
            categoryFilter: call.categoryFilter)
        return Reply(status: 200, body: view.jsonBytes)
    }

    /// Deletes the token bound to the subject's session upstream.
    func delete(_ subject: Subject, trace: CallTrace) async throws(GatewayError) -> Reply {
        let session = try await activeSession(of: subject, trace: trace)
        let upstreamBody = NavixyRequestBody.delete(hash: session.hash)
        try await forward(
            .deletePushToken, body: upstreamBody, session: session, trace: trace, secrets: [])
        return .noContent
    }

    /// Loads the subject's session: 404 when none is stored, 409 at once when Navixy already
    /// reported that it ended, without calling Navixy again.
    private func activeSession(of subject: Subject, trace: CallTrace) async throws(GatewayError)
        -> StoredSession
    {
        let loaded = try await storeFailure.mapped(trace) { try await store.load(subject: subject) }
        guard let session = loaded else { throw GatewayError.sessionNotFound() }
        trace.region = session.region
        guard session.state == .active else { throw GatewayError.sessionEnded() }
        return session
    }

    /// Calls Navixy and, when Navixy reports that the session has ended, records that in the
    /// store.
    /// Navixy's error description may quote what it was sent, so the hash and `secrets` are
    /// masked in it before it reaches the caller or a log.
    private func forward(
        _ action: NavixyAction, body: [UInt8], session: StoredSession, trace: CallTrace,
        secrets: [String]
    ) async throws(GatewayError) {
        let masked = [session.hash.secretValue] + secrets
        let answer = try await forwarder.call(
            action, body: body, region: session.region, secrets: masked, trace: trace)
        let outcome = answer.redacting(masked)
        guard let failure = GatewayError(outcome: outcome) else { return }
        if outcome.endsSession {
            // A failure to record the end is logged; the caller still learns that it ended.
            _ = try? await storeFailure.mapped(trace) {
                try await store.markEnded(subject: session.subject, hash: session.hash, at: clock())
            }
        }
        throw failure
    }
}
