/// The reason that an upstream call, or the start of a client, failed.
///
/// `detail` comes from libcurl's error buffer, or from this module when libcurl was not
/// involved. Neither source ever copies the request body into it.
public struct UpstreamError: Error, CustomStringConvertible, Sendable {
    /// The failure classes that callers decide on, for example whether to retry.
    public enum Kind: Sendable {
        /// The host name did not resolve, or no connection could be opened.
        case connectFailed
        /// The attempt's deadline, or the connect timeout, passed.
        case timedOut
        /// The connection failed while sending or receiving.
        case connectionReset
        /// The server closed the connection without sending any response.
        case emptyReply
        /// The TLS handshake or the verification of the server's certificate failed.
        case tlsFailed
        /// The decoded response body grew past the configured maximum.
        case responseTooLarge
        /// The request cannot be sent: a bad URL or scheme, a bad header, a bad timeout.
        case invalidRequest
        /// A configuration value is out of its range.
        case invalidConfiguration
        /// The task that awaited the call was cancelled.
        case cancelled
        /// The client was shut down before the call finished.
        case shutDown
        /// Any other failure, identified by `curlCode` and `detail`.
        case other
    }

    /// The failure class.
    public var kind: Kind

    /// The libcurl code (`CURLcode`, or `CURLMcode` for multi-handle calls), 0 when the
    /// failure did not come from libcurl.
    public var curlCode: Int

    /// A human-readable explanation, never containing the request body.
    public var detail: String

    /// Creates an error from its parts.
    public init(kind: Kind, curlCode: Int = 0, detail: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.detail = detail
    }

    public var description: String {
        if curlCode == 0 {
            return "upstream call failed (\(kind)): \(detail)"
        }
        return "upstream call failed (\(kind), curl code \(curlCode)): \(detail)"
    }
}
