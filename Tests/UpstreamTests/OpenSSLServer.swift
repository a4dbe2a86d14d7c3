import Glibc

/// An `openssl s_server` on 127.0.0.1 that writes one canned HTTP response to its first
/// client, because the test target has no TLS library of its own to serve HTTPS with.
///
/// In its plain mode `s_server` sends what arrives on its standard input and prints what the
/// client sent. It lives at most 30 seconds, and `stop()` ends it by its process ID.
final class OpenSSLServer {
    /// The TCP port it listens on.
    let port: Int
    private let process: ChildProcess
    private let input: Int32
    private let output: Int32
    private var printed: String

    /// Starts the server with `certificate` and `key` and waits until it accepts connections.
    ///
    /// The port is free when the probe closes, but another test's server can take it before
    /// s_server binds it, so a start that fails is tried again on a new port, three times.
    init(certificate: String, key: String, response: String) async throws {
        var started:
            (port: Int, process: ChildProcess, input: Int32, output: Int32, printed: String)?
        var lastFailure: any Error = CommandFailure(arguments: ["openssl", "s_server"], status: -1)
        for _ in 0..<3 where started == nil {
            do {
                started = try await Self.start(certificate: certificate, key: key)
            } catch let failure as CommandFailure {
                lastFailure = failure
            }
        }
        guard let started else { throw lastFailure }
        (port, process, input, output, printed) = started
        let bytes = Array(response.utf8)
        guard write(input, bytes, bytes.count) == bytes.count else {
            stop()
            throw Socket.Failure(call: "write", errno: errno)
        }
    }

    private static func start(certificate: String, key: String) async throws -> (
        port: Int, process: ChildProcess, input: Int32, output: Int32, printed: String
    ) {
        let (probe, port) = try Socket.listenOnLoopback(listen: false)
        close(probe)
        var inputPipe: [Int32] = [0, 0]
        var outputPipe: [Int32] = [0, 0]
        guard pipe(&inputPipe) == 0, pipe(&outputPipe) == 0 else {
            throw Socket.Failure(call: "pipe", errno: errno)
        }
        // Other servers started meanwhile must not inherit these ends.
        for fd in inputPipe + outputPipe {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        let arguments = [
            "timeout", "30", "openssl", "s_server", "-accept", "127.0.0.1:\(port)",
            "-cert", certificate, "-key", key,
        ]
        let process = try ChildProcess(arguments, input: inputPipe[0], output: outputPipe[1])
        close(inputPipe[0])
        close(outputPipe[1])
        let (accepted, printed) = await waitForOutput(outputPipe[0], containing: "ACCEPT", "")
        guard accepted else {
            process.stop()
            close(inputPipe[1])
            close(outputPipe[0])
            throw CommandFailure(arguments: arguments, status: -1)
        }
        return (port, process, inputPipe[1], outputPipe[0], printed)
    }

    /// Ends the process, waits for it and closes the pipes; call it once.
    func stop() {
        process.stop()
        close(input)
        close(output)
    }

    /// Reads the server's standard output until it contains `text`, for at most 10 seconds;
    /// returns whether it did.
    func waitForOutput(containing text: String) async -> Bool {
        let (found, printed) = await Self.waitForOutput(output, containing: text, self.printed)
        self.printed = printed
        return found
    }

    /// Reads `output` onto `printed` until it contains `text`, for at most 10 seconds. It
    /// sleeps between reads instead of blocking in `poll`, so that the test's thread stays
    /// free for other tasks of the cooperative pool meanwhile.
    private static func waitForOutput(_ output: Int32, containing text: String, _ printed: String)
        async -> (found: Bool, printed: String)
    {
        var printed = printed
        let deadline = ContinuousClock.now + .seconds(10)
        while !printed.contains(text), ContinuousClock.now < deadline {
            guard Socket.waitReadable(output, milliseconds: 0) else {
                try? await Task.sleep(for: .milliseconds(5))
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(output, &chunk, chunk.count)
            guard count > 0 else { break }
            printed += String(decoding: chunk[..<count], as: UTF8.self)
        }
        return (printed.contains(text), printed)
    }
}
