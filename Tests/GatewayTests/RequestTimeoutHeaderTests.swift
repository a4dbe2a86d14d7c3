import Testing

@testable import Gateway

@Suite struct RequestTimeoutHeaderTests {
    @Test(arguments: [
        ("250", 250), (" 1500 ", 1500), ("1", 1), ("007", 7), ("999999999", 999_999_999),
    ])
    func wholeMillisecondsAreRead(value: String, milliseconds: Int) {
        #expect(RequestTimeoutHeader.timeout(from: value) == .milliseconds(milliseconds))
    }

    @Test(arguments: [
        "", " ", "0", "000", "-5", "+5", "1.5", "1e3", "250ms", "abc", "1000000000", "١٢",
    ])
    func malformedValuesAreIgnored(value: String) {
        #expect(RequestTimeoutHeader.timeout(from: value) == nil)
    }

    @Test func absentHeaderAsksNothing() {
        #expect(RequestTimeoutHeader.timeout(from: nil) == nil)
    }
}
