import GatewayConfig

/// A calling service whose bearer key matched a configured caller.
struct AuthenticatedCaller: Sendable {
    /// The caller's name from the configuration, safe to log.
    let name: String
    /// The scopes that the caller's key grants.
    let scopes: Set<Scope>
}

/// Checks `Authorization: Bearer KEY` against the configured caller keys in constant time.
///
/// Every configured key is compared in full on every request, whatever matched, so the time
/// taken reveals nothing about which key or how much of it was right.
struct CallerAuthenticator: Sendable {
    private let callers: [(name: String, key: [UInt8], scopes: Set<Scope>)]

    /// Creates an authenticator for `callers`; with none, authentication is off.
    init(callers: [CallerConfiguration]) {
        self.callers = callers.map { ($0.name, Array($0.key.utf8), $0.scopes) }
    }

    /// Whether any caller is configured, so that keys are required.
    var isEnabled: Bool { !callers.isEmpty }

    /// Returns the caller whose key the `Authorization` header carries, or nil when the header
    /// is missing, malformed or carries no configured key.
    func authenticate(authorization: String?) -> AuthenticatedCaller? {
        guard let authorization, let presented = Self.bearerToken(in: authorization) else {
            return nil
        }
        var match: AuthenticatedCaller?
        for caller in callers where Self.constantTimeEquals(caller.key, presented) {
            match = AuthenticatedCaller(name: caller.name, scopes: caller.scopes)
        }
        return match
    }

    /// Returns the token of a `Bearer` credential (RFC 6750, section 2.1), scheme in any case.
    static func bearerToken(in header: String) -> [UInt8]? {
        let bytes = Array(header.utf8)
        let scheme = Array("bearer ".utf8)
        guard bytes.count > scheme.count,
            zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
        else { return nil }
        let token = bytes[scheme.count...].drop { $0 == UInt8(ascii: " ") }
        return token.isEmpty ? nil : Array(token)
    }

    /// Compares two byte strings, taking time that depends only on their lengths.
    static func constantTimeEquals(_ expected: [UInt8], _ presented: [UInt8]) -> Bool {
        var difference = UInt8(expected.count == presented.count ? 0 : 1)
        for index in 0..<max(expected.count, 1) {
            let left = index < expected.count ? expected[index] : 0
            let right = index < presented.count ? presented[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}
