import Foundation
import Synchronization

@testable import Gateway

/// A clock that moves only when told: `sleep` records its duration and moves the clock on at
/// once, so tests check exact delays and deadlines without waiting.
final class TestClock: UpstreamClock {
    /// The instant the clock starts at.
    let origin = ContinuousClock.now
    /// The wall-clock date at `origin`.
    let originDate = Date(timeIntervalSince1970: 1_750_000_000)
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))

    var now: ContinuousClock.Instant { origin + state.withLock { $0.offset } }
    var date: Date { originDate + state.withLock { $0.offset } / .seconds(1) }

    /// Every duration slept, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// The time passed since `origin`.
    var elapsed: Duration { state.withLock { $0.offset } }

    func sleep(for duration: Duration) async throws {
        state.withLock {
            $0.sleeps.append(duration)
            $0.offset += duration
        }
    }

    /// Moves the clock on by `duration` without counting a sleep.
    func advance(by duration: Duration) {
        state.withLock { $0.offset += duration }
    }
}

/// A clock whose sleeps last until the test moves it past their end, for code that races a
/// sleep against another event.
final class ManualClock: UpstreamClock {
    private struct Sleeper {
        let wake: Duration
        let continuation: CheckedContinuation<Void, Never>
    }

    private let origin = ContinuousClock.now
    private let state = Mutex<(offset: Duration, sleepers: [Sleeper])>((.zero, []))

    var now: ContinuousClock.Instant { origin + state.withLock { $0.offset } }
    var date: Date { Date(timeIntervalSince1970: 0) }

    /// The sleeps not yet over.
    var sleeping: Int { state.withLock { $0.sleepers.count } }

    func sleep(for duration: Duration) async throws {
        await withCheckedContinuation { continuation in
            state.withLock {
                $0.sleepers.append(Sleeper(wake: $0.offset + duration, continuation: continuation))
            }
        }
    }

    /// Moves the clock on by `duration` and ends the sleeps that are over.
    func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.offset += duration
            let offset = state.offset
            let due = state.sleepers.filter { $0.wake <= offset }
            state.sleepers.removeAll { $0.wake <= offset }
            return due
        }
        for sleeper in due {
            sleeper.continuation.resume()
        }
    }
}
