import GatewayConfig
import Testing

/// A file with exactly one problem, the key path it must name and a part of its message.
struct ProblemCase: Sendable, CustomTestStringConvertible {
    let json: String
    let keyPath: String
    let fragment: String

    init(_ json: String, _ keyPath: String, _ fragment: String) {
        self.json = json
        self.keyPath = keyPath
        self.fragment = fragment
    }

    var testDescription: String { json }
}

private let typeAndRangeCases: [ProblemCase] = [
    ProblemCase(#"[]"#, "", "the configuration must be a JSON object, got a list"),
    ProblemCase(#"{"retyr": 1}"#, "retyr", "unknown key; expected one of listen, store"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test", "retyr": {}}}}"#,
        "regions.eu.retyr", "unknown key"),
    ProblemCase(
        #"{"limits": {"max_body_bytes": "64k"}}"#, "limits.max_body_bytes",
        "expected an integer from 1 to 16777216, got a string"),
    ProblemCase(
        #"{"limits": {"max_body_bytes": 0}}"#, "limits.max_body_bytes",
        "expected an integer from 1 to 16777216, got 0"),
    ProblemCase(
        #"{"limits": {"idle_timeout_ms": 1.5}}"#, "limits.idle_timeout_ms",
        "expected an integer from 1000 to 3600000, got 1.5"),
    ProblemCase(
        #"{"shutdown": {"grace_ms": true}}"#, "shutdown.grace_ms",
        "expected an integer from 0 to 600000, got a boolean"),
    ProblemCase(
        #"{"shutdown": {"drain_timeout_ms": null}}"#, "shutdown.drain_timeout_ms",
        "got null"),
    ProblemCase(
        #"{"gzip_min_bytes": 99999999999999999999}"#, "gzip_min_bytes",
        "expected an integer from 0 to 16777216, got 99999999999999999999"),
    ProblemCase(#"{"limits": []}"#, "limits", "expected an object, got a list"),
    ProblemCase(#"{"log_level": "verbose"}"#, "log_level", "unknown log level \"verbose\""),
    ProblemCase(#"{"log_level": 3}"#, "log_level", "expected a string, got a number"),
]

private let addressCases: [ProblemCase] = [
    ProblemCase(#"{"listen": "localhost:8080"}"#, "listen", "invalid listen address"),
    ProblemCase(#"{"listen": "::1:8080"}"#, "listen", "\"::1:8080\""),
    ProblemCase(#"{"listen": "127.0.0.1:70000"}"#, "listen", "port from 0 to 65535"),
    ProblemCase(#"{"listen": "127.0.0.1"}"#, "listen", "expected IPV4:PORT or [IPV6]:PORT"),
    ProblemCase(#"{"listen": "[127.0.0.1]:80"}"#, "listen", "invalid listen address"),
    ProblemCase(#"{"store": "sqlite:"}"#, "store", "expected sqlite:PATH with a non-empty path"),
    ProblemCase(#"{"store": "mysql://db/gateway"}"#, "store", "or a postgres:// or"),
    ProblemCase(#"{"store": "postgres:db"}"#, "store", "invalid store"),
]

private let regionCases: [ProblemCase] = [
    ProblemCase(#"{"regions": {}}"#, "regions", "no regions; expected at least one"),
    ProblemCase(
        #"{"regions": {"EU": {"base_url": "https://a.test"}}}"#, "regions.EU",
        "invalid region name \"EU\"; expected 1 to 32 characters of a-z, 0-9, _ and -"),
    ProblemCase(
        #"{"regions": {"eu": {"timeout_ms": 1000}}}"#, "regions.eu.base_url",
        "missing; expected the region's API URL"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "ftp://a.test"}}}"#, "regions.eu.base_url",
        "unsupported scheme \"ftp\""),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "/v2"}}}"#, "regions.eu.base_url",
        "invalid URL \"/v2\""),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https:/a.test"}}}"#, "regions.eu.base_url",
        "no host in \"https:/a.test\""),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test/v2?x=1"}}}"#, "regions.eu.base_url",
        "a query is not allowed"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test/v2#top"}}}"#, "regions.eu.base_url",
        "a fragment is not allowed"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a test"}}}"#, "regions.eu.base_url",
        "expected an absolute http:// or https:// URL"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test", "ca_file": "/missing.pem"}}}"#,
        "regions.eu.ca_file", "failed to read \"/missing.pem\""),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test", "ca_file": "/etc/hostname"}}}"#,
        "regions.eu.ca_file", "contains no PEM certificate"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test", "retry": {"max_attempts": 0}}}}"#,
        "regions.eu.retry.max_attempts", "expected an integer from 1 to 10, got 0"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test", "retry": {"base_delay_ms": 3000}}}}"#,
        "regions.eu.retry.base_delay_ms", "3000 is above max_delay_ms (2000)"),
    ProblemCase(
        #"{"regions": {"eu": {"base_url": "https://a.test", "circuit": {"open_ms": 1}}}}"#,
        "regions.eu.circuit.open_ms", "expected an integer from 100 to 3600000, got 1"),
]

private let categoryCases: [ProblemCase] = [
    ProblemCase(#"{"categories": []}"#, "categories", "the list is empty"),
    ProblemCase(#"{"categories": "chat_message"}"#, "categories", "expected a list, got a string"),
    ProblemCase(
        #"{"categories": ["chat_message", "Chat-Message"]}"#, "categories[1]",
        "invalid category name \"Chat-Message\"; expected 1 to 64 characters of a-z, 0-9 and _"),
    ProblemCase(
        #"{"categories": ["chat_message", "chat_message"]}"#, "categories[1]",
        "duplicate category name \"chat_message\""),
]

@Test(arguments: typeAndRangeCases + addressCases + regionCases + categoryCases)
func fileWithOneProblem(_ problemCase: ProblemCase) throws {
    var fixture = ConfigurationFixture()
    fixture.files = ["/etc/ca.pem": "-----BEGIN CERTIFICATE-----\n", "/etc/hostname": "gw-1\n"]

    let problems = fixture.problems(problemCase.json)

    #expect(problems.count == 1, "\(problems)")
    let problem = try #require(problems.first)
    #expect(problem.keyPath == problemCase.keyPath)
    #expect(problem.message.contains(problemCase.fragment), "\(problem.message)")
}

@Test func jsonSyntaxErrorIsOneProblemWithPosition() throws {
    let problems = ConfigurationFixture().problems("{\n  \"listen\": \"127.0.0.1:8080\",,\n}")

    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.keyPath == "")
    #expect(problem.message.contains("/etc/navixy-gateway/gateway.json is not valid JSON"))
    #expect(problem.message.contains("line 2, column 30"), "\(problem.message)")
}

@Test func jsonSyntaxErrorColumnCountsCharacters() throws {
    let problems = ConfigurationFixture().problems(#"{"log_level": "ééé",,}"#)

    let problem = try #require(problems.first)
    #expect(problem.message.hasSuffix("Invalid value at line 1, column 21"), "\(problem.message)")
}

@Test func unreadableFileIsOneProblem() throws {
    let result = ConfigurationFixture().loadFile(at: "/missing.json")

    guard case .failure(let failure) = result else {
        Issue.record("a missing file must not load")
        return
    }
    #expect(failure.problems.count == 1)
    #expect(failure.description.hasPrefix("failed to read configuration file /missing.json"))
}

@Test func postgresPasswordStaysOutOfMessages() throws {
    let problems = ConfigurationFixture().problems(#"{"store": "postgres:user:hunter2@db"}"#)

    let problem = try #require(problems.first)
    #expect(!problem.message.contains("hunter2"))
}

@Test func baseURLCredentialsStayOutOfMessages() throws {
    let json = #"{"regions": {"eu": {"base_url": "https://user:hunter2@a.test/v2"}}}"#

    let problems = ConfigurationFixture().problems(json)

    let problem = try #require(problems.first)
    #expect(problem.keyPath == "regions.eu.base_url")
    #expect(problem.message.contains("user information is not allowed"))
    #expect(!problem.message.contains("hunter2"))
}

@Test func noCallersAndPublicListenIsProblem() throws {
    let problems = ConfigurationFixture().problems(#"{"listen": "0.0.0.0:8080"}"#)

    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.keyPath == "listen")
    #expect(problem.message.contains("authentication is off"))
    #expect(problem.message.contains("0.0.0.0:8080"))
}

@Test func everyProblemIsCollected() throws {
    let json = """
        {"listen": "nowhere", "store": "sqlite:", "lmits": {},
         "regions": {"eu": {"base_url": "ftp://a.test", "timeout_ms": 0}},
         "callers": [{"name": "", "scopes": ["admin"]}],
         "categories": [], "log_level": "loud"}
        """

    let problems = ConfigurationFixture().problems(json)

    #expect(
        problems.map(\.keyPath) == [
            "lmits", "listen", "store", "regions.eu.base_url", "regions.eu.timeout_ms",
            "callers[0].name", "callers[0]", "callers[0].scopes[0]", "categories", "log_level",
        ]
    )
}

@Test func problemsDescriptionHasOneLinePerProblem() throws {
    let json = #"{"listen": "nowhere", "gzip_min_bytes": -1}"#

    guard case .failure(let failure) = ConfigurationFixture().load(json) else {
        Issue.record("an invalid file must not load")
        return
    }

    let lines = failure.description.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("listen: invalid listen address \"nowhere\"") == true)
    #expect(lines.last == "gzip_min_bytes: expected an integer from 0 to 16777216, got -1")
}

@Test func delayOrderIsCheckedBesideOtherRetryProblems() {
    let problems = ConfigurationFixture().problems(
        #"{"regions": {"eu": {"base_url": "https://a.test", "retry": "#
            + #"{"max_attempts": 0, "base_delay_ms": 5000, "max_delay_ms": 10}}}}"#)
    let keyPaths = problems.map(\.keyPath)
    #expect(keyPaths.contains("regions.eu.retry.max_attempts"))
    #expect(keyPaths.contains("regions.eu.retry.base_delay_ms"))
}
