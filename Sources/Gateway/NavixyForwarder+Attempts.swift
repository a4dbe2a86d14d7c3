import GatewayCore
import GatewayLog
import Upstream

extension NavixyForwarder {
    /// The step after a failed attempt that a retry could cure.
    private enum NextStep {
        /// Sleep for the delay, then make the next attempt.
        case retry(after: Duration)
        /// End the call with the failure. The label gives the reason for not retrying:
        /// `attempts`, `deadline` or `budget`, or nil when the failure is not retryable.
        case stop(because: String?)
    }

    /// Makes attempts until one succeeds, fails for good, or no retry may follow.
    ///
    /// Each attempt's timeout is the time left until the deadline, so an attempt that hangs
    /// ends exactly at the deadline.
    func runAttempts(_ context: CallContext) async -> CallEnding {
        var generator = CallbackRandomNumberGenerator(source: random)
        var attempt = 1
        var lastFailure: RetryableCondition?
        while true {
            let left = context.deadline - clock.now
            guard left >= Self.minimumAttemptTime else {
                let health = lastFailure.map { CircuitBreaker.CallResult(lastFailure: $0) }
                return CallEnding(
                    result: .failure(.upstreamTimeout()), health: health ?? .inconclusive)
            }
            let result = await send(context, timeout: left)
            guard let condition = result.condition, condition.isRetryable else {
                return finalEnding(result, context: context)
            }
            lastFailure = condition
            let step = nextStep(
                after: attempt, condition, retryAfter: result.retryAfter, context: context,
                random: &generator)
            guard case .retry(let delay) = step else {
                if case .stop(let because?) = step {
                    observer.retrySkipped(
                        region: context.region.name, reason: result.label, because: because)
                }
                return failedEnding(result, condition, context: context)
            }
            scheduleRetry(attempt + 1, after: delay, result: result, context: context)
            do {
                try await clock.sleep(for: delay)
            } catch {
                return failedEnding(result, condition, context: context)
            }
            attempt += 1
        }
    }

    /// Sends one attempt with `timeout`, counting it in the trace and the observer.
    private func send(_ context: CallContext, timeout: Duration) async -> AttemptResult {
        var request = context.request
        request.timeout = timeout
        context.trace.upstreamAttempts += 1
        let started = clock.now
        let result: AttemptResult
        do {
            let response = try await transport.send(request)
            context.trace.upstreamStatus = response.status
            let retryAfter = response.header("Retry-After").flatMap {
                RetryAfter.parse($0, now: clock.date)
            }
            result = .answered(
                NavixyAnswer.classify(httpStatus: response.status, body: response.body),
                retryAfter: retryAfter)
        } catch {
            result = .transportFailed(error)
        }
        observer.attemptFinished(
            region: context.region.name, outcome: result.label, duration: clock.now - started)
        return result
    }

    /// Asks the policy whether a retry would help and fits before the deadline, leaving
    /// `minimumAttemptTime` for the attempt, then takes it from the region's budget.
    private func nextStep(
        after attempt: Int, _ condition: RetryableCondition, retryAfter: Duration?,
        context: CallContext, random: inout CallbackRandomNumberGenerator
    ) -> NextStep {
        let remaining = context.deadline - clock.now - Self.minimumAttemptTime
        let decision = context.region.policy.decision(
            afterAttempt: attempt, failure: condition, retryAfter: retryAfter,
            remaining: remaining, random: &random)
        switch decision {
        case .giveUp(.notRetryable): return .stop(because: nil)
        case .giveUp(.attemptsExhausted): return .stop(because: "attempts")
        case .giveUp(.deadlineTooClose): return .stop(because: "deadline")
        case .retry(let delay):
            guard context.region.acquireRetry(at: clock.now) else {
                return .stop(because: "budget")
            }
            return .retry(after: delay)
        }
    }

    /// Logs and counts the retry that makes attempt `attempt` after `delay`.
    private func scheduleRetry(
        _ attempt: Int, after delay: Duration, result: AttemptResult, context: CallContext
    ) {
        observer.retryScheduled(region: context.region.name, reason: result.label)
        logger.info(
            "upstream retry scheduled",
            {
                var fields: [String: LogValue] = [
                    "request.id": .string(context.trace.requestID),
                    "upstream.region": .string(context.region.name),
                    "retry.attempt": .int(attempt),
                    "retry.reason": .string(result.label),
                    "retry.delay_ms": .int(delay.wholeMilliseconds),
                ]
                if case .transportFailed(let error) = result {
                    fields["upstream.error"] = .string(error.detail)
                }
                return fields
            }())
    }

    /// Ends a call whose last attempt needs no retry: a success, a response that no retry can
    /// change, or a transport failure that none can cure.
    private func finalEnding(_ result: AttemptResult, context: CallContext) -> CallEnding {
        let health = CircuitBreaker.CallResult(lastFailure: result.condition)
        switch result {
        case .answered(let outcome, _):
            return CallEnding(result: .success(outcome), health: health)
        case .transportFailed(let error):
            logFailure(error, label: result.label, context: context)
            let mapped =
                result.condition.map { GatewayError(lastFailure: $0) }
                ?? GatewayError(transportFailure: error)
            let inconclusiveOrFailed = result.condition == nil ? .inconclusive : health
            return CallEnding(result: .failure(mapped), health: inconclusiveOrFailed)
        }
    }

    /// Ends a call whose last attempt failed with `condition` and gets no retry.
    ///
    /// An attempt that ran into the deadline is `504 upstream_timeout`. Otherwise the caller
    /// gets the last failure at once, with Navixy's `Retry-After` when it sent one.
    private func failedEnding(
        _ result: AttemptResult, _ condition: RetryableCondition, context: CallContext
    ) -> CallEnding {
        if case .transportFailed(let error) = result {
            logFailure(error, label: result.label, context: context)
        }
        let health = CircuitBreaker.CallResult(lastFailure: condition)
        let deadlinePassed = context.deadline - clock.now < Self.minimumAttemptTime
        if condition == .attemptTimedOut && deadlinePassed {
            return CallEnding(result: .failure(.upstreamTimeout()), health: health)
        }
        let error = GatewayError(
            lastFailure: condition.redacting(context.secrets),
            retryAfterSeconds: result.retryAfter?.wholeSecondsRoundedUp)
        return CallEnding(result: .failure(error), health: health)
    }

    /// Logs the transport failure that ends a call. A TLS failure is an error, because only an
    /// operator can fix a certificate or a region's `ca_file`.
    private func logFailure(_ error: UpstreamError, label: String, context: CallContext) {
        let level: LogLevel = error.kind == .tlsFailed ? .error : .warning
        logger.log(
            level, "upstream call failed",
            [
                "request.id": .string(context.trace.requestID),
                "upstream.region": .string(context.region.name),
                "upstream.attempts": .int(context.trace.upstreamAttempts),
                "upstream.reason": .string(label),
                "upstream.error": .string(error.detail),
            ])
    }
}

extension RetryableCondition {
    /// Returns the condition with every `secrets` string masked in Navixy's description.
    func redacting(_ secrets: [String]) -> RetryableCondition {
        guard case .response(let outcome) = self else { return self }
        return .response(outcome.redacting(secrets))
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down, for log fields.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// A `RandomNumberGenerator` that draws from a callback, so that the forwarder's random source
/// can be a plain `Sendable` closure that tests replace.
struct CallbackRandomNumberGenerator: RandomNumberGenerator {
    let source: @Sendable () -> UInt64

    mutating func next() -> UInt64 {
        source()
    }
}
