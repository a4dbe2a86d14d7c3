extension Duration {
    /// The duration in whole nanoseconds, truncated toward zero and clamped to `Int64`, which
    /// spans about 292 years either way.
    var clampedNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (wholeSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (total, sumOverflow) = wholeSeconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !sumOverflow else { return seconds < 0 ? .min : .max }
        return total
    }
}
