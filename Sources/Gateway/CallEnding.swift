import GatewayCore

/// The end of a call, and what it shows about its region's health.
struct CallEnding: Sendable {
    /// Navixy's answer to return, or the error to throw.
    let result: Result<NavixyOutcome, GatewayError>
    /// The result recorded by the circuit breaker.
    let health: CircuitBreaker.CallResult
}
