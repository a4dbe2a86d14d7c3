/// A request path matched to an endpoint, with the subject segment still percent-encoded.
///
/// The subject is validated later than the route, because the order of checks puts the key,
/// the route and the method before anything about the call itself.
struct RouteMatch: Sendable, Equatable {
    /// The endpoint the path names.
    let endpoint: Endpoint
    /// The raw `{subject}` path segment, for the subject endpoints.
    let subjectSegment: String?

    /// Matches a percent-encoded path such as `/v1/subjects/u-42/push-token`, or returns nil
    /// for a path the gateway does not serve.
    static func match(path: String) -> RouteMatch? {
        switch path {
        case "/healthz": return RouteMatch(endpoint: .health, subjectSegment: nil)
        case "/readyz": return RouteMatch(endpoint: .readiness, subjectSegment: nil)
        case "/metrics": return RouteMatch(endpoint: .metrics, subjectSegment: nil)
        default: break
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "v1", parts[2] == "subjects" else {
            return nil
        }
        let segment = String(parts[3])
        switch parts[4] {
        case "session": return RouteMatch(endpoint: .session, subjectSegment: segment)
        case "push-token": return RouteMatch(endpoint: .pushToken, subjectSegment: segment)
        default: return nil
        }
    }

    /// Whether the path is one of the probes that need no caller key.
    var isProbe: Bool { endpoint.requiredScope == nil }
}
