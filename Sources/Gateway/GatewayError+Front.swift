import GatewayCore

extension GatewayError {
    /// Creates the error for a head that the HTTP front rejected with `status` before the
    /// pipeline saw it, so that these answers have the same JSON format as every other.
    static func rejectedByFront(status: Int) -> GatewayError {
        switch status {
        case 414:
            GatewayError(
                .uriTooLong, "The request line is longer than the header size limit allows.")
        case 431:
            GatewayError(
                .headersTooLarge,
                "The request line and header fields are larger than the limit allows.")
        case 501:
            GatewayError(
                .unsupportedTransferCoding,
                "Transfer-Encoding other than chunked is not supported.")
        default:
            GatewayError(
                .malformedRequest,
                "The request is malformed: check header names, and send either Content-Length "
                    + "or Transfer-Encoding, once.")
        }
    }
}
