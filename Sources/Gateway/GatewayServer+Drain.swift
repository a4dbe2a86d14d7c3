import GatewayLog

/// The graceful stop after SIGTERM or SIGINT.
extension GatewayServer {
    /// The outcome of a drain.
    public struct DrainReport: Sendable, Equatable {
        /// Requests still open when the gateway closed every connection; 0 after a clean drain.
        public var abandonedRequests: Int
        /// Whether `pause` reported a second signal, which cut the drain short.
        public var interrupted: Bool
    }

    /// Stops without dropping a call, then closes everything, and returns how it went.
    ///
    /// 1. `/readyz` returns 503 at once and every response closes its connection, so load
    ///    balancers and clients move to other gateways.
    /// 2. For `grace`, new connections are still accepted and served, because load balancers
    ///    notice the failing probe only after a few checks.
    /// 3. The listening socket closes, so new connections are refused.
    /// 4. Requests in flight have up to `timeout` to finish, then `stop()` closes the rest.
    ///
    /// `pause` blocks for up to the given time and returns true when a second stop signal
    /// arrived, which skips the remaining waits. Blocks the calling thread, so call it from a
    /// thread that is not part of Swift's cooperative pool, such as the main thread.
    public func drain(
        grace: Duration, timeout: Duration, pause: (Duration) -> Bool
    ) -> DrainReport {
        drainState.begin()
        server.disableKeepAlive()
        var interrupted = pause(grace)

        server.stopAccepting()
        logger.info(
            "gateway stopped accepting connections",
            ["http.open_requests": .int(server.statistics.openRequests)])
        let deadline = ContinuousClock.now + timeout
        while !interrupted, server.statistics.openRequests > 0, ContinuousClock.now < deadline {
            interrupted = pause(min(.milliseconds(20), deadline - .now))
        }

        let abandoned = server.statistics.openRequests
        if abandoned > 0 {
            logger.warning(
                "drain ended with requests still open; closing them",
                [
                    "http.open_requests": .int(abandoned), "drain.interrupted": .bool(interrupted),
                    "shutdown.drain_timeout_ms": .int(Self.milliseconds(timeout)),
                ])
        }
        stop()
        return DrainReport(abandonedRequests: abandoned, interrupted: interrupted)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
