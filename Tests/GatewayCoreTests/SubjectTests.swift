import GatewayCore
import Testing

@Test(arguments: ["u-42", "a", "User.Name_1:x@example-host", String(repeating: "z", count: 128)])
func subjectAcceptsAllowedCharacters(text: String) throws {
    let subject = try #require(Subject(text))
    #expect(subject.value == text)
    #expect(subject.description == text)
}

@Test(arguments: [
    "", String(repeating: "z", count: 129), "a/b", "a b", "a%b", "é", "a\u{0}", "a+b",
])
func subjectRejectsOtherText(text: String) {
    #expect(Subject(text) == nil)
}

@Test func subjectIsCaseSensitive() {
    #expect(Subject("U-42") != Subject("u-42"))
}

@Test func subjectDecodesPercentEscapes() throws {
    let subject = try #require(Subject(percentEncoded: "u%2D42%40mail"))
    #expect(subject.value == "u-42@mail")
}

@Test(arguments: ["a%2Fb", "a%2fb", "a%20b", "%", "a%2", "a%zz", "%FF"])
func subjectRejectsBadPathSegments(segment: String) {
    #expect(Subject(percentEncoded: segment) == nil)
}

@Test func subjectLengthCountsDecodedCharacters() {
    let segment = String(repeating: "%61", count: 128)
    #expect(Subject(percentEncoded: segment)?.value == String(repeating: "a", count: 128))
    #expect(Subject(percentEncoded: segment + "%61") == nil)
}
