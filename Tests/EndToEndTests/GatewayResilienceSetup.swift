import Foundation
import Testing

/// One region of a resilience test: its own simulator, and the region's settings.
struct ResilienceRegion: Sendable {
    /// The region's name in the gateway's configuration.
    let name: String
    /// Members added to the region's settings, already JSON, such as `"timeout_ms": 500`.
    var settings = ""
    /// Extra command-line arguments of the region's simulator.
    var simulatorArguments: [String] = []
    /// The scheme of the region's `base_url`: `https` when the simulator serves TLS.
    var scheme = "http"
    /// A `ca_file` for the region, or nil for none.
    var caFile: String?
}

/// A gateway whose regions each point at a simulator of their own, for the tests of retries,
/// deadlines, breakers and limits.
struct ResilienceSetup: Sendable {
    /// The subject's push token body that every test binds.
    static let bindBody = #"{"application": "android", "token": "resilience-token"}"#

    let gateway: RunningGateway
    let simulators: [String: NavixySimulator]

    /// Starts a simulator per region, then a gateway configured with them, and runs `body`.
    static func run<Result>(
        _ regions: [ResilienceRegion], _ body: (ResilienceSetup) async throws -> Result
    ) async throws -> Result {
        try await TemporaryFolder.with { folder in
            try await startSimulators(regions[...], started: [:]) { simulators in
                let configuration = configurationJSON(
                    folder: folder, regions: regions, simulators: simulators)
                return try await RunningGateway.run(configuration: configuration, folder: folder) {
                    gateway in
                    try await body(ResilienceSetup(gateway: gateway, simulators: simulators))
                }
            }
        }
    }

    /// Stores a session for `subject` in `region`; without `hash`, the region's simulator adds
    /// a new one first.
    func storeSession(_ subject: String, region: String, hash known: String? = nil)
        async throws
    {
        let hash: String
        if let known {
            hash = known
        } else {
            hash = try await simulator(region).addSession()
        }
        let answer = try await gateway.send(
            "PUT", "/v1/subjects/\(subject)/session",
            json: #"{"hash": "\#(hash)", "region": "\#(region)"}"#,
            key: GatewayConfigFile.adminKey)
        guard answer.status == 201 || answer.status == 200 else {
            throw EndToEndError("storing the session answered \(answer.status): \(answer.text)")
        }
    }

    /// Binds the test's token for `subject` and returns the response with the time it took.
    func bind(_ subject: String, headers: [(name: String, value: String)] = []) async throws
        -> (answer: TestHTTPResponse, elapsed: Duration)
    {
        let started = ContinuousClock.now
        let answer = try await gateway.send(
            "PUT", "/v1/subjects/\(subject)/push-token", json: Self.bindBody,
            key: GatewayConfigFile.adminKey, headers: headers)
        return (answer, ContinuousClock.now - started)
    }

    /// Counts the bind calls that reached the simulator of `region`.
    func bindCalls(_ region: String) async throws -> Int {
        try await simulator(region).recordedRequests()
            .filter { $0["action"] == "user/session/push_token/bind" }.count
    }

    /// Returns the simulator of `region`.
    func simulator(_ region: String) throws -> NavixySimulator {
        guard let simulator = simulators[region] else {
            throw EndToEndError("no simulator for region \(region)")
        }
        return simulator
    }

    /// Returns the gateway's log records with the message `message`, parsed.
    func logRecords(_ message: String) -> [TestJSON] {
        gateway.process.standardOutput.lines
            .filter { $0.contains("\"message\":\"\(message)\"") }
            .compactMap { TestJSON(parsing: Array($0.utf8)) }
    }

    private static func startSimulators<Result>(
        _ remaining: ArraySlice<ResilienceRegion>, started: [String: NavixySimulator],
        _ body: ([String: NavixySimulator]) async throws -> Result
    ) async throws -> Result {
        guard let region = remaining.first else { return try await body(started) }
        return try await NavixySimulator.run(arguments: region.simulatorArguments) { simulator in
            var all = started
            all[region.name] = simulator
            return try await startSimulators(remaining.dropFirst(), started: all, body)
        }
    }

    private static func configurationJSON(
        folder: URL, regions: [ResilienceRegion], simulators: [String: NavixySimulator]
    ) -> String {
        let members = regions.map { region in
            let port = simulators[region.name]?.port ?? 0
            var settings = [#""base_url": "\#(region.scheme)://127.0.0.1:\#(port)/v2""#]
            if let caFile = region.caFile { settings.append(#""ca_file": "\#(caFile)""#) }
            if !region.settings.isEmpty { settings.append(region.settings) }
            return "\"\(region.name)\": {\(settings.joined(separator: ", "))}"
        }
        return """
            {
              "listen": "127.0.0.1:0",
              "store": "sqlite:\(folder.path)/gateway.sqlite3",
              "regions": {\(members.joined(separator: ", "))},
              "callers": [
                {"name": "admin", "key": "\(GatewayConfigFile.adminKey)",
                 "scopes": ["push", "sessions"]}
              ]
            }
            """
    }
}
