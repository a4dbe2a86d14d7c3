extension GatewayError {
    /// Creates the error for a body that is not JSON or not a JSON object.
    public static func invalidJSON(
        _ message: String = "The request body must be a JSON object."
    ) -> GatewayError {
        GatewayError(.invalidJSON, message)
    }

    /// Creates the error for a path segment that is not a valid subject.
    public static func invalidSubject() -> GatewayError {
        GatewayError(
            .invalidSubject,
            "The subject must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ - after "
                + "percent-decoding.")
    }

    /// Creates the error for a body larger than `limitBytes`.
    public static func bodyTooLarge(limitBytes: Int) -> GatewayError {
        GatewayError(
            .bodyTooLarge, "The request body is larger than the limit of \(limitBytes) bytes.")
    }

    /// Creates the error for a body that is not `application/json` or has an unsupported
    /// content coding.
    public static func unsupportedMediaType(
        _ message: String =
            "The request body must be application/json, optionally with Content-Encoding gzip."
    ) -> GatewayError {
        GatewayError(.unsupportedMediaType, message)
    }

    /// Creates the error for a missing, malformed or unknown caller key.
    ///
    /// The message is the same for all three causes, so that the response does not reveal
    /// which one it was.
    public static func unauthorized() -> GatewayError {
        GatewayError(.unauthorized, "A valid caller key is required as a Bearer token.")
    }

    /// Creates the error for a caller key that lacks the scope a route needs.
    public static func forbidden(scope: String) -> GatewayError {
        GatewayError(.forbidden, "The caller key lacks the scope \"\(scope)\" for this route.")
    }

    /// Creates the error for a path that matches no endpoint.
    public static func notFound() -> GatewayError {
        GatewayError(.notFound, "No endpoint exists at this path.")
    }

    /// Creates the error for a method that the route does not serve, listing those it does.
    public static func methodNotAllowed(allowed: [String]) -> GatewayError {
        GatewayError(
            .methodNotAllowed,
            "This path allows only \(allowed.joined(separator: ", ")).",
            allowedMethods: allowed)
    }

    /// Creates the error for a subject without a stored session hash.
    public static func sessionNotFound() -> GatewayError {
        GatewayError(
            .sessionNotFound, "No session is stored for this subject. Store its hash first.")
    }

    /// Creates the error for a stored session that Navixy reported as ended.
    ///
    /// `upstream` is nil when the store had already marked the session as ended, so Navixy was
    /// not called.
    public static func sessionEnded(upstream: NavixyStatus? = nil) -> GatewayError {
        GatewayError(
            .sessionEnded,
            "The Navixy session of this subject has ended. Store a new hash to resume.",
            upstream: upstream)
    }

    /// Creates the error for a Navixy error that a retry cannot fix.
    public static func upstreamRejected(_ upstream: NavixyStatus) -> GatewayError {
        GatewayError(
            .upstreamRejected, "Navixy rejected the call with error \(upstream.code).",
            upstream: upstream)
    }

    /// Creates the error for a region whose concurrency limit stayed full past the short wait.
    public static func overloaded(retryAfterSeconds: Int) -> GatewayError {
        GatewayError(
            .overloaded, "Too many calls to this region are in flight. Retry later.",
            retryAfterSeconds: retryAfterSeconds)
    }

    /// Creates the error for a call that Navixy kept rate-limiting until the retries ran out.
    public static func rateLimited(
        upstream: NavixyStatus? = nil, retryAfterSeconds: Int
    ) -> GatewayError {
        GatewayError(
            .rateLimited, "Navixy limited the rate of calls. Retry later.", upstream: upstream,
            retryAfterSeconds: retryAfterSeconds)
    }

    /// Creates the error for a Navixy endpoint that stayed unreachable or failing until the
    /// retries ran out.
    public static func upstreamUnavailable(
        _ message: String = "Navixy is unavailable. Retry later.", upstream: NavixyStatus? = nil
    ) -> GatewayError {
        GatewayError(.upstreamUnavailable, message, upstream: upstream)
    }

    /// Creates the error for a region whose circuit breaker is open, with `Retry-After` set to
    /// `retryAfter` rounded up to whole seconds.
    public static func circuitOpen(retryAfter: Duration) -> GatewayError {
        GatewayError(
            .circuitOpen, "Calls to this region are paused after repeated failures. Retry later.",
            retryAfterSeconds: retryAfter.wholeSecondsRoundedUp)
    }

    /// Creates the error for a Navixy response that is not Navixy's JSON.
    public static func badUpstreamResponse(httpStatus: Int) -> GatewayError {
        GatewayError(
            .badUpstreamResponse,
            "Navixy responded with HTTP \(httpStatus) but without its JSON body.")
    }

    /// Creates the error for a request whose deadline passed before Navixy responded.
    public static func upstreamTimeout() -> GatewayError {
        GatewayError(.upstreamTimeout, "Navixy did not respond before the request's deadline.")
    }
}

extension Duration {
    /// The duration in whole seconds, rounded up, and never below zero.
    public var wholeSecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}
