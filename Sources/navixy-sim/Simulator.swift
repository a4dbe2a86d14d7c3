import Foundation
import HTTPFront

/// The running simulator: its HTTP server, listening, and the state both APIs share.
final class Simulator: Sendable {
    /// The options it was started with.
    let options: SimulatorOptions
    private let server: HTTPServer

    /// The largest request body accepted, in bytes; a larger one gets Navixy's code 9.
    static let maxBodyBytes = 65_536

    /// Starts listening, or throws a start error naming what failed.
    init(options: SimulatorOptions) throws(SimulatorError) {
        var configuration = HTTPServerConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.idleTimeoutSeconds = options.idleTimeoutSeconds
        configuration.maxBodyBytes = Self.maxBodyBytes
        configuration.tls = try Self.tlsIdentity(options)
        let state = SimulatorState(initialSessions: options.hashes)
        do {
            server = try HTTPServer(
                configuration: configuration, handler: SimulatorHandler(state: state))
        } catch {
            throw .startFailed("failed to listen on \(options.host):\(options.port): \(error)")
        }
        self.options = options
    }

    /// Prints the start line, which gives scripts the port when it was 0, then a warning when
    /// the address is reachable from other hosts.
    func announce() {
        LogLine(
            level: "info", message: "navixy-sim listening",
            [
                ("listen.host", .string(options.host)), ("listen.port", .integer(server.port)),
                ("scheme", .string(options.tlsCertificatePath == nil ? "http" : "https")),
            ]
        ).write()
        if !["127.0.0.1", "::1"].contains(options.host) {
            LogLine(
                level: "warning",
                message: "navixy-sim listens beyond loopback; anyone who reaches it can reset it",
                [("listen.host", .string(options.host))]
            ).write()
        }
    }

    /// Stops the server and exits with status 0 on SIGTERM or SIGINT. Keep the returned
    /// object alive for as long as the process runs.
    func stopOnSignals() -> ShutdownSignals {
        ShutdownSignals { [server] number in
            server.stop()
            LogLine(
                level: "info", message: "navixy-sim stopped", [("signal", .integer(Int(number)))]
            )
            .write()
            exit(0)
        }
    }

    private static func tlsIdentity(_ options: SimulatorOptions) throws(SimulatorError)
        -> TLSIdentity?
    {
        guard let certificatePath = options.tlsCertificatePath, let keyPath = options.tlsKeyPath
        else { return nil }
        return TLSIdentity(
            certificatePEM: try readText(certificatePath, option: "--tls-cert"),
            privateKeyPEM: try readText(keyPath, option: "--tls-key"))
    }

    private static func readText(_ path: String, option: String) throws(SimulatorError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .startFailed(
                "failed to read \(option) file \(path): \(error.localizedDescription)")
        }
    }
}
