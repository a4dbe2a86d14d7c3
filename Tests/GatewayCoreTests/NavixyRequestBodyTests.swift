import Foundation
import GatewayCore
import Testing

private let hashText = "22eac1c27af4be7b9d04da2ce1af111b"

private func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

@Test func navixyActionPaths() {
    #expect(NavixyAction.bindPushToken.path == "user/session/push_token/bind")
    #expect(NavixyAction.deletePushToken.path == "user/session/push_token/delete")
}

@Test func bindBodyWithoutOptionalMembers() throws {
    let hash = try #require(SessionHash(hashText.uppercased()))
    let token = try #require(PushToken("f4be7b9d04da2ce1af111b"))
    let call = BindPushTokenCall(
        application: .androidViewer, token: token, keys: nil, categoryFilter: nil)
    #expect(
        text(NavixyRequestBody.bind(hash: hash, call: call))
            == #"{"hash":"\#(hashText)","application":"navixy_android_viewer","#
            + #""token":"f4be7b9d04da2ce1af111b"}"#)
}

@Test func bindBodyWithKeysAndFilter() throws {
    let hash = try #require(SessionHash(hashText))
    let token = try #require(PushToken("https://push.example.com/send/a\"b\\c"))
    let keys = try #require(WebPushKeys(p256dh: "BNcR-_", auth: "tBHIxQ=="))
    let call = BindPushTokenCall(
        application: .w3cPushAPI, token: token, keys: keys,
        categoryFilter: .allExcept(["history_rule", "history_task"]))
    #expect(
        text(NavixyRequestBody.bind(hash: hash, call: call))
            == #"{"hash":"\#(hashText)","application":"w3c_pushapi","#
            + #""token":"https://push.example.com/send/a\"b\\c","#
            + #""parameters":{"p256dh":"BNcR-_","auth":"tBHIxQ=="},"#
            + #""category_filter":"-history_rule,history_task"}"#)
}

@Test func bindBodySendsAllFilter() throws {
    let hash = try #require(SessionHash(hashText))
    let token = try #require(PushToken("t"))
    let call = BindPushTokenCall(
        application: .iphoneViewer, token: token, keys: nil, categoryFilter: .all)
    let body = NavixyRequestBody.bind(hash: hash, call: call)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    #expect(object["category_filter"] as? String == "*")
    #expect(object["application"] as? String == "navixy_iphone_viewer")
    #expect(object["parameters"] == nil)
}

@Test func deleteBodyHoldsOnlyHash() throws {
    let hash = try #require(SessionHash(hashText))
    #expect(text(NavixyRequestBody.delete(hash: hash)) == #"{"hash":"\#(hashText)"}"#)
}
