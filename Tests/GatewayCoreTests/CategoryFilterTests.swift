import GatewayCore
import Testing

/// Normalizes the `categories` member of a body written as JSON text, with the default names.
private func normalize(
    _ categoriesJSON: String, known: [String] = CategoryFilter.defaultKnown
) throws -> CategoryFilter? {
    let object = try jsonObject("{\"categories\": \(categoriesJSON)}")
    return try CategoryFilter.normalize(object["categories"], known: known)
}

/// Returns the error that normalizing the JSON text throws, or nil when it succeeds.
private func rejection(_ categoriesJSON: String) throws -> GatewayError? {
    let object = try jsonObject("{\"categories\": \(categoriesJSON)}")
    return thrownError { () throws(GatewayError) in
        try CategoryFilter.normalize(object["categories"], known: CategoryFilter.defaultKnown)
    }
}

private let everyName = CategoryFilter.defaultKnown

@Test func categoriesAbsentOrNullSendNoFilter() throws {
    #expect(try CategoryFilter.normalize(nil, known: everyName) == nil)
    #expect(try normalize("null") == nil)
}

@Test(arguments: [
    (#""*""#, "*"),
    (#""all""#, "*"),
    (#""history_rule, Chat_Message""#, "chat_message,history_rule"),
    (#"["history_rule", "chat_message", "chat_message"]"#, "chat_message,history_rule"),
    (#""-history_task,history_rule""#, "-history_rule,history_task"),
    (#""–history_task""#, "-history_task"),
    (#""—history_task""#, "-history_task"),
    (#""−history_task""#, "-history_task"),
    (#"{"exclude": ["history_task"]}"#, "-history_task"),
    (#"{"include": ["chat_message"]}"#, "chat_message"),
])
func categoriesNormalizeCommonInputs(input: String, wireValue: String) throws {
    let filter = try #require(try normalize(input))
    #expect(filter.wireValue == wireValue)
}

@Test(arguments: [
    (#"" * ""#, "*"),
    (#""ALL""#, "*"),
    (#""All""#, "*"),
    (#""  -history_task""#, "-history_task"),
    (#"" - history_task , history_rule ""#, "-history_rule,history_task"),
    (#""\tchat_message\n""#, "chat_message"),
    (#""chat_message,CHAT_MESSAGE""#, "chat_message"),
    (#""-history_task,history_task""#, "-history_task"),
    (#"[" History_Work_Status ", "chat_message"]"#, "chat_message,history_work_status"),
    (
        #"{"include": ["history_info", "chat_message", "history_info"]}"#,
        "chat_message,history_info"
    ),
    (#"{"exclude": ["History_Rule", "chat_message"]}"#, "-chat_message,history_rule"),
])
func categoriesTrimLowerCaseAndOrder(input: String, wireValue: String) throws {
    let filter = try #require(try normalize(input))
    #expect(filter.wireValue == wireValue)
}

@Test func categoriesIncludingEveryNameBecomeAll() throws {
    let reversed = everyName.reversed()
    let quoted = reversed.map { "\"\($0)\"" }.joined(separator: ",")
    #expect(try normalize("\"\(reversed.joined(separator: ","))\"") == .all)
    #expect(try normalize("[\(quoted)]") == .all)
    #expect(try normalize("{\"include\": [\(quoted)]}") == .all)
}

@Test func categoriesEmptyExcludeBecomesAll() throws {
    #expect(try normalize(#"{"exclude": []}"#) == .all)
}

@Test func categoriesBuildExpectedCases() throws {
    #expect(try normalize(#""chat_message""#) == .only(["chat_message"]))
    #expect(try normalize(#""-chat_message""#) == .allExcept(["chat_message"]))
    #expect(CategoryFilter.only(["a", "b"]).wireValue == "a,b")
    #expect(CategoryFilter.allExcept(["a", "b"]).wireValue == "-a,b")
    #expect(CategoryFilter.all.wireValue == "*")
}

@Test func categoriesDefaultKnownFollowsNavixyOrder() {
    #expect(
        CategoryFilter.defaultKnown == [
            "chat_message", "history_rule", "history_task", "history_info",
            "history_service_task", "history_work_status",
        ])
}

@Test func categoriesUseConfiguredNames() throws {
    let known = ["b_name", "a_name", "c_name"]
    #expect(try normalize(#""A_NAME,b_name""#, known: known)?.wireValue == "b_name,a_name")
    #expect(try normalize(#""-c_name""#, known: known)?.wireValue == "-c_name")
    #expect(try normalize(#""b_name,a_name,c_name""#, known: known) == .all)
    let error = try #require(
        thrownError { () throws(GatewayError) in
            try CategoryFilter.normalize("chat_message", known: known)
        })
    #expect(error.message.contains("b_name, a_name, c_name"))
}

@Test(arguments: [
    #""history_unknown""#, #""chat_message,unknown""#, #"["nope"]"#, #"{"include": ["nope"]}"#,
    #"{"exclude": ["nope"]}"#, #""-nope""#, #""chat-message""#, #""all,chat_message""#,
    #""*,chat_message""#, #""-*""#, #""-all""#, #""history_tas\u212A""#, #""chat message""#,
])
func categoriesRejectUnknownNames(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
    for name in everyName {
        #expect(error.message.contains(name), "message lists \(name)")
    }
}

@Test func categoriesQuoteShortUnknownNames() throws {
    let plain = try #require(try rejection(#""history_unknown""#))
    #expect(plain.message.contains("\"history_unknown\""))

    let long = String(repeating: "x", count: 65)
    let hidden = try #require(try rejection("\"\(long)\""))
    #expect(!hidden.message.contains(long))
    let strange = try #require(try rejection(#""f4be/7b9d""#))
    #expect(!strange.message.contains("f4be/7b9d"))
}

@Test(arguments: [#""""#, #""   ""#, "[]", #"{"include": []}"#])
func categoriesRejectEmptyIncludeList(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
    #expect(error.message.contains("names no category"))
}

@Test func categoriesRejectExcludingEveryName() throws {
    let list = everyName.joined(separator: ",")
    let quoted = everyName.map { "\"\($0)\"" }.joined(separator: ",")
    for input in ["\"-\(list)\"", "\"−\(list)\"", "{\"exclude\": [\(quoted)]}"] {
        let error = try #require(try rejection(input), "\(input)")
        #expect(error.code == .invalidCategories)
        #expect(error.message.contains("Delete the push token"))
    }
}

@Test(arguments: [
    #""chat_message,-history_rule""#, #""chat_message, -history_rule""#,
    #""chat_message,–history_rule""#, #""-chat_message,-history_rule""#,
    #""--history_task""#, #""-—history_task""#,
])
func categoriesRejectMinusInsideList(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
    #expect(error.message.contains("minus"))
}

@Test(arguments: [
    #""chat_message,,history_rule""#, #""chat_message,""#, #"",chat_message""#,
    #""chat_message, ,history_rule""#, #""-""#, #"" - ""#, #""-chat_message,""#, #"",""#,
])
func categoriesRejectEmptyItems(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
    #expect(error.message.contains("empty item"))
}

@Test(arguments: [
    #"["*"]"#, #"["-history_task"]"#, #"["–history_task"]"#, #"[""]"#, #"["chat_message", 1]"#,
    "[true]", "[null]", #"[["chat_message"]]"#, #"{"include": ["*"]}"#,
    #"{"exclude": ["-history_task"]}"#,
])
func categoriesArraysHoldNamesOnly(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
}

@Test(arguments: [
    "{}", #"{"include": ["chat_message"], "exclude": ["history_task"]}"#,
    #"{"only": ["chat_message"]}"#, #"{"include": ["chat_message"], "note": 1}"#,
    #"{"include": "chat_message"}"#, #"{"exclude": "history_task"}"#, #"{"exclude": null}"#,
    #"{"Include": ["chat_message"]}"#,
])
func categoriesObjectNeedsOneListMember(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
}

@Test(arguments: ["true", "false", "0", "1", "1.5"])
func categoriesRejectOtherJSONTypes(input: String) throws {
    let error = try #require(try rejection(input))
    #expect(error.code == .invalidCategories)
    #expect(error.message.contains("must be a string, an array"))
}
