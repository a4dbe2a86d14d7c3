import Foundation
import Testing

@testable import GatewayCore

/// Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110.
private let exampleDate = Date(timeIntervalSince1970: 784_111_777)
private let thirtySecondsBefore = exampleDate.addingTimeInterval(-30)

@Test(arguments: [("120", 120), ("0", 0), (" 5 ", 5), ("\t7", 7), ("86400", 86_400)])
func retryAfterReadsSeconds(header: String, seconds: Int64) {
    #expect(RetryAfter.parse(header, now: exampleDate) == .seconds(seconds))
}

@Test(arguments: ["86401", "100000", "99999999999999999999999"])
func retryAfterCapsLongDelays(header: String) {
    #expect(RetryAfter.parse(header, now: exampleDate) == RetryAfter.maxDelay)
}

@Test(arguments: [
    "", " ", "-1", "+5", "1.5", "1e3", "abc", "5 s", "Sun, 06 Nov 1994 08:49:37 UTC",
    "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:61 GMT",
    "Sun 06 Nov 1994 08:49:37 GMT",
    "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
    "Sun, 06 nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
    "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun, 06-Nov-94 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37",
    "Sun Nov 6 08:49:37 94", "Sun Nov 006 08:49:37 1994", "Sunday Nov  6 08:49:37 1994",
    "Sun, 00 Nov 1994 08:49:37 GMT",
])
func retryAfterRejectsOtherText(header: String) {
    #expect(RetryAfter.parse(header, now: exampleDate) == nil)
}

@Test(arguments: [
    "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
])
func retryAfterReadsEachDateFormat(header: String) {
    #expect(RetryAfter.parse(header, now: thirtySecondsBefore) == .seconds(30))
}

@Test func retryAfterPastDateMeansNow() {
    let later = exampleDate.addingTimeInterval(3600)
    #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: later) == .zero)
}

@Test func retryAfterKeepsSubsecondOffset() {
    let now = exampleDate.addingTimeInterval(-1.25)
    #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .milliseconds(1250))
}

@Test func retryAfterCapsDistantDates() {
    #expect(
        RetryAfter.parse("Sun, 06 Nov 2094 08:49:37 GMT", now: exampleDate) == RetryAfter.maxDelay)
}

@Test func rfc850YearsStayWithinFiftyYears() {
    // 2025-01-01T00:00:00Z
    let now = Date(timeIntervalSince1970: 1_735_689_600)
    #expect(RetryAfter.parse("Wednesday, 01-Jan-25 00:00:30 GMT", now: now) == .seconds(30))
    #expect(RetryAfter.parse("Tuesday, 01-Jan-80 00:00:00 GMT", now: now) == .zero)
    #expect(RetryAfter.parse("Tuesday, 01-Jan-30 00:00:00 GMT", now: now) == RetryAfter.maxDelay)
    let year1980 = HTTPDate.secondsSince1970("Tuesday, 01-Jan-80 00:00:00 GMT", now: now)
    #expect(year1980 == 315_532_800)
    let year2075 = HTTPDate.secondsSince1970("Tuesday, 01-Jan-75 00:00:00 GMT", now: now)
    #expect(year2075 == 3_313_526_400)
}

@Test func httpDateHandlesLeapYears() {
    let now = exampleDate
    #expect(HTTPDate.secondsSince1970("Thu, 29 Feb 1996 00:00:00 GMT", now: now) == 825_552_000)
    #expect(HTTPDate.secondsSince1970("Tue, 29 Feb 2000 00:00:00 GMT", now: now) == 951_782_400)
    #expect(HTTPDate.secondsSince1970("Thu, 29 Feb 1900 00:00:00 GMT", now: now) == nil)
    #expect(HTTPDate.secondsSince1970("Sat, 29 Feb 1997 00:00:00 GMT", now: now) == nil)
}

@Test func httpDateMatchesFoundationCalendar() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    for year in stride(from: 1601, through: 2400, by: 7) {
        for month in 1...12 {
            let day = (year + month) % 28 + 1
            let parts = DateComponents(
                year: year, month: month, day: day, hour: 23, minute: 59, second: 58)
            let expected = try #require(calendar.date(from: parts)).timeIntervalSince1970
            let text = "Mon, \(day < 10 ? "0" : "")\(day) \(months[month - 1]) \(year) 23:59:58 GMT"
            #expect(HTTPDate.secondsSince1970(text, now: exampleDate) == Int64(expected), "\(text)")
        }
    }
}
