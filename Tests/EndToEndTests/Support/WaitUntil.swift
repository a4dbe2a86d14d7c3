/// Polls `condition` every 20 milliseconds until it holds, or throws after `timeout`.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(10), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw EndToEndError("timed out after \(timeout) waiting until \(what)")
}
