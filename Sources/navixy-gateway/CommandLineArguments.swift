/// The parsed command line: `navixy-gateway [serve|check-config] [--config FILE]`.
struct CommandLineArguments: Equatable {
    /// The action a command line selects.
    enum Command: Equatable {
        case serve
        case checkConfig
        case help
        case version
    }

    /// The command; `serve` when none is given.
    var command: Command = .serve
    /// The configuration file from `--config`, if given.
    var configPath: String?

    /// Parses `arguments` (without the program name), or throws a message for the user.
    init(_ arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        if let first = remaining.first, !first.hasPrefix("-") {
            switch first {
            case "serve": command = .serve
            case "check-config": command = .checkConfig
            case "help": command = .help
            default: throw UsageError("unknown command \"\(first)\"")
            }
            remaining = remaining.dropFirst()
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--config", "-c":
                guard let path = remaining.popFirst(), !path.isEmpty else {
                    throw UsageError("--config needs a file path")
                }
                configPath = path
            case _ where argument.hasPrefix("--config="):
                configPath = String(argument.dropFirst("--config=".count))
            case "--help", "-h": command = .help
            case "--version": command = .version
            default: throw UsageError("unknown option \"\(argument)\"")
            }
        }
    }

    /// The help text printed by `--help`.
    static let usage = """
        Usage: navixy-gateway [serve|check-config] [--config FILE]

        Commands:
          serve          run the gateway (the default when no command is given)
          check-config   validate the configuration file and exit: 0 when it is good,
                         2 with every problem listed when it is not

        Options:
          -c, --config FILE   JSON configuration file; NAVIXY_GATEWAY_CONFIG is used when
                              this is absent, and built-in defaults when both are
          -h, --help          print this help
              --version       print the version

        Environment:
          NAVIXY_GATEWAY_CONFIG      configuration file path
          NAVIXY_GATEWAY_LOG_LEVEL   debug, info, warning or error; wins over log_level
        """
}

/// A command-line mistake, printed with the usage hint.
struct UsageError: Error {
    /// The mistake, in words for the user.
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
