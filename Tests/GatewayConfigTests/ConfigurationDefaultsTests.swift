import GatewayConfig
import GatewayLog
import Testing

@Test func defaultsMatchTheDocumentedValues() {
    let configuration = GatewayConfiguration.defaults

    #expect(configuration.listen.description == "127.0.0.1:8080")
    #expect(configuration.listen.isLoopback)
    #expect(configuration.store == .sqlite(path: "data/gateway.sqlite3"))
    #expect(configuration.regions["eu"]?.baseURL == "https://api.eu.navixy.com/v2")
    #expect(configuration.regions["us"]?.baseURL == "https://api.us.navixy.com/v2")
    #expect(configuration.regions.count == 2)
    #expect(configuration.callers.isEmpty)
    #expect(configuration.limits.maxBodyBytes == 65_536)
    #expect(configuration.limits.maxHeaderBytes == 16_384)
    #expect(configuration.limits.headerTimeoutMs == 10_000)
    #expect(configuration.limits.idleTimeoutMs == 60_000)
    #expect(configuration.limits.maxConnections == 1024)
    #expect(configuration.shutdown.graceMs == 5000)
    #expect(configuration.shutdown.drainTimeoutMs == 20_000)
    #expect(configuration.gzipMinBytes == 1024)
    #expect(configuration.logLevel == .info)
    #expect(
        configuration.categories == [
            "chat_message", "history_rule", "history_task", "history_info",
            "history_service_task", "history_work_status",
        ]
    )
}

@Test func regionDefaultsMatchTheDocumentedValues() throws {
    let region = try #require(GatewayConfiguration.defaults.regions["eu"])

    #expect(region.caFile == nil)
    #expect(region.timeoutMs == 10_000)
    #expect(region.retry.maxAttempts == 3)
    #expect(region.retry.baseDelayMs == 100)
    #expect(region.retry.maxDelayMs == 2000)
    #expect(region.circuit.failureThreshold == 5)
    #expect(region.circuit.openMs == 10_000)
    #expect(region.maxConnections == 64)
}

@Test func loadWithoutFileGivesDefaults() throws {
    let loaded = try ConfigurationFixture().loadDefaults().get()

    #expect(loaded.configuration.listen == GatewayConfiguration.defaults.listen)
    #expect(loaded.configuration.regions == GatewayConfiguration.defaults.regions)
    #expect(loaded.configuration.logLevel == .info)
    #expect(loaded.warnings.isEmpty)
}

@Test func emptyObjectGivesDefaults() throws {
    let loaded = try ConfigurationFixture().load("{}").get()

    #expect(loaded.configuration.limits == GatewayConfiguration.defaults.limits)
    #expect(loaded.configuration.shutdown == GatewayConfiguration.defaults.shutdown)
    #expect(loaded.configuration.store == GatewayConfiguration.defaults.store)
}

@Test func defaultsLieInsideTheValidatedRanges() throws {
    // Writing every default out explicitly must load, or a default sits outside its range.
    let json = """
        {"limits": {"max_body_bytes": 65536, "max_header_bytes": 16384,
                    "header_timeout_ms": 10000, "idle_timeout_ms": 60000,
                    "max_connections": 1024},
         "shutdown": {"grace_ms": 5000, "drain_timeout_ms": 20000},
         "gzip_min_bytes": 1024,
         "regions": {"eu": {"base_url": "https://api.eu.navixy.com/v2", "timeout_ms": 10000,
                            "max_connections": 64,
                            "retry": {"max_attempts": 3, "base_delay_ms": 100,
                                      "max_delay_ms": 2000},
                            "circuit": {"failure_threshold": 5, "open_ms": 10000}}}}
        """

    let loaded = try ConfigurationFixture().load(json).get()

    #expect(loaded.configuration.limits == GatewayConfiguration.defaults.limits)
    #expect(loaded.configuration.regions["eu"] == GatewayConfiguration.defaults.regions["eu"])
}

@Test func environmentOverridesLogLevel() throws {
    var fixture = ConfigurationFixture()
    fixture.environment = ["NAVIXY_GATEWAY_LOG_LEVEL": "debug"]

    let fromFile = try fixture.load(#"{"log_level": "error"}"#).get()
    let withoutFile = try fixture.loadDefaults().get()

    #expect(fromFile.configuration.logLevel == .debug)
    #expect(withoutFile.configuration.logLevel == .debug)
}

@Test func environmentLogLevelAcceptsWarnInAnyCase() throws {
    var fixture = ConfigurationFixture()
    fixture.environment = ["NAVIXY_GATEWAY_LOG_LEVEL": "WARN"]

    let loaded = try fixture.loadDefaults().get()

    #expect(loaded.configuration.logLevel == .warning)
}

@Test func emptyEnvironmentLogLevelIsIgnored() throws {
    var fixture = ConfigurationFixture()
    fixture.environment = ["NAVIXY_GATEWAY_LOG_LEVEL": ""]

    let loaded = try fixture.load(#"{"log_level": "warn"}"#).get()

    #expect(loaded.configuration.logLevel == .warning)
}

@Test func unknownEnvironmentLogLevelIsProblem() {
    var fixture = ConfigurationFixture()
    fixture.environment = ["NAVIXY_GATEWAY_LOG_LEVEL": "loud"]

    guard case .failure(let failure) = fixture.loadDefaults() else {
        Issue.record("an unknown level in the environment must not load")
        return
    }

    #expect(failure.problems.count == 1)
    #expect(failure.problems.first?.keyPath == "NAVIXY_GATEWAY_LOG_LEVEL")
    #expect(failure.problems.first?.message.contains("\"loud\"") == true)
}

@Test func logLevelsAreOrderedBySeverity() {
    #expect(LogLevel.debug < .info)
    #expect(LogLevel.info < .warning)
    #expect(LogLevel.warning < .error)
}
