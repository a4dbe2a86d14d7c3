/// The successful response of an endpoint: a status and an optional body.
struct Reply: Sendable {
    /// The HTTP status, 200, 201 or 204 (503 for a probe that is not ready).
    let status: Int
    /// The body, or nil for 204.
    let body: [UInt8]?
    /// The media type of `body`.
    var contentType = "application/json"

    /// A 204 response with no body.
    static let noContent = Reply(status: 204, body: nil)
}
