import CMicroHTTPD
import Synchronization

/// The state of one request, from its request line to its completion callback.
///
/// libmicrohttpd stores it in the request's context pointer (`con_cls`) as a retained
/// reference, which the completion callback releases.
///
/// Thread safety: every field but `response` is touched only by the worker thread that owns
/// the connection, because libmicrohttpd calls a connection's callbacks on that thread, one
/// at a time, resumed connections included. `response` crosses from the handler task to that
/// thread, so a mutex guards it.
final class RequestContext: @unchecked Sendable {
    /// Where the request stands in the access handler's calls.
    enum Phase {
        /// The headers are in and the handler has not seen them yet.
        case head
        /// The body is arriving.
        case body
        /// A task is computing the response, or has stored it in `response`.
        case responding
    }

    /// The reason a body is rejected once it has been read to its end.
    enum BodyRejection {
        /// The body, as sent or after gzip decoding, passed the limit.
        case tooLarge
        /// The body is sent with `Content-Encoding: gzip` but is not valid gzip.
        case undecodable
    }

    /// The raw request target, or nil when libmicrohttpd did not report one.
    let target: String?
    /// The connection's timing state, which the header and body timeouts watch.
    let watched: WatchedConnection?
    var phase = Phase.head
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    /// The decoder of a body sent with `Content-Encoding: gzip`; its output replaces `body`.
    var decoder: GzipDecoder?
    /// Body bytes as sent, before any decoding.
    var receivedBytes = 0
    /// Set once the body is known to be rejected; later bytes are counted, not stored.
    var bodyRejection: BodyRejection?
    /// Body bytes dropped after the body was rejected.
    var discardedBytes = 0
    /// The connection this request arrived on; valid until the completion callback.
    var connection: OpaquePointer?
    /// The response stored by the handler task before it resumes the connection.
    let response = Mutex<HTTPResponse?>(nil)

    init(target: String?, watched: WatchedConnection?) {
        self.target = target
        self.watched = watched
    }
}
