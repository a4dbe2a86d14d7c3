/// A `navixy-sim` process started for one test on a free port, with helpers for its control
/// API. The gateway's end-to-end tests use it as their "Navixy".
struct NavixySimulator: Sendable {
    /// The running process.
    let process: ManagedProcess
    /// The port it listens on at 127.0.0.1.
    let port: Int
    /// A client for that port.
    var client: TestHTTPClient { TestHTTPClient(port: port) }
    /// The base URL of its Navixy API, for a gateway region's `base_url`.
    var baseURL: String { "http://127.0.0.1:\(port)/v2" }

    /// Starts `navixy-sim --listen 127.0.0.1:0` plus `arguments`, waits for its start line,
    /// runs `body`, and terminates the process afterwards, also when `body` throws.
    static func run<Result>(
        arguments: [String] = [], _ body: (NavixySimulator) async throws -> Result
    ) async throws -> Result {
        let executable = try BuiltBinary.url(named: "navixy-sim")
        return try await ManagedProcess.run(
            executable, arguments: ["--listen", "127.0.0.1:0"] + arguments
        ) { process in
            let port = try await process.listenPort()
            return try await body(NavixySimulator(process: process, port: port))
        }
    }

    /// Adds an active session through the control API and returns its hash.
    @discardableResult
    func addSession(_ hash: String? = nil) async throws -> String {
        let json = hash.map { "{\"hash\":\"\($0)\"}" } ?? "{}"
        let answer = try await client.send("POST", "/_sim/sessions", json: json)
        guard answer.status == 201, let added = answer.json?["hash"]?.stringValue else {
            throw EndToEndError("POST /_sim/sessions answered \(answer.status): \(answer.text)")
        }
        return added
    }

    /// Ends a session through the control API.
    func endSession(_ hash: String) async throws {
        try await expectNoContent("DELETE", "/_sim/sessions/\(hash)")
    }

    /// Appends fault steps, given as the JSON array's elements, such as `{"code":8}`.
    func addFaults(_ steps: String...) async throws {
        let json = "{\"faults\":[\(steps.joined(separator: ","))]}"
        let answer = try await client.send("POST", "/_sim/faults", json: json)
        guard answer.status == 200 else {
            throw EndToEndError("POST /_sim/faults answered \(answer.status): \(answer.text)")
        }
    }

    /// Fetches every Navixy call the simulator recorded, oldest first.
    func recordedRequests() async throws -> [TestJSON] {
        try await list("/_sim/requests", key: "requests")
    }

    /// Fetches the tokens bound, in the order they were bound.
    func bindings() async throws -> [TestJSON] {
        try await list("/_sim/bindings", key: "bindings")
    }

    /// Sends a Navixy action with a JSON body, such as `("user/auth", json: "{...}")`.
    func callNavixy(_ action: String, json: String, headers: [(name: String, value: String)] = [])
        async throws -> TestHTTPResponse
    {
        try await client.send("POST", "/v2/\(action)", json: json, headers: headers)
    }

    private func list(_ path: String, key: String) async throws -> [TestJSON] {
        let answer = try await client.send("GET", path)
        guard answer.status == 200, let items = answer.json?[key]?.arrayValue else {
            throw EndToEndError("GET \(path) answered \(answer.status): \(answer.text)")
        }
        return items
    }

    private func expectNoContent(_ method: String, _ path: String) async throws {
        let answer = try await client.send(method, path)
        guard answer.status == 204 else {
            throw EndToEndError("\(method) \(path) answered \(answer.status): \(answer.text)")
        }
    }
}
