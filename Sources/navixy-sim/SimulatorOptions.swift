import GatewayCore

/// The command line of `navixy-sim`. Each option also accepts the `--name=value` form.
struct SimulatorOptions: Sendable, Equatable {
    /// The address to listen on: an IPv4 or IPv6 address, loopback by default.
    var host = "127.0.0.1"
    /// The TCP port, 0 to 65535, default 8900. 0 picks a free port, printed in the start line.
    var port = 8900
    /// Sessions that are active from the start and again after `POST /_sim/reset`.
    var hashes: [SessionHash] = []
    /// Seconds a connection may stay idle before it is closed, 1 to 86400, default 60.
    var idleTimeoutSeconds = 60
    /// The PEM certificate file for HTTPS; plain HTTP when nil.
    var tlsCertificatePath: String?
    /// The PEM private key file of that certificate.
    var tlsKeyPath: String?
    /// Whether `--help` was given.
    var showsHelp = false

    /// The text that `--help` prints.
    static let help = """
        Usage: navixy-sim [--listen HOST:PORT] [--hash HEX]... [--idle-timeout-seconds N]
                          [--tls-cert FILE --tls-key FILE]

        A local stand-in for Navixy's push-token API, to try the gateway without a Navixy
        account and to let tests see and disturb what reaches "Navixy".

        Options:
          --listen HOST:PORT          Address and TCP port to listen on (default 127.0.0.1:8900).
                                      Port 0 picks a free port. IPv6: [::1]:8900.
          --hash HEX                  A session hash (32 hexadecimal characters) that is active
                                      from the start. Repeat the option for several sessions.
          --idle-timeout-seconds N    Seconds an idle connection stays open, 1 to 86400
                                      (default 60).
          --tls-cert FILE             PEM certificate file; with --tls-key, serve HTTPS.
          --tls-key FILE              PEM private key file of that certificate.
          -h, --help                  Print this help and exit.

        On start, the first line on standard output is one JSON object with "listen.host",
        "listen.port" and "scheme". SIGTERM or SIGINT stops the simulator with exit status 0.

        Navixy API (GET or POST; parameters as JSON body, form body or query string; the hash
        also as "Authorization: NVX <hash>"):
          POST /v2/user/auth                       any non-empty login and password; new hash
          POST /v2/user/logout                     ends the session
          POST /v2/user/session/push_token/bind    application, token, parameters, category_filter
          POST /v2/user/session/push_token/delete  removes the session's tokens
        Errors are {"success":false,"status":{"code":N,"description":"..."}}: code 3 for a
        missing or malformed hash, 4 for an unknown or ended session, 5 for an unreadable
        request (a body that is not what its Content-Type says, an unknown action, a method
        other than GET or POST), 7 for invalid parameters, 9 (HTTP 412) for a body over 64 KiB.

        Control API (JSON):
          GET    /_sim/sessions           sessions with their state
          POST   /_sim/sessions           {"hash"?}: add an active session, return {"hash"}
          DELETE /_sim/sessions/HASH      end a session
          GET    /_sim/requests           every Navixy call received, in order (last 10000)
          DELETE /_sim/requests           forget them
          GET    /_sim/bindings           tokens bound, per session and application
          GET    /_sim/faults             fault steps still waiting
          POST   /_sim/faults             {"faults":[step...]}: append steps, each used by the
                                          next Navixy call in order
          DELETE /_sim/faults             drop waiting steps
          POST   /_sim/reset              back to the state at start
        A fault step has optional fields: "status" (HTTP status), "code" and "description"
        (Navixy error JSON), "body" and "content_type" (raw response text), "delay_ms"
        (milliseconds to wait, up to 600000), "drop" (true: close without a response),
        "retry_after" (Retry-After header value), "gzip" (true: send the response body
        gzip-compressed, whatever the request's Accept-Encoding) and "repeat" (number of
        calls, default 1). A step without code, body or drop lets the call run and applies
        status, delay, retry_after and gzip to its response. Recorded calls note the fault
        applied.
        """

    /// Reads the arguments that follow the program name, or throws a usage error.
    static func parse(_ arguments: some Sequence<String>) throws(SimulatorError) -> Self {
        var options = SimulatorOptions()
        var remaining = Array(arguments)[...]
        while let argument = remaining.popFirst() {
            let (name, inlineValue) = split(argument)
            if name == "--help" || name == "-h" {
                options.showsHelp = true
                continue
            }
            guard let value = inlineValue ?? remaining.popFirst() else {
                throw .usage("missing value for \(name)")
            }
            try options.apply(name, value)
        }
        try options.check()
        return options
    }

    /// Splits `--name=value` into its parts.
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
            return (argument, nil)
        }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private mutating func apply(_ name: String, _ value: String) throws(SimulatorError) {
        switch name {
        case "--listen":
            (host, port) = try Self.parseListen(value)
        case "--hash":
            guard let hash = SessionHash(value) else {
                throw .usage("invalid --hash: expected 32 hexadecimal characters")
            }
            hashes.append(hash)
        case "--idle-timeout-seconds":
            guard let seconds = Int(value), (1...86_400).contains(seconds) else {
                throw .usage(
                    "invalid --idle-timeout-seconds \"\(value)\": expected a whole number from 1 to 86400"
                )
            }
            idleTimeoutSeconds = seconds
        case "--tls-cert":
            tlsCertificatePath = value
        case "--tls-key":
            tlsKeyPath = value
        default:
            throw .usage("unknown option \(name)")
        }
    }

    private func check() throws(SimulatorError) {
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            throw .usage("missing --tls-cert or --tls-key: give both or neither")
        }
    }

    /// Reads `HOST:PORT` or `[IPV6]:PORT`.
    private static func parseListen(_ value: String) throws(SimulatorError) -> (String, Int) {
        let invalid = SimulatorError.usage(
            "invalid --listen \"\(value)\": expected HOST:PORT such as 127.0.0.1:8900, "
                + "or [IPV6]:PORT such as [::1]:8900, with a port from 0 to 65535")
        let host: Substring
        let portText: Substring
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            host = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            guard rest.hasPrefix(":") else { throw invalid }
            portText = rest.dropFirst()
        } else {
            guard let colon = value.lastIndex(of: ":") else { throw invalid }
            host = value[..<colon]
            portText = value[value.index(after: colon)...]
            // An IPv6 address needs brackets, or its last group would read as the port.
            guard !host.contains(":") else { throw invalid }
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else {
            throw invalid
        }
        return (String(host), port)
    }
}
