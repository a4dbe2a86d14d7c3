/// Counts of an `HTTPServer` at one moment, for metrics and for draining.
public struct HTTPServerStatistics: Sendable, Equatable {
    /// Client connections open now, idle kept-alive ones included.
    public var openConnections: Int
    /// Requests begun and not yet completed: from the request line until the response is sent
    /// or the connection fails.
    public var openRequests: Int
    /// Connections cut since the start because a head or body took longer than its timeout.
    public var timedOutConnections: Int
    /// Idle kept-alive connections closed since the start to make room at the connection limit.
    public var reclaimedIdleConnections: Int

    /// Creates statistics from their counts.
    public init(
        openConnections: Int, openRequests: Int, timedOutConnections: Int,
        reclaimedIdleConnections: Int = 0
    ) {
        self.openConnections = openConnections
        self.openRequests = openRequests
        self.timedOutConnections = timedOutConnections
        self.reclaimedIdleConnections = reclaimedIdleConnections
    }
}
