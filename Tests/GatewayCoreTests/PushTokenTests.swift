import GatewayCore
import Testing

@Test(arguments: [
    "f4be7b9d04da2ce1af111b", "x", String(repeating: "t", count: 4096),
    "https://fcm.googleapis.com/fcm/send/f6kicrBn7S0:APA91b", "ünïcode-tøken",
])
func pushTokenAcceptsPlainText(text: String) throws {
    let token = try #require(PushToken(text))
    #expect(token.secretValue == text)
}

@Test(arguments: [
    "", String(repeating: "t", count: 4097), "a b", "a\tb", "a\nb", " a", "a ", "a\u{0}b",
    "a\u{7f}b", "a\u{85}b", "a\u{a0}b", "a\u{2028}b", "a\u{3000}b",
])
func pushTokenRejectsWhitespaceAndControls(text: String) {
    #expect(PushToken(text) == nil)
}

@Test func pushTokenLengthCountsScalars() {
    #expect(PushToken(String(repeating: "é", count: 4096)) != nil)
    #expect(PushToken(String(repeating: "é", count: 4097)) == nil)
}

@Test func pushTokenNeverPrints() throws {
    let secret = "f4be7b9d04da2ce1af111b"
    let token = try #require(PushToken(secret))
    var dumped = ""
    dump(token, to: &dumped)
    #expect("\(token)" == "<redacted>")
    #expect(String(reflecting: token) == "PushToken(<redacted>)")
    #expect(!dumped.contains(secret))
}
