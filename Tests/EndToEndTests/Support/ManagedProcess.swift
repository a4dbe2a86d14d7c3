import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started by a test, with its standard output and error collected line by
/// line, and stopped by its PID when the test ends.
///
/// Prefer `ManagedProcess.run(_:arguments:environment:_:)`, which terminates the process even
/// when the test body throws. A process that is still running when the object is released gets
/// SIGKILL, so a forgotten one cannot outlive the test run.
final class ManagedProcess: Sendable {
    /// How a process ended.
    enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal with this number ended it.
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signaled(let signal): "signal \(signal)"
            }
        }
    }

    /// The lines written to standard output.
    let standardOutput = LineBuffer()
    /// The lines written to standard error.
    let standardError = LineBuffer()
    /// The process ID.
    let processIdentifier: Int32
    /// The executable's file name, for messages.
    let name: String
    private let status = Locked<ExitStatus?>(nil)
    /// Kept so that Foundation keeps watching the child until it ends.
    private let process: Locked<Process>

    /// The maximum wait for a process to exit after SIGTERM before SIGKILL follows.
    static let defaultGracePeriod: Duration = .seconds(5)

    /// Starts `executable`. `environment` adds to or replaces variables of the test's own.
    init(_ executable: URL, arguments: [String] = [], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        let status = status
        process.terminationHandler = { ended in
            let exit =
                ended.terminationReason == .uncaughtSignal
                ? ExitStatus.signaled(ended.terminationStatus)
                : ExitStatus.exited(ended.terminationStatus)
            status.withLock { $0 = exit }
        }
        try process.run()
        self.process = Locked(process)
        processIdentifier = process.processIdentifier
        name = executable.lastPathComponent
        standardOutput.startReading(outputPipe.fileHandleForReading)
        standardError.startReading(errorPipe.fileHandleForReading)
    }

    deinit {
        if exitStatus == nil { kill(processIdentifier, SIGKILL) }
    }

    /// How the process ended, or nil while it runs.
    var exitStatus: ExitStatus? {
        status.withLock { $0 }
    }

    /// Starts a process, runs `body` with it, and terminates it afterwards, also when `body`
    /// throws.
    static func run<Result>(
        _ executable: URL, arguments: [String] = [], environment: [String: String] = [:],
        _ body: (ManagedProcess) async throws -> Result
    ) async throws -> Result {
        let process = try ManagedProcess(executable, arguments: arguments, environment: environment)
        do {
            let result = try await body(process)
            await process.terminate()
            return result
        } catch {
            await process.terminate()
            throw error
        }
    }

    /// Waits until a line of standard output satisfies `predicate` and returns it. Throws when
    /// `timeout` passes or the output closes first; the error shows both outputs.
    @discardableResult
    func waitForLine(
        matching predicate: (String) -> Bool, timeout: Duration = .seconds(10)
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let closed = standardOutput.isClosed
            if let line = standardOutput.lines.first(where: predicate) { return line }
            if closed { throw failure("closed its standard output before the expected line") }
            if ContinuousClock.now >= deadline {
                throw failure("did not print the expected line within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for the JSON start line and returns its `listen.port`.
    func listenPort(timeout: Duration = .seconds(10)) async throws -> Int {
        let line = try await waitForLine(
            matching: { $0.contains("\"listen.port\"") }, timeout: timeout)
        guard let port = TestJSON(parsing: Array(line.utf8))?["listen.port"]?.intValue,
            (1...65_535).contains(port)
        else { throw failure("printed a start line without a valid listen.port: \(line)") }
        return port
    }

    /// Sends `signal` to the process unless it already ended.
    func send(signal: Int32) {
        if exitStatus == nil { kill(processIdentifier, signal) }
    }

    /// Waits up to `timeout` for the process to end and returns how it ended.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> ExitStatus {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let exitStatus { return exitStatus }
            try await Task.sleep(for: .milliseconds(10))
        }
        if let exitStatus { return exitStatus }
        throw failure("did not exit within \(timeout)")
    }

    /// Sends SIGTERM, then SIGKILL when the process has not ended after `gracePeriod`, and
    /// returns how it ended, or nil if even SIGKILL did not end it within five seconds.
    @discardableResult
    func terminate(gracePeriod: Duration = defaultGracePeriod) async -> ExitStatus? {
        send(signal: SIGTERM)
        if let ended = try? await waitForExit(timeout: gracePeriod) { return ended }
        send(signal: SIGKILL)
        return try? await waitForExit(timeout: .seconds(5))
    }

    private func failure(_ problem: String) -> EndToEndError {
        let output = standardOutput.lines.suffix(20).joined(separator: "\n")
        let errors = standardError.lines.suffix(20).joined(separator: "\n")
        return EndToEndError(
            "\(name) (pid \(processIdentifier)) \(problem)\nstdout:\n\(output)\nstderr:\n\(errors)")
    }
}
