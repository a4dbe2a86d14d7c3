import GatewayCore
import Testing

@Test(arguments: [
    (" a ", "a"), ("\t\n a b \r\n", "a b"), ("\u{00A0}x\u{2003}", "x"), ("   ", ""), ("", ""),
    ("é", "é"), ("\u{85}y", "y"),
])
func trimmingWhitespaceMatchesFoundation(input: String, expected: String) {
    #expect(input.trimmingWhitespace() == expected)
}
