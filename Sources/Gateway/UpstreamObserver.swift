/// Receives what happens on the way to Navixy, so that metrics can count it without the
/// forwarder knowing about metrics.
///
/// Every method is called on the task making the call and must return quickly. Labels are
/// short constant strings, never a subject, hash or token.
protocol UpstreamObserver: Sendable {
    /// Records that one attempt ended: `outcome` is `success`, a Navixy code such as `navixy_8`, an HTTP
    /// status class such as `http_5xx`, or a transport failure such as `timeout`.
    func attemptFinished(region: String, outcome: String, duration: Duration)

    /// Records that a retry of `reason` (the `outcome` of the failed attempt) was scheduled.
    func retryScheduled(region: String, reason: String)

    /// Records that a retry of `reason` was not made: `budget`, `deadline` or `attempts`.
    func retrySkipped(region: String, reason: String, because: String)

    /// Records that the circuit of `region` changed to `state`: `closed`, `open` or `half_open`.
    func circuitChanged(region: String, state: String)

    /// Records that a call to `region` found the concurrency limit full past its wait.
    func overloaded(region: String)
}

/// An observer that records nothing, for tests and before metrics exist.
struct IgnoringUpstreamObserver: UpstreamObserver {
    func attemptFinished(region: String, outcome: String, duration: Duration) {}
    func retryScheduled(region: String, reason: String) {}
    func retrySkipped(region: String, reason: String, because: String) {}
    func circuitChanged(region: String, state: String) {}
    func overloaded(region: String) {}
}
