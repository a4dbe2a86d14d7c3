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

    /// The raw request target, or nil when libmicrohttpd did not report one.
    let target: String?
    var phase = Phase.head
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    /// Whether body bytes went past the limit; later bytes are counted, not stored.
    var bodyOverLimit = false
    /// Body bytes dropped after the limit was passed.
    var discardedBytes = 0
    /// The connection this request arrived on; valid until the completion callback.
    var connection: OpaquePointer?
    /// The response stored by the handler task before it resumes the connection.
    let response = Mutex<HTTPResponse?>(nil)

    init(target: String?) {
        self.target = target
    }
}
