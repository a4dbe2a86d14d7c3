import Foundation
import GatewayCore
import Testing

private func text(_ value: JSONValue) -> String {
    String(decoding: value.encoded, as: UTF8.self)
}

@Test func jsonValueKeepsMemberOrder() {
    let value: JSONValue = .object([
        ("z", .int(1)), ("a", .bool(true)), ("m", .null),
        ("list", .array([.int(-2), .bool(false)])),
    ])
    #expect(text(value) == #"{"z":1,"a":true,"m":null,"list":[-2,false]}"#)
}

@Test func jsonValueEscapesStrings() {
    let value: JSONValue = .string("q\"b\\s/n\nr\rt\tc\u{1}\u{1f}é\u{2028}")
    #expect(text(value) == #""q\"b\\s/n\nr\rt\tc\u0001\u001fé"# + "\u{2028}\"")
}

@Test func jsonValueEmptyContainers() {
    #expect(text(.object([])) == "{}")
    #expect(text(.array([])) == "[]")
    #expect(text(.string("")) == #""""#)
}

@Test func jsonValueRoundTripsEveryControlCharacter() throws {
    let original = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
    let bytes = JSONValue.object([("s", .string(original))]).encoded
    let decoded = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
    #expect(decoded?["s"] as? String == original)
}
