import GatewayCore
import Testing

@Test func percentDecodingLeavesPlainText() {
    #expect(PercentDecoding.decode("u-42") == "u-42")
    #expect(PercentDecoding.decode("") == "")
}

@Test func percentDecodingDecodesEitherCase() {
    #expect(PercentDecoding.decode("%2F%2f") == "//")
    #expect(PercentDecoding.decode("%C3%A9") == "é")
}

@Test(arguments: ["%", "%4", "%G0", "%0G", "abc%"])
func percentDecodingRejectsBrokenEscapes(text: String) {
    #expect(PercentDecoding.decode(text) == nil)
}

@Test func percentDecodingRejectsInvalidUTF8() {
    #expect(PercentDecoding.decode("%C3") == nil)
    #expect(PercentDecoding.decode("%FF") == nil)
}
