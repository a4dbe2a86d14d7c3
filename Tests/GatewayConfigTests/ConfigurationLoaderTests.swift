import GatewayConfig
import GatewayLog
import Testing

private let fullFile = """
    {
      "listen": "0.0.0.0:9090",
      "store": "postgresql://gateway@db.internal:5432/gateway",
      "regions": {
        "eu": {"base_url": "https://api.eu.example.test/v2/", "ca_file": "/etc/ca.pem",
               "timeout_ms": 5000, "max_connections": 32,
               "retry": {"max_attempts": 5, "base_delay_ms": 50, "max_delay_ms": 800},
               "circuit": {"failure_threshold": 3, "open_ms": 2000}},
        "local_sim": {"base_url": "http://127.0.0.1:8081"}
      },
      "callers": [
        {"name": "mobile-backend", "key_env": "MOBILE_BACKEND_KEY", "scopes": ["push"]},
        {"name": "identity", "key_file": "/run/secrets/identity", "scopes": ["sessions"]},
        {"name": "dev", "key": "dev-key-only-for-local-use", "scopes": ["push", "sessions"]}
      ],
      "limits": {"max_body_bytes": 1024, "max_header_bytes": 8192, "header_timeout_ms": 2000,
                 "idle_timeout_ms": 30000, "max_connections": 256},
      "shutdown": {"grace_ms": 0, "drain_timeout_ms": 1000},
      "gzip_min_bytes": 0,
      "categories": ["chat_message", "history_rule"],
      "log_level": "warning"
    }
    """

private func fullFixture() -> ConfigurationFixture {
    var fixture = ConfigurationFixture()
    fixture.environment = ["MOBILE_BACKEND_KEY": "mobile-key-0123456789abcdef"]
    fixture.files = [
        "/run/secrets/identity": "  identity-key-0123456789abcdef\n",
        "/etc/ca.pem": "-----BEGIN CERTIFICATE-----\n",
    ]
    return fixture
}

@Test func fullFileSetsEveryField() throws {
    let configuration = try fullFixture().load(fullFile).get().configuration

    #expect(configuration.listen.description == "0.0.0.0:9090")
    #expect(configuration.store == .postgres(url: "postgresql://gateway@db.internal:5432/gateway"))
    #expect(configuration.limits.maxBodyBytes == 1024)
    #expect(configuration.limits.maxHeaderBytes == 8192)
    #expect(configuration.limits.headerTimeoutMs == 2000)
    #expect(configuration.limits.idleTimeoutMs == 30_000)
    #expect(configuration.limits.maxConnections == 256)
    #expect(configuration.shutdown.graceMs == 0)
    #expect(configuration.shutdown.drainTimeoutMs == 1000)
    #expect(configuration.gzipMinBytes == 0)
    #expect(configuration.categories == ["chat_message", "history_rule"])
    #expect(configuration.logLevel == .warning)
}

@Test func fullFileSetsRegions() throws {
    let configuration = try fullFixture().load(fullFile).get().configuration
    let europe = try #require(configuration.regions["eu"])
    let simulator = try #require(configuration.regions["local_sim"])

    #expect(configuration.regions.count == 2)
    #expect(europe.baseURL == "https://api.eu.example.test/v2")
    #expect(europe.caFile == "/etc/ca.pem")
    #expect(europe.timeoutMs == 5000)
    #expect(europe.maxConnections == 32)
    #expect(europe.retry == RetrySettings(maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 800))
    #expect(europe.circuit == CircuitSettings(failureThreshold: 3, openMs: 2000))
    #expect(simulator == RegionConfiguration(baseURL: "http://127.0.0.1:8081"))
}

@Test func fullFileResolvesEveryCallerKey() throws {
    let callers = try fullFixture().load(fullFile).get().configuration.callers

    #expect(callers.map(\.name) == ["mobile-backend", "identity", "dev"])
    #expect(
        callers.map(\.key) == [
            "mobile-key-0123456789abcdef", "identity-key-0123456789abcdef",
            "dev-key-only-for-local-use",
        ])
    #expect(callers.map(\.scopes) == [[.push], [.sessions], [.push, .sessions]])
}

@Test func fullFileHasNoWarnings() throws {
    let loaded = try fullFixture().load(fullFile).get()

    #expect(loaded.warnings.isEmpty)
}

@Test func listenAcceptsIPv6AndPortZero() throws {
    let loaded = try ConfigurationFixture().load(#"{"listen": "[::1]:0"}"#).get()

    #expect(loaded.configuration.listen.host == "::1")
    #expect(loaded.configuration.listen.port == 0)
    #expect(loaded.configuration.listen.family == .ipv6)
    #expect(loaded.configuration.listen.isLoopback)
}

@Test func nonLoopbackHTTPBaseURLIsWarning() throws {
    let json = #"{"regions": {"eu": {"base_url": "http://proxy.internal:8080/v2"}}}"#

    let loaded = try ConfigurationFixture().load(json).get()

    #expect(loaded.warnings.count == 1)
    #expect(loaded.warnings.first?.keyPath == "regions.eu.base_url")
    #expect(loaded.warnings.first?.message.contains("\"proxy.internal\"") == true)
}

@Test func loopbackHTTPBaseURLsAreNotWarnings() throws {
    let json = """
        {"regions": {"a": {"base_url": "http://localhost:8081"},
                     "b": {"base_url": "http://127.0.0.2:8081"},
                     "c": {"base_url": "http://[::1]:8081/v2"}}}
        """

    let loaded = try ConfigurationFixture().load(json).get()

    #expect(loaded.warnings.isEmpty)
}

@Test func shortCallerKeyIsWarningWithoutTheKey() throws {
    let json = #"{"callers": [{"name": "dev", "key": "short-key", "scopes": ["push"]}]}"#

    let loaded = try ConfigurationFixture().load(json).get()

    #expect(loaded.warnings.count == 1)
    #expect(loaded.warnings.first?.keyPath == "callers[0].key")
    #expect(loaded.warnings.first?.message.contains("short-key") == false)
}

@Test func callerDescriptionRedactsTheKey() {
    let caller = CallerConfiguration(name: "dev", key: "secret-key-value", scopes: [.push])

    #expect(!caller.description.contains("secret-key-value"))
    #expect(!String(reflecting: caller).contains("secret-key-value"))
    #expect(!"\(Mirror(reflecting: caller).children.map(\.value))".contains("secret-key-value"))
    #expect(caller.description.contains("dev"))
}
