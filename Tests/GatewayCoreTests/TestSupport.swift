import GatewayCore

/// Parses JSON text the way the gateway parses request bodies, so that tests see the same
/// Foundation types (`NSNumber` for booleans, `NSNull`) as production code.
func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONBody.parseObject(Array(text.utf8))
}

/// Runs `work` and returns the `GatewayError` it throws, or nil when it returns.
func thrownError<T>(_ work: () throws(GatewayError) -> T) -> GatewayError? {
    do {
        _ = try work()
        return nil
    } catch {
        return error
    }
}
