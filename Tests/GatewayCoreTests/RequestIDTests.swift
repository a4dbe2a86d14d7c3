import GatewayCore
import Testing

@Test(arguments: ["a", "req-1", "A.b_c:d-E9", String(repeating: "x", count: 128)])
func requestIDAcceptsAllowedText(header: String) {
    #expect(RequestID.accept(header) == header)
}

@Test(arguments: [
    "", String(repeating: "x", count: 129), "a b", "a/b", "a\nb", "a\"b", "é", "a@b", "a,b",
])
func requestIDRejectsOtherText(header: String) {
    #expect(RequestID.accept(header) == nil)
}

@Test func requestIDRejectsMissingHeader() {
    #expect(RequestID.accept(nil) == nil)
}

@Test func requestIDGeneratesHexFromRandomBits() {
    var random = ScriptedRandom([0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210])
    let id = RequestID.generate(using: &random)
    #expect(id == "0123456789abcdeffedcba9876543210")
    #expect(RequestID.accept(id) == id)
}

@Test func requestIDsDiffer() {
    var random = SystemRandomNumberGenerator()
    let first = RequestID.generate(using: &random)
    let second = RequestID.generate(using: &random)
    #expect(first.utf8.count == 32)
    #expect(first != second)
}
