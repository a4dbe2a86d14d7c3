import GatewayCore
import GatewayLog
import SessionStore

/// Turns a store failure into the gateway's error and logs the detail, which callers never
/// see.
struct StoreFailure: Sendable {
    let logger: Logger

    /// Runs `operation`, mapping any failure (a `StoreError`) to `503 store_unavailable`.
    func mapped<T: Sendable>(
        _ trace: CallTrace, _ operation: () async throws -> T
    ) async throws(GatewayError) -> T {
        do {
            return try await operation()
        } catch {
            logger.error(
                "session store failed",
                [
                    "request.id": .string(trace.requestID),
                    "store.error": .string(String(describing: error)),
                ])
            throw GatewayError.storeUnavailable()
        }
    }
}
