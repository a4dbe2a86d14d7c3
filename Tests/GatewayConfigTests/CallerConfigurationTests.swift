import GatewayConfig
import Testing

/// A key that must never appear in a problem or warning message.
private let secretKey = "s3cret-caller-key-0123456789"

private func callersJSON(_ callers: String) -> String {
    #"{"listen": "0.0.0.0:8080", "callers": [\#(callers)]}"#
}

@Test func keyEnvReadsTheEnvironment() throws {
    var fixture = ConfigurationFixture()
    fixture.environment = ["APP_KEY": secretKey]
    let json = callersJSON(#"{"name": "app", "key_env": "APP_KEY", "scopes": ["push"]}"#)

    let callers = try fixture.load(json).get().configuration.callers

    #expect(callers.first?.key == secretKey)
}

@Test func keyFileIsTrimmedOfWhiteSpace() throws {
    var fixture = ConfigurationFixture()
    fixture.files = ["/run/secrets/app": "\n\t \(secretKey) \r\n"]
    let json = callersJSON(#"{"name": "app", "key_file": "/run/secrets/app", "scopes": ["push"]}"#)

    let callers = try fixture.load(json).get().configuration.callers

    #expect(callers.first?.key == secretKey)
}

@Test func duplicateScopesCollapse() throws {
    let json = callersJSON(
        #"{"name": "app", "key": "\#(secretKey)", "scopes": ["push", "push", "sessions"]}"#)

    let callers = try ConfigurationFixture().load(json).get().configuration.callers

    #expect(callers.first?.scopes == [.push, .sessions])
}

private let callerCases: [ProblemCase] = [
    ProblemCase(callersJSON(#"{"key": "k", "scopes": ["push"]}"#), "callers[0].name", "missing"),
    ProblemCase(
        callersJSON(#"{"name": "", "key": "k", "scopes": ["push"]}"#), "callers[0].name",
        "invalid caller name \"\""),
    ProblemCase(
        callersJSON(#"{"name": "a b", "key": "k", "scopes": ["push"]}"#), "callers[0].name",
        "expected 1 to 64 characters"),
    ProblemCase(
        callersJSON(#"{"name": "app", "scopes": ["push"]}"#), "callers[0]",
        "expected exactly one of key, key_env or key_file, found none"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "k", "key_env": "K", "scopes": ["push"]}"#),
        "callers[0]", "found key and key_env"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "", "scopes": ["push"]}"#), "callers[0].key",
        "empty key"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": 42, "scopes": ["push"]}"#), "callers[0].key",
        "expected a string, got a number"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key_env": "UNSET_KEY", "scopes": ["push"]}"#),
        "callers[0].key_env", "the environment variable UNSET_KEY is not set"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key_env": "EMPTY_KEY", "scopes": ["push"]}"#),
        "callers[0].key_env", "the environment variable EMPTY_KEY is empty"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key_env": "", "scopes": ["push"]}"#),
        "callers[0].key_env", "empty variable name"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key_file": "/run/secrets/none", "scopes": ["push"]}"#),
        "callers[0].key_file", "failed to read key file \"/run/secrets/none\""),
    ProblemCase(
        callersJSON(#"{"name": "app", "key_file": "/run/secrets/blank", "scopes": ["push"]}"#),
        "callers[0].key_file", "the key file \"/run/secrets/blank\" is empty"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "two words here!!", "scopes": ["push"]}"#),
        "callers[0].key", "expected visible ASCII characters only"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "k"}"#), "callers[0].scopes",
        "missing; expected a non-empty list of push and sessions"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "k", "scopes": []}"#), "callers[0].scopes",
        "the list is empty"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "k", "scopes": ["push", "admin"]}"#),
        "callers[0].scopes[1]", "unknown scope \"admin\"; expected push or sessions"),
    ProblemCase(
        callersJSON(#"{"name": "app", "key": "k", "scopes": ["push"], "role": "x"}"#),
        "callers[0].role", "unknown key"),
    ProblemCase(#"{"callers": {}}"#, "callers", "expected a list, got an object"),
]

@Test(arguments: callerCases)
func callerWithOneProblem(_ problemCase: ProblemCase) throws {
    var fixture = ConfigurationFixture()
    fixture.environment = ["EMPTY_KEY": ""]
    fixture.files = ["/run/secrets/blank": " \n\t\n"]

    let problems = fixture.problems(problemCase.json)

    #expect(problems.count == 1, "\(problems)")
    let problem = try #require(problems.first)
    #expect(problem.keyPath == problemCase.keyPath)
    #expect(problem.message.contains(problemCase.fragment), "\(problem.message)")
}

@Test func duplicateCallerNameIsProblem() throws {
    let json = callersJSON(
        #"""
        {"name": "app", "key": "\#(secretKey)-1", "scopes": ["push"]},
        {"name": "app", "key": "\#(secretKey)-2", "scopes": ["push"]}
        """#)

    let problems = ConfigurationFixture().problems(json)

    #expect(problems.count == 1)
    #expect(problems.first?.keyPath == "callers[1].name")
    #expect(problems.first?.message.contains("already used by callers[0]") == true)
}

@Test func sharedKeyIsProblemWithoutTheKey() throws {
    var fixture = ConfigurationFixture()
    fixture.environment = ["APP_KEY": secretKey]
    fixture.files = ["/run/secrets/other": secretKey + "\n"]
    let json = callersJSON(
        #"""
        {"name": "app", "key_env": "APP_KEY", "scopes": ["push"]},
        {"name": "other", "key_file": "/run/secrets/other", "scopes": ["sessions"]}
        """#)

    let problems = fixture.problems(json)

    #expect(problems.count == 1)
    #expect(problems.first?.keyPath == "callers[1]")
    #expect(problems.first?.message.contains("same as the key of callers[0]") == true)
    #expect(problems.first?.message.contains(secretKey) == false)
}

@Test func keyValuesNeverAppearInMessages() {
    var fixture = ConfigurationFixture()
    fixture.environment = ["BAD_KEY": "\(secretKey) with spaces"]
    fixture.files = ["/run/secrets/bad": "\(secretKey)\u{7}"]
    let json = callersJSON(
        #"""
        {"name": "a", "key": "\#(secretKey)\t", "scopes": ["push"]},
        {"name": "b", "key_env": "BAD_KEY", "scopes": []},
        {"name": "c", "key_file": "/run/secrets/bad", "scopes": ["nope"]},
        {"name": "d", "key": "\#(secretKey)", "key_env": "BAD_KEY", "scopes": ["push"]},
        {"name": "d", "key": "short", "scopes": ["push"]}
        """#)

    let result = fixture.load(json)

    guard case .failure(let failure) = result else {
        Issue.record("callers with bad keys must not load")
        return
    }
    #expect(failure.problems.count == 7, "\(failure)")
    #expect(!failure.description.contains(secretKey))
    #expect(!failure.description.contains("short"))
}

@Test func callersAllowPublicListen() throws {
    let json = callersJSON(#"{"name": "app", "key": "\#(secretKey)", "scopes": ["push"]}"#)

    let loaded = try ConfigurationFixture().load(json).get()

    #expect(!loaded.configuration.listen.isLoopback)
}
