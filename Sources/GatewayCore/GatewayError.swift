/// An error that the gateway returns to its caller, with the HTTP status that its code implies.
///
/// Messages are plain sentences for the caller. They never quote a session hash, a push token
/// or Web Push keys, so they may be logged as they are.
public struct GatewayError: Error, Hashable, Sendable {
    /// The stable error codes of the API, as written in the `code` member of an error response.
    public enum Code: String, CaseIterable, Hashable, Sendable {
        case invalidJSON = "invalid_json"
        case invalidSubject = "invalid_subject"
        case invalidHash = "invalid_hash"
        case unknownRegion = "unknown_region"
        case unknownApplication = "unknown_application"
        case invalidToken = "invalid_token"
        case invalidKeys = "invalid_keys"
        case invalidCategories = "invalid_categories"
        case bodyTooLarge = "body_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case unauthorized
        case forbidden
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case sessionNotFound = "session_not_found"
        case sessionEnded = "session_ended"
        case upstreamRejected = "upstream_rejected"
        case overloaded
        case rateLimited = "rate_limited"
        case upstreamUnavailable = "upstream_unavailable"
        case circuitOpen = "circuit_open"
        case badUpstreamResponse = "bad_upstream_response"
        case upstreamTimeout = "upstream_timeout"
        /// The session store did not answer; the contract leaves this case to the gateway.
        case storeUnavailable = "store_unavailable"
        /// The request is not well-formed HTTP: a malformed field name, or an ambiguous length.
        case malformedRequest = "malformed_request"
        /// The request line alone passes the header size limit.
        case uriTooLong = "uri_too_long"
        /// The request line and header fields together pass the header size limit.
        case headersTooLarge = "headers_too_large"
        /// The body uses a transfer coding other than chunked.
        case unsupportedTransferCoding = "unsupported_transfer_coding"

        /// The HTTP status of a response with this code.
        public var status: Int {
            switch self {
            case .invalidJSON, .invalidSubject, .invalidHash, .unknownRegion, .unknownApplication,
                .invalidToken, .invalidKeys, .invalidCategories, .malformedRequest:
                return 400
            case .uriTooLong: return 414
            case .headersTooLarge: return 431
            case .unsupportedTransferCoding: return 501
            case .unauthorized: return 401
            case .forbidden: return 403
            case .notFound, .sessionNotFound: return 404
            case .methodNotAllowed: return 405
            case .sessionEnded: return 409
            case .bodyTooLarge: return 413
            case .unsupportedMediaType: return 415
            case .upstreamRejected: return 422
            case .rateLimited: return 429
            case .badUpstreamResponse: return 502
            case .overloaded, .upstreamUnavailable, .circuitOpen, .storeUnavailable: return 503
            case .upstreamTimeout: return 504
            }
        }
    }

    /// The error code, which determines the HTTP status.
    public let code: Code
    /// A sentence for the caller that says what failed and what to do.
    public let message: String
    /// Navixy's status, set exactly when Navixy responded with its error JSON.
    public let upstream: NavixyStatus?
    /// The delay for the `Retry-After` header, in whole seconds, or nil for none.
    public let retryAfterSeconds: Int?
    /// The methods for the `Allow` header of a 405 response, or nil for none.
    public let allowedMethods: [String]?

    /// The HTTP status of the response.
    public var status: Int { code.status }

    /// Creates an error. Prefer the static constructors, which word the common cases.
    public init(
        _ code: Code, _ message: String, upstream: NavixyStatus? = nil,
        retryAfterSeconds: Int? = nil, allowedMethods: [String]? = nil
    ) {
        self.code = code
        self.message = message
        self.upstream = upstream
        self.retryAfterSeconds = retryAfterSeconds
        self.allowedMethods = allowedMethods
    }
}
