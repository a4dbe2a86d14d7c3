/// The forwarder's events, counted.
extension OperationalMetrics: UpstreamObserver {
    func attemptFinished(region: String, outcome: String, duration: Duration) {
        upstreamAttempts.labels(region, outcome).increment()
        upstreamAttemptDuration.labels(region).observe(duration)
    }

    func retryScheduled(region: String, reason: String) {
        upstreamRetries.labels(region, reason).increment()
    }

    func retrySkipped(region: String, reason: String, because: String) {
        upstreamRetriesSkipped.labels(region, reason, because).increment()
    }

    func circuitChanged(region: String, state: String) {
        setCircuit(region: region, state: state)
    }

    func overloaded(region: String) {
        upstreamOverloaded.labels(region).increment()
    }
}
