import GatewayConfig
import Testing

@testable import Gateway

@Suite struct CallerAuthenticatorTests {
    private let authenticator = CallerAuthenticator(callers: [
        CallerConfiguration(name: "mobile", key: "mobile-key-0123456789", scopes: [.push]),
        CallerConfiguration(name: "identity", key: "identity-key-012345", scopes: [.sessions]),
    ])

    @Test func matchingKeyNamesItsCaller() {
        let caller = authenticator.authenticate(authorization: "Bearer identity-key-012345")
        #expect(caller?.name == "identity")
        #expect(caller?.scopes == [.sessions])
    }

    @Test func schemeIsCaseInsensitive() {
        #expect(authenticator.authenticate(authorization: "BEARER mobile-key-0123456789") != nil)
    }

    @Test func wrongOrMalformedKeysAreRejected() {
        for header in [
            "", "Bearer", "Bearer ", "Bearer mobile-key-012345678", "Bearer mobile-key-01234567890",
            "Basic mobile-key-0123456789", "mobile-key-0123456789", "Bearermobile-key-0123456789",
        ] {
            #expect(authenticator.authenticate(authorization: header) == nil, "\(header)")
        }
        #expect(authenticator.authenticate(authorization: nil) == nil)
    }

    @Test func constantTimeEquality() {
        let key = Array("abc".utf8)
        #expect(CallerAuthenticator.constantTimeEquals(key, Array("abc".utf8)))
        #expect(!CallerAuthenticator.constantTimeEquals(key, Array("abd".utf8)))
        #expect(!CallerAuthenticator.constantTimeEquals(key, Array("ab".utf8)))
        #expect(!CallerAuthenticator.constantTimeEquals(key, Array("abcd".utf8)))
        #expect(!CallerAuthenticator.constantTimeEquals([], Array("a".utf8)))
    }

    @Test func noCallersMeansDisabled() {
        #expect(!CallerAuthenticator(callers: []).isEnabled)
        #expect(authenticator.isEnabled)
    }
}
