import GatewayCore
import Testing

private let p256dh =
    "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"

@Test(arguments: [p256dh, "tBHItJI5svbpez7KI4CCXg", "a", "ab==", "abc=", "abcd", "A-_z"])
func webPushKeysAcceptBase64URL(text: String) throws {
    let keys = try #require(WebPushKeys(p256dh: text, auth: text))
    #expect(keys.p256dh == text)
    #expect(keys.auth == text)
}

@Test(arguments: ["", "=", "==", "a+b", "a/b", "a b", "a=b", "abc==", "a===", "ab=", "é"])
func webPushKeysRejectOtherText(text: String) {
    #expect(WebPushKeys(p256dh: text, auth: "tBHItJI5svbpez7KI4CCXg") == nil)
    #expect(WebPushKeys(p256dh: p256dh, auth: text) == nil)
}

@Test func webPushKeysNeverPrint() throws {
    let keys = try #require(WebPushKeys(p256dh: p256dh, auth: "tBHItJI5svbpez7KI4CCXg"))
    var dumped = ""
    dump(keys, to: &dumped)
    #expect("\(keys)" == "<redacted>")
    #expect(String(reflecting: keys) == "WebPushKeys(<redacted>)")
    #expect(!dumped.contains("tBHItJI5svbpez7KI4CCXg"))
}
