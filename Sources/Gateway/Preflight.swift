import GatewayCore
import HTTPFront

/// The checks that need only the request head, in the order callers rely on: the key (401,
/// then 403), the route (404, 405), the subject (400), then the declared body size (413) and
/// the media type and content coding (415).
///
/// They run once on a libmicrohttpd worker thread before any body byte is read, so that a
/// refused call never uploads its body, and again in the task that answers the call. Both runs
/// give the same result because they read the same head.
struct Preflight: Sendable {
    /// The caller, or nil for the probes and when authentication is off.
    let caller: AuthenticatedCaller?
    /// The endpoint and the raw subject segment.
    let route: RouteMatch
    /// The decoded subject, for the subject endpoints.
    let subject: Subject?

    /// Runs the head checks, throwing the first failure. `maxBodyBytes` is compared with a
    /// declared `Content-Length`, so that an oversized body gets 413 before its media type is
    /// judged.
    static func check(
        _ head: HTTPRequestHead, authenticator: CallerAuthenticator, maxBodyBytes: Int
    ) throws(GatewayError) -> Preflight {
        let route = RouteMatch.match(path: head.path)
        let caller = try authenticate(head, route: route, authenticator: authenticator)
        if let caller, let scope = route?.endpoint.requiredScope, !caller.scopes.contains(scope) {
            throw GatewayError.forbidden(scope: scope.rawValue)
        }
        guard let route else { throw GatewayError.notFound() }
        guard route.endpoint.allowedMethods.contains(head.method) else {
            throw GatewayError.methodNotAllowed(allowed: route.endpoint.allowedMethods)
        }
        let subject = try route.subjectSegment.map { segment throws(GatewayError) in
            guard let subject = Subject(percentEncoded: segment) else {
                throw GatewayError.invalidSubject()
            }
            return subject
        }
        if head.method == "PUT" {
            try checkDeclaredLength(head.headers, maxBodyBytes: maxBodyBytes)
            try checkMediaType(head.headers)
        }
        return Preflight(caller: caller, route: route, subject: subject)
    }

    /// Rejects a `Content-Length` above the limit. The front rejects a malformed one itself.
    private static func checkDeclaredLength(_ headers: HTTPHeaders, maxBodyBytes: Int)
        throws(GatewayError)
    {
        guard let declared = headers["Content-Length"].flatMap({ Int($0.trimmingSpacesAndTabs()) }),
            declared > maxBodyBytes
        else { return }
        throw GatewayError.bodyTooLarge(limitBytes: maxBodyBytes)
    }

    private static func authenticate(
        _ head: HTTPRequestHead, route: RouteMatch?, authenticator: CallerAuthenticator
    ) throws(GatewayError) -> AuthenticatedCaller? {
        if route?.isProbe == true || !authenticator.isEnabled { return nil }
        // Two Authorization fields are ambiguous, and taking either could let a proxy and the
        // gateway disagree on who calls, so they get the same 401 as a wrong key.
        let fields = head.headers.values(for: "Authorization")
        guard fields.count == 1, let caller = authenticator.authenticate(authorization: fields[0])
        else { throw GatewayError.unauthorized() }
        return caller
    }

    /// Accepts `application/json` with any parameters (`charset=utf-8`), sent as is or with
    /// one gzip coding.
    private static func checkMediaType(_ headers: HTTPHeaders) throws(GatewayError) {
        let contentType = headers["Content-Type"] ?? ""
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        guard mediaType.trimmingSpacesAndTabs().lowercased() == "application/json" else {
            throw GatewayError.unsupportedMediaType(
                "The body must be JSON sent with Content-Type: application/json.")
        }
        let codings = headers.values(for: "Content-Encoding")
        let coding = (codings.first ?? "identity").trimmingSpacesAndTabs()
        // The front decodes exactly the codings `ContentCoding.isGzip` names, so only those and
        // `identity` pass.
        guard codings.count <= 1, coding.lowercased() == "identity" || ContentCoding.isGzip(coding)
        else {
            throw GatewayError.unsupportedMediaType(
                "Content-Encoding \(coding.prefix(40)) is not supported; send the body as is "
                    + "or with Content-Encoding: gzip.")
        }
    }
}
