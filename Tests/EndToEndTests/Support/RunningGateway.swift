import Foundation

/// A `navixy-gateway` process started for one test from a configuration file written in a
/// fresh temporary folder, with its SQLite store in the same folder.
struct RunningGateway: Sendable {
    /// The running process.
    let process: ManagedProcess
    /// The port it listens on at 127.0.0.1.
    let port: Int
    /// The folder holding the configuration file and the store.
    let folder: URL

    /// A client for the gateway's port.
    var client: TestHTTPClient { TestHTTPClient(port: port) }

    /// Writes `configuration` (a JSON object) to `folder/gateway.json`, starts the gateway on
    /// it, waits for its start line, runs `body`, and stops the process afterwards, also when
    /// `body` throws.
    static func run<Result>(
        configuration: String, folder: URL, environment: [String: String] = [:],
        _ body: (RunningGateway) async throws -> Result
    ) async throws -> Result {
        let file = folder.appendingPathComponent("gateway.json")
        try Data(configuration.utf8).write(to: file)
        let executable = try BuiltBinary.url(named: "navixy-gateway")
        return try await ManagedProcess.run(
            executable, arguments: ["serve", "--config", file.path], environment: environment
        ) { process in
            let port = try await process.listenPort()
            return try await body(RunningGateway(process: process, port: port, folder: folder))
        }
    }

    /// Sends a JSON body with the caller key `key`.
    func send(
        _ method: String, _ target: String, json: String, key: String?,
        headers: [(name: String, value: String)] = []
    ) async throws -> TestHTTPResponse {
        try await client.send(method, target, json: json, headers: authorization(key) + headers)
    }

    /// Sends a request without a body with the caller key `key`.
    func send(
        _ method: String, _ target: String, key: String?,
        headers: [(name: String, value: String)] = []
    ) async throws -> TestHTTPResponse {
        try await client.send(method, target, headers: authorization(key) + headers)
    }

    private func authorization(_ key: String?) -> [(name: String, value: String)] {
        key.map { [("Authorization", "Bearer \($0)")] } ?? []
    }
}

/// Builds gateway configuration files for tests.
enum GatewayConfigFile {
    /// A key with every scope.
    static let adminKey = "admin-key-0123456789abcdef"
    /// A key with the `push` scope only.
    static let pushKey = "push-key-0123456789abcdef"
    /// A key with the `sessions` scope only.
    static let sessionsKey = "sessions-key-0123456789abcdef"

    /// A configuration listening on a free loopback port with the three test callers, a store
    /// in `folder`, the given regions (name to base URL), and `extra` top-level members
    /// (already JSON, without braces).
    static func json(
        folder: URL, regions: [String: String], regionExtra: String = "", extra: String = ""
    ) -> String {
        let regionMembers = regions.sorted { $0.key < $1.key }.map { name, url in
            "\"\(name)\": {\"base_url\": \"\(url)\"\(regionExtra.isEmpty ? "" : ", " + regionExtra)}"
        }
        // Tests stop their gateway with SIGTERM: without a short grace period each one would
        // wait the default 5 seconds for load balancers that are not there.
        let shutdown =
            extra.contains("\"shutdown\"")
            ? "" : #","shutdown": {"grace_ms": 0, "drain_timeout_ms": 5000}"#
        return """
            {
              "listen": "127.0.0.1:0",
              "store": "sqlite:\(folder.path)/gateway.sqlite3",
              "regions": {\(regionMembers.joined(separator: ", "))},
              "callers": [
                {"name": "admin", "key": "\(adminKey)", "scopes": ["push", "sessions"]},
                {"name": "mobile-backend", "key": "\(pushKey)", "scopes": ["push"]},
                {"name": "identity", "key": "\(sessionsKey)", "scopes": ["sessions"]}
              ]\(shutdown)\(extra.isEmpty ? "" : ",\n  " + extra)
            }
            """
    }
}

/// A temporary folder removed after the test.
enum TemporaryFolder {
    /// Creates a fresh folder, runs `body` with it, and removes it afterwards.
    static func with<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("navixy-gateway-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }
}

/// A gateway with region `eu` pointing at a fresh simulator, for the common case.
struct GatewayWithSimulator: Sendable {
    let gateway: RunningGateway
    let simulator: NavixySimulator

    /// Starts a simulator and a gateway whose region `eu` points at it, and runs `body`.
    static func run<Result>(
        regionExtra: String = "", extra: String = "",
        _ body: (GatewayWithSimulator) async throws -> Result
    ) async throws -> Result {
        try await TemporaryFolder.with { folder in
            try await NavixySimulator.run { simulator in
                let configuration = GatewayConfigFile.json(
                    folder: folder, regions: ["eu": simulator.baseURL],
                    regionExtra: regionExtra, extra: extra)
                return try await RunningGateway.run(configuration: configuration, folder: folder) {
                    gateway in
                    try await body(GatewayWithSimulator(gateway: gateway, simulator: simulator))
                }
            }
        }
    }

    /// Adds a session to the simulator and stores it in the gateway for `subject`; returns
    /// the hash.
    @discardableResult
    func storeSession(_ subject: String) async throws -> String {
        let hash = try await simulator.addSession()
        let answer = try await gateway.send(
            "PUT", "/v1/subjects/\(subject)/session",
            json: #"{"hash": "\#(hash)", "region": "eu"}"#, key: GatewayConfigFile.adminKey)
        guard answer.status == 201 || answer.status == 200 else {
            throw EndToEndError("storing the session answered \(answer.status): \(answer.text)")
        }
        return hash
    }

    /// Binds `json` for `subject` with the admin key.
    func bind(_ subject: String, _ json: String) async throws -> TestHTTPResponse {
        try await gateway.send(
            "PUT", "/v1/subjects/\(subject)/push-token", json: json,
            key: GatewayConfigFile.adminKey)
    }
}
