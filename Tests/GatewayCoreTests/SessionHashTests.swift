import GatewayCore
import Testing

private let hashText = "22eac1c27af4be7b9d04da2ce1af111b"

@Test func sessionHashKeepsLowerCase() throws {
    let hash = try #require(SessionHash(hashText.uppercased()))
    #expect(hash.secretValue == hashText)
    #expect(SessionHash(hashText) == hash)
}

@Test(arguments: [
    "", String(hashText.dropLast()), hashText + "0", "g" + hashText.dropFirst(),
    " " + hashText.dropFirst(), "22eac1c27af4be7b9d04da2ce1af111ь",
])
func sessionHashRejectsOtherText(text: String) {
    #expect(SessionHash(text) == nil)
}

@Test func sessionHashNeverPrints() throws {
    let hash = try #require(SessionHash(hashText))
    var dumped = ""
    dump(hash, to: &dumped)
    #expect("\(hash)" == "<redacted>")
    #expect(String(reflecting: hash) == "SessionHash(<redacted>)")
    #expect(!dumped.contains(hashText))
    #expect(!String(describing: [hash]).contains(hashText))
}
