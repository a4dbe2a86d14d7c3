import CCurl
import GatewayCore

/// The result that a finished, failed or abandoned transfer hands to its caller.
typealias TransferResult = Result<UpstreamResponse, UpstreamError>

/// One request while libcurl runs it: its easy handle, what has arrived so far, and the
/// continuation of the caller waiting for it.
///
/// Only the loop thread touches a transfer. libcurl's callbacks find it through the
/// unretained pointer in `CURLOPT_WRITEDATA`, `CURLOPT_HEADERDATA` and `CURLOPT_PRIVATE`, so the
/// loop keeps it alive until the handle has left the multi handle.
final class Transfer {
    /// The caller's ticket, used to find the transfer when its task is cancelled.
    let id: UInt64

    /// The easy handle (`CURL *`), cleaned up with the transfer.
    let handle: UnsafeMutableRawPointer

    /// The request's timeout, counted from the start of the transfer.
    let timeout: Duration

    /// The instant at which the transfer fails with `timedOut`.
    let deadline: ContinuousClock.Instant

    /// The maximum decoded body size in bytes; see `UpstreamClientConfiguration`.
    let maxResponseBytes: Int

    /// The request headers handed to `CURLOPT_HTTPHEADER`, which must outlive the transfer.
    var headerList: UnsafeMutablePointer<curl_slist>?

    /// The buffer behind `CURLOPT_ERRORBUFFER`, `CURL_ERROR_SIZE` bytes.
    let errorBuffer: UnsafeMutablePointer<CChar>

    private let continuation: CheckedContinuation<TransferResult, Never>
    private var body: [UInt8] = []
    private var headers: [(name: String, value: String)] = []
    private var overLimit = false

    /// Creates a transfer on a new easy handle, or returns nil when libcurl has no memory left.
    init?(
        id: UInt64, timeout: Duration, maxResponseBytes: Int,
        continuation: CheckedContinuation<TransferResult, Never>
    ) {
        guard let handle = curl_easy_init() else { return nil }
        self.id = id
        self.timeout = timeout
        deadline = .now + timeout
        self.handle = handle
        self.maxResponseBytes = maxResponseBytes
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        // The handle goes first: until curl_easy_cleanup returns, libcurl may still write to
        // the error buffer and read the header list.
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Resumes the caller with the outcome of libcurl's `code`.
    func finish(code: CURLcode) {
        guard code == CURLE_OK else {
            let message = String(cString: errorBuffer)
            fail(UpstreamError(transferCode: code, errorBuffer: message, overLimit: overLimit))
            return
        }
        var status = 0
        let infoCode = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard infoCode == CURLE_OK else {
            fail(UpstreamError(setupCode: infoCode, call: "curl_easy_getinfo(RESPONSE_CODE)"))
            return
        }
        let response = UpstreamResponse(status: status, headers: headers, body: body)
        continuation.resume(returning: .success(response))
    }

    /// Resumes the caller with `error`.
    func fail(_ error: UpstreamError) {
        continuation.resume(returning: .failure(error))
    }

    /// Appends decoded body bytes, or rejects them once the body would pass its maximum.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= maxResponseBytes else {
            overLimit = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Records one header line. A status line starts a new response, so the header fields of
    /// an interim `1xx` response do not mix with the final ones.
    fileprivate func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
            // An obsolete folded line continues the previous field's value.
            headers[headers.count - 1].value += " " + line.trimmingWhitespace()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingWhitespace()
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        headers.append((name: name, value: value))
    }

    /// The `CURLOPT_WRITEFUNCTION` of every transfer; returning less than it got aborts.
    static let writeCallback: curl_write_callback = { data, size, count, userData in
        let transfer = Unmanaged<Transfer>.fromOpaque(userData!).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    /// The `CURLOPT_HEADERFUNCTION` of every transfer, called once per header line.
    static let headerCallback: curl_write_callback = { data, size, count, userData in
        let transfer = Unmanaged<Transfer>.fromOpaque(userData!).takeUnretainedValue()
        let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
        transfer.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
        return size * count
    }
}
