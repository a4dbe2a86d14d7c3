import Glibc

/// A command started with `posix_spawnp`, with every signal unblocked and at its default.
///
/// Foundation's `Process` lets a child inherit the test runner's blocked signals. `timeout`
/// then never receives its SIGALRM nor a SIGTERM, so neither its time limit nor `stop()` works.
struct ChildProcess {
    /// The child's process ID.
    let pid: pid_t

    /// Starts `arguments`, looked up in PATH, with its standard input and output on the given
    /// descriptors (nil: /dev/null) and its standard error on /dev/null.
    init(_ arguments: [String], input: Int32? = nil, output: Int32? = nil) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [
            (input, STDIN_FILENO), (output, STDOUT_FILENO), (nil, STDERR_FILENO),
        ] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_RDWR, 0)
            }
        }

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard result == 0 else { throw Socket.Failure(call: "posix_spawnp", errno: result) }
        self.pid = pid
    }

    /// Waits for the child to exit; returns its exit status, or -1 when a signal ended it.
    ///
    /// It checks every 5 milliseconds instead of blocking in `waitpid`, so that the test's
    /// thread stays free for other tasks of the cooperative pool meanwhile.
    func exitStatus() async -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return Self.decode(status)
    }

    /// Sends SIGTERM, which `timeout` passes on to its command, and waits for the exit.
    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    private static func decode(_ status: Int32) -> Int32 {
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : -1
    }

    /// Runs `arguments` to the end, at most 30 seconds; throws unless it exits with 0.
    static func run(_ arguments: [String]) async throws {
        let status = try await ChildProcess(["timeout", "30"] + arguments).exitStatus()
        guard status == 0 else {
            throw CommandFailure(arguments: arguments, status: status)
        }
    }
}

/// A command that exited with a non-zero status, or did not start as expected.
struct CommandFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32

    var description: String {
        "\(arguments.joined(separator: " ")) exited with status \(status)"
    }
}
