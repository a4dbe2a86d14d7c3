import Foundation
import GatewayCore
import Testing

private func parseError(_ text: String) -> GatewayError? {
    thrownError { () throws(GatewayError) in try JSONBody.parseObject(Array(text.utf8)) }
}

@Test func jsonBodyParsesObjects() throws {
    let object = try JSONBody.parseObject(Array(#"{"a": "x", "b": [1], "c": null}"#.utf8))
    #expect(object["a"] as? String == "x")
    #expect((object["b"] as? [Any])?.count == 1)
    #expect(object["c"] is NSNull)
    #expect(try JSONBody.parseObject(Array(" {} ".utf8)).isEmpty)
}

@Test(arguments: [
    "", " ", "not json", "{", #"{"a": 1,}"#, #"{"a": [1, ]}"#, "{\"a\": {\"b\": 1,\n}}",
    #"{"a": 1} x"#, "{'a': 1}", #"{"a": 1}{"#, #"{"a": NaN}"#, #"{a: 1}"#, #"{"a": 01}"#,
    #"{"a": "\x"}"#, "{\"a\": \"\t\"}", #"{"a": 1 // note"# + "\n}", #"[1,,2]"#,
])
func jsonBodyRejectsInvalidJSON(text: String) throws {
    let error = try #require(parseError(text))
    #expect(error.code == .invalidJSON)
    #expect(error.status == 400)
}

@Test(arguments: ["[]", #"[{"a": 1}]"#, #""text""#, "1", "true", "null"])
func jsonBodyRejectsNonObjects(text: String) throws {
    let error = try #require(parseError(text))
    #expect(error.code == .invalidJSON)
    #expect(error.message.contains("JSON object"))
}

@Test func jsonBodyKeepsCommasInsideStrings() throws {
    let object = try JSONBody.parseObject(Array(#"{"a": ",]", "b": "\",}", "c": "\\"}"#.utf8))
    #expect(object["a"] as? String == ",]")
    #expect(object["b"] as? String == "\",}")
    #expect(object["c"] as? String == "\\")
}

@Test func jsonBodyRejectsInvalidUTF8() throws {
    let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xff, 0xfe] + Array(#""}"#.utf8)
    let error = thrownError { () throws(GatewayError) in try JSONBody.parseObject(bytes) }
    #expect(error?.code == .invalidJSON)
}

@Test func jsonBodyRejectsDeepNesting() throws {
    let depth = 100_000
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let error = try #require(parseError("{\"a\": \(text)}"))
    #expect(error.code == .invalidJSON)
}
