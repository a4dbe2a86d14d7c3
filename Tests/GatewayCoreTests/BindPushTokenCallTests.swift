import GatewayCore
import Testing

private let endpoint = "https://fcm.googleapis.com/fcm/send/f6kicrBn7S0:APA91b"
private let keysJSON =
    #"{"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4", "auth": "tBHItJI5svbpez7KI4CCXg"}"#

private func parse(
    _ body: String, known: [String] = CategoryFilter.defaultKnown
) throws -> BindPushTokenCall {
    try BindPushTokenCall.parse(try jsonObject(body), knownCategories: known)
}

private func parseError(_ body: String) throws -> GatewayError? {
    let object = try jsonObject(body)
    return thrownError { () throws(GatewayError) in
        try BindPushTokenCall.parse(object, knownCategories: CategoryFilter.defaultKnown)
    }
}

@Test func bindParsesAndroidCall() throws {
    let call = try parse(
        #"{"application": "android", "token": "f4be7b9d04da2ce1af111b", "#
            + #""categories": ["chat_message", "history_rule"]}"#)
    #expect(call.application == .androidViewer)
    #expect(call.token.secretValue == "f4be7b9d04da2ce1af111b")
    #expect(call.keys == nil)
    #expect(call.categoryFilter == .only(["chat_message", "history_rule"]))
}

@Test func bindWithoutCategoriesHasNoFilter() throws {
    let call = try parse(#"{"application": " IOS ", "token": "t", "categories": null}"#)
    #expect(call.application == .iphoneViewer)
    #expect(call.categoryFilter == nil)
}

@Test func bindParsesWebPushCall() throws {
    let call = try parse(
        #"{"application": "web", "token": "\#(endpoint)", "keys": \#(keysJSON), "#
            + #""categories": "-history_task"}"#)
    #expect(call.application == .w3cPushAPI)
    #expect(call.token.secretValue == endpoint)
    #expect(call.keys?.p256dh == "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4")
    #expect(call.keys?.auth == "tBHItJI5svbpez7KI4CCXg")
    #expect(call.categoryFilter == .allExcept(["history_task"]))
}

@Test func bindAcceptsNullKeysOutsideWebPush() throws {
    let call = try parse(#"{"application": "android", "token": "t", "keys": null}"#)
    #expect(call.keys == nil)
}

@Test func bindUsesConfiguredCategories() throws {
    let call = try parse(
        #"{"application": "ios", "token": "t", "categories": "b"}"#, known: ["a", "b"])
    #expect(call.categoryFilter == .only(["b"]))
}

@Test(arguments: [
    #"{"token": "t"}"#, #"{"application": null, "token": "t"}"#,
    #"{"application": 1, "token": "t"}"#, #"{"application": true, "token": "t"}"#,
    #"{"application": ["android"], "token": "t"}"#, #"{"application": "blackberry", "token": 1}"#,
    #"{"application": "", "token": "t"}"#,
])
func bindRejectsUnknownApplication(body: String) throws {
    let error = try #require(try parseError(body))
    #expect(error.code == .unknownApplication)
    for spelling in Application.acceptedSpellings {
        #expect(error.message.contains(spelling), "message lists \(spelling)")
    }
}

@Test(arguments: [
    #"{"application": "android"}"#, #"{"application": "android", "token": null}"#,
    #"{"application": "android", "token": true}"#, #"{"application": "android", "token": 42}"#,
    #"{"application": "android", "token": ["t"]}"#, #"{"application": "android", "token": ""}"#,
    #"{"application": "android", "token": "a b"}"#, #"{"application": "android", "token": "a\nb"}"#,
    #"{"application": "android", "token": "a\u0000b", "categories": 5}"#,
])
func bindRejectsInvalidToken(body: String) throws {
    let error = try #require(try parseError(body))
    #expect(error.code == .invalidToken)
}

@Test func bindRejectsTooLongToken() throws {
    let token = String(repeating: "t", count: 4097)
    let error = try #require(try parseError(#"{"application": "ios", "token": "\#(token)"}"#))
    #expect(error.code == .invalidToken)
    #expect(
        try parse(#"{"application": "ios", "token": "\#(token.dropLast())"}"#).token.secretValue
            .count == 4096)
}

@Test(arguments: [
    "f4be7b9d04da2ce1af111b", "http://push.example.com/send/1", "https:///send/1", "https:push",
    "ftp://push.example.com/x", "/relative/path", "push.example.com/send",
])
func bindRejectsNonHTTPSWebPushToken(token: String) throws {
    let body = #"{"application": "w3c_pushapi", "token": "\#(token)", "keys": \#(keysJSON)}"#
    let error = try #require(try parseError(body))
    #expect(error.code == .invalidToken)
    #expect(error.message.contains("https://"))
    #expect(!error.message.contains(token))
}

@Test func bindAcceptsUpperCaseHTTPSScheme() throws {
    let body =
        #"{"application": "w3c", "token": "HTTPS://push.example.com/x", "keys": \#(keysJSON)}"#
    #expect(try parse(body).token.secretValue == "HTTPS://push.example.com/x")
}

@Test(arguments: [
    "", #", "keys": null"#, #", "keys": "p256dh""#, #", "keys": []"#, #", "keys": true"#,
    #", "keys": {}"#, #", "keys": {"p256dh": "abc"}"#, #", "keys": {"auth": "abc"}"#,
    #", "keys": {"p256dh": "", "auth": "abc"}"#, #", "keys": {"p256dh": "abc", "auth": 1}"#,
    #", "keys": {"p256dh": "a+b/", "auth": "abc"}"#, #", "keys": {"p256dh": "abc", "auth": "a b"}"#,
    #", "keys": {"p256dh": null, "auth": "abc"}"#,
])
func bindRejectsInvalidWebPushKeys(keysMember: String) throws {
    let body = #"{"application": "webpush", "token": "\#(endpoint)"\#(keysMember)}"#
    let error = try #require(try parseError(body))
    #expect(error.code == .invalidKeys)
    #expect(!error.message.contains("tBHItJI5svbpez7KI4CCXg"))
}

@Test(arguments: ["android", "iphone"])
func bindRejectsKeysOutsideWebPush(application: String) throws {
    let body = #"{"application": "\#(application)", "token": "t", "keys": \#(keysJSON)}"#
    let error = try #require(try parseError(body))
    #expect(error.code == .invalidKeys)
    #expect(error.message.contains("w3c_pushapi"))
}

@Test func bindRejectsKeysOfWrongTypeOutsideWebPush() throws {
    let error = try #require(try parseError(#"{"application": "ios", "token": "t", "keys": 1}"#))
    #expect(error.code == .invalidKeys)
}

@Test(arguments: [
    #""categories": """#, #""categories": []"#, #""categories": true"#,
    #""categories": "chat_message,,history_rule""#, #""categories": {"include": []}"#,
])
func bindRejectsInvalidCategories(categoriesMember: String) throws {
    let error = try #require(
        try parseError(#"{"application": "android", "token": "t", \#(categoriesMember)}"#))
    #expect(error.code == .invalidCategories)
}

@Test func bindChecksMembersInOrder() throws {
    let allWrong = #"{"application": "x", "token": "", "keys": 1, "categories": 1}"#
    #expect(try parseError(allWrong)?.code == .unknownApplication)
    let tokenFirst = #"{"application": "web", "token": "", "keys": 1, "categories": 1}"#
    #expect(try parseError(tokenFirst)?.code == .invalidToken)
    let keysNext = #"{"application": "web", "token": "\#(endpoint)", "keys": 1, "categories": 1}"#
    #expect(try parseError(keysNext)?.code == .invalidKeys)
}

@Test func bindCallNeverPrintsSecrets() throws {
    let call = try parse(#"{"application": "web", "token": "\#(endpoint)", "keys": \#(keysJSON)}"#)
    var dumped = ""
    dump(call, to: &dumped)
    for printed in [String(describing: call), String(reflecting: call), dumped] {
        #expect(!printed.contains("f6kicrBn7S0"))
        #expect(!printed.contains("tBHItJI5svbpez7KI4CCXg"))
    }
}
