import Testing

@testable import Gateway

@Suite struct RouteMatchTests {
    @Test func subjectRoutesKeepTheRawSegment() {
        #expect(
            RouteMatch.match(path: "/v1/subjects/u%2D42/session")
                == RouteMatch(endpoint: .session, subjectSegment: "u%2D42"))
        #expect(
            RouteMatch.match(path: "/v1/subjects/u-42/push-token")
                == RouteMatch(endpoint: .pushToken, subjectSegment: "u-42"))
        #expect(
            RouteMatch.match(path: "/v1/subjects//session")
                == RouteMatch(endpoint: .session, subjectSegment: ""))
    }

    @Test func probes() {
        #expect(RouteMatch.match(path: "/healthz")?.endpoint == .health)
        #expect(RouteMatch.match(path: "/readyz")?.endpoint == .readiness)
        #expect(RouteMatch.match(path: "/metrics")?.endpoint == .metrics)
        #expect(RouteMatch.match(path: "/metrics")?.isProbe == true)
    }

    @Test func unknownPaths() {
        for path in [
            "/", "", "/v1", "/v1/subjects/u-1", "/v1/subjects/u-1/session/",
            "/v2/subjects/u-1/session",
            "/v1/subjects/u-1/push_token", "/v1/subjects/a/b/session", "/healthz/",
            "//v1/subjects/u/session",
        ] {
            #expect(RouteMatch.match(path: path) == nil, "\(path)")
        }
    }
}
