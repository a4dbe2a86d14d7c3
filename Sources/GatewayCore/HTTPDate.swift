import Foundation

/// Parsing of HTTP dates in the three formats that RFC 9110, section 5.6.7, requires
/// recipients to accept:
/// - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - the obsolete RFC 850 format: `Sunday, 06-Nov-94 08:49:37 GMT`;
/// - the obsolete asctime format: `Sun Nov  6 08:49:37 1994`.
enum HTTPDate {
    /// Returns the date as seconds since 1970-01-01 00:00:00 UTC, or nil when the text is not
    /// an HTTP date. `now` resolves the two-digit years of the RFC 850 format.
    static func secondsSince1970(_ text: String, now: Date) -> Int64? {
        let fields = text.split(separator: " ")
        let parts: DateParts?
        switch fields.count {
        case 6: parts = imfFixdate(fields)
        case 4: parts = rfc850Date(fields, now: now)
        case 5: parts = asctimeDate(fields)
        default: parts = nil
        }
        return parts?.secondsSince1970
    }

    /// The fields of a date, each checked against its range.
    struct DateParts {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int

        /// The seconds since 1970, counting days with the proleptic Gregorian calendar.
        var secondsSince1970: Int64? {
            guard (1...daysInMonth).contains(day) else { return nil }
            let days = Self.daysSince1970(year: year, month: month, day: day)
            return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        }

        private var daysInMonth: Int {
            let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let lengths = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return lengths[month - 1]
        }

        /// Counts days from 1970-01-01. Years are shifted to start in March, so that the leap
        /// day ends a year, and 400-year eras, which repeat exactly, keep the numbers small.
        private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
            let shiftedYear = month <= 2 ? year - 1 : year
            let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
            let yearOfEra = shiftedYear - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }

    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    private static let shortDayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longDayNames = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]

    /// Parses `Sun, 06 Nov 1994 08:49:37 GMT`.
    private static func imfFixdate(_ fields: [Substring]) -> DateParts? {
        guard fields[0].hasSuffix(","), shortDayNames.contains(String(fields[0].dropLast())),
            fields[5] == "GMT", fields[1].utf8.count == 2, fields[3].utf8.count == 4,
            let day = number(fields[1]), let month = month(fields[2]), let year = number(fields[3])
        else { return nil }
        return parts(year: year, month: month, day: day, time: fields[4])
    }

    /// Parses `Sunday, 06-Nov-94 08:49:37 GMT`, taking the two-digit year as the latest year
    /// with those digits that is at most 50 years after `now`, as RFC 9110 requires.
    private static func rfc850Date(_ fields: [Substring], now: Date) -> DateParts? {
        let date = fields[1].split(separator: "-", omittingEmptySubsequences: false)
        guard fields[0].hasSuffix(","), longDayNames.contains(String(fields[0].dropLast())),
            fields[3] == "GMT", date.count == 3, date[0].utf8.count == 2, date[2].utf8.count == 2,
            let day = number(date[0]), let month = month(date[1]), let shortYear = number(date[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let currentYear = calendar.component(.year, from: now)
        var year = currentYear - currentYear % 100 + shortYear
        if year > currentYear + 50 { year -= 100 }
        return parts(year: year, month: month, day: day, time: fields[2])
    }

    /// Parses `Sun Nov  6 08:49:37 1994`, whose day has one or two digits.
    private static func asctimeDate(_ fields: [Substring]) -> DateParts? {
        guard shortDayNames.contains(String(fields[0])), fields[2].utf8.count <= 2,
            fields[4].utf8.count == 4, let month = month(fields[1]), let day = number(fields[2]),
            let year = number(fields[4])
        else { return nil }
        return parts(year: year, month: month, day: day, time: fields[3])
    }

    private static func parts(year: Int, month: Int, day: Int, time: Substring) -> DateParts? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.utf8.count == 2 }),
            let hour = number(clock[0]), let minute = number(clock[1]),
            let second = number(clock[2]),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        return DateParts(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    private static func month(_ name: Substring) -> Int? {
        monthNames.firstIndex(of: String(name)).map { $0 + 1 }
    }

    /// Reads 1 to 4 ASCII digits.
    private static func number(_ digits: Substring) -> Int? {
        guard (1...4).contains(digits.utf8.count),
            digits.utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        return Int(digits)
    }
}
