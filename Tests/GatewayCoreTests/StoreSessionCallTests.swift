import GatewayCore
import Testing

private let hashText = "22eac1c27af4be7b9d04da2ce1af111b"
private let regions: Set<String> = ["eu", "us"]

private func parse(_ body: String) throws -> StoreSessionCall {
    try StoreSessionCall.parse(try jsonObject(body), regions: regions)
}

private func parseError(_ body: String) throws -> GatewayError? {
    let object = try jsonObject(body)
    return thrownError { () throws(GatewayError) in
        try StoreSessionCall.parse(object, regions: regions)
    }
}

@Test func storeSessionParsesValidBody() throws {
    let call = try parse(#"{"hash": "22EAC1C27AF4BE7B9D04DA2CE1AF111B", "region": "eu"}"#)
    #expect(call.hash.secretValue == hashText)
    #expect(call.region == "eu")
}

@Test func storeSessionIgnoresOtherMembers() throws {
    let call = try parse(#"{"hash": "\#(hashText)", "region": "us", "note": [1]}"#)
    #expect(call.region == "us")
}

@Test(arguments: [
    #"{"region": "eu"}"#, #"{"hash": null, "region": "eu"}"#, #"{"hash": 1, "region": "eu"}"#,
    #"{"hash": true, "region": "eu"}"#, #"{"hash": ["\#(hashText)"], "region": "eu"}"#,
    #"{"hash": "22eac1c27af4be7b9d04da2ce1af111", "region": "eu"}"#,
    #"{"hash": "22eac1c27af4be7b9d04da2ce1af111bb", "region": "eu"}"#,
    #"{"hash": "zzeac1c27af4be7b9d04da2ce1af111b", "region": "eu"}"#,
    #"{"hash": " \#(hashText)", "region": "eu"}"#, #"{"hash": "", "region": "nowhere"}"#,
])
func storeSessionRejectsBadHash(body: String) throws {
    let error = try #require(try parseError(body))
    #expect(error.code == .invalidHash)
    #expect(error.message.contains("\"hash\""))
}

@Test(arguments: [
    #"{"hash": "\#(hashText)"}"#, #"{"hash": "\#(hashText)", "region": null}"#,
    #"{"hash": "\#(hashText)", "region": 1}"#, #"{"hash": "\#(hashText)", "region": "EU"}"#,
    #"{"hash": "\#(hashText)", "region": " eu"}"#, #"{"hash": "\#(hashText)", "region": ""}"#,
    #"{"hash": "\#(hashText)", "region": ["eu"]}"#,
])
func storeSessionRejectsUnknownRegion(body: String) throws {
    let error = try #require(try parseError(body))
    #expect(error.code == .unknownRegion)
    #expect(error.message.contains("eu, us"))
}

@Test func storeSessionMessagesHideHash() throws {
    let body = #"{"hash": "\#(hashText)", "region": "mars"}"#
    let error = try #require(try parseError(body))
    #expect(!error.message.contains(hashText))
    let shortHash = String(hashText.dropLast())
    let hashError = try #require(try parseError(#"{"hash": "\#(shortHash)", "region": "eu"}"#))
    #expect(!hashError.message.contains(shortHash))
}
