import GatewayConfig

/// One endpoint of the gateway, as matched from a request path.
///
/// The endpoint decides the scope a caller key needs and the methods allowed, which is all the
/// checks before the body need, so they can run before any body byte is read.
enum Endpoint: Sendable, Equatable, CaseIterable {
    case session
    case pushToken
    case health
    case readiness
    case metrics

    /// The scope a caller key needs, or nil for the probes that need no key.
    var requiredScope: Scope? {
        switch self {
        case .session: .sessions
        case .pushToken: .push
        case .health, .readiness, .metrics: nil
        }
    }

    /// The methods this endpoint accepts, as listed in an `Allow` header.
    var allowedMethods: [String] {
        switch self {
        case .session: ["GET", "PUT", "DELETE"]
        case .pushToken: ["PUT", "DELETE"]
        case .health, .readiness, .metrics: ["GET", "HEAD"]
        }
    }

    /// The route label used in access logs and metrics: a template, never a subject.
    var routeLabel: String {
        switch self {
        case .session: "/v1/subjects/{subject}/session"
        case .pushToken: "/v1/subjects/{subject}/push-token"
        case .health: "/healthz"
        case .readiness: "/readyz"
        case .metrics: "/metrics"
        }
    }
}
