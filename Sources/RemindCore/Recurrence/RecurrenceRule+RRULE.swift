import Foundation

extension RecurrenceRule {
    /// Parses RRULE text such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=10;BYMINUTE=0`: parts in any
    /// order, keys and values case-insensitive, an optional `RRULE:` prefix. `UNTIL` is
    /// `yyyyMMdd'T'HHmmss'Z'` or a date `yyyyMMdd` (the end of that day, UTC). The result is validated.
    public init(rrule text: String) throws(RecurrenceRuleError) {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if body.uppercased().hasPrefix("RRULE:") {
            body = body.dropFirst("RRULE:".count)
        }
        var values: [String: String] = [:]
        for rawPart in body.split(separator: ";", omittingEmptySubsequences: true) {
            let part = rawPart.trimmingCharacters(in: .whitespaces)
            guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                throw .malformedPart(part)
            }
            let key = part[..<equals].trimmingCharacters(in: .whitespaces).uppercased()
            let value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces).uppercased()
            guard values[key] == nil else { throw .duplicatePart(key) }
            values[key] = value
        }
        guard let frequencyText = values.removeValue(forKey: "FREQ") else { throw .missingFrequency }
        guard let frequency = Frequency(rawValue: frequencyText) else {
            throw .unsupportedFrequency(frequencyText)
        }
        self.init(frequency: frequency)
        for (key, value) in values {
            try assign(value, to: key)
        }
        try validate()
    }

    /// The RRULE text of this rule, parts in RFC 5545 order (`FREQ`, `INTERVAL`, `BYMONTH`, `BYMONTHDAY`,
    /// `BYDAY`, `BYHOUR`, `BYMINUTE`, `BYSECOND`, `COUNT`, `UNTIL`); `INTERVAL=1`, empty parts and
    /// `BYSECOND=0` are left out (they mean the same as their absence).
    public var rrule: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ key: String, _ values: [Int]) {
            if !values.isEmpty { parts.append("\(key)=\(values.map(String.init).joined(separator: ","))") }
        }
        list("BYMONTH", byMonth)
        list("BYMONTHDAY", byMonthDay)
        if !byDay.isEmpty {
            parts.append("BYDAY=" + byDay.map { ($0.ordinal.map(String.init) ?? "") + $0.weekday.code }
                .joined(separator: ","))
        }
        list("BYHOUR", byHour)
        list("BYMINUTE", byMinute)
        if bySecond != [0] { list("BYSECOND", bySecond) }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=\(Self.untilText(until))") }
        return parts.joined(separator: ";")
    }

    private mutating func assign(_ value: String, to key: String) throws(RecurrenceRuleError) {
        switch key {
        case "INTERVAL": interval = try Self.integer(value, part: key)
        case "COUNT": count = try Self.integer(value, part: key)
        case "UNTIL": until = try Self.untilDate(value)
        case "BYMONTH": byMonth = try Self.integers(value, part: key)
        case "BYMONTHDAY": byMonthDay = try Self.integers(value, part: key)
        case "BYHOUR": byHour = try Self.integers(value, part: key)
        case "BYMINUTE": byMinute = try Self.integers(value, part: key)
        // BYSECOND=0 is the default; keeping it empty makes text → rule → text stable.
        case "BYSECOND":
            let seconds = try Self.integers(value, part: key)
            bySecond = seconds == [0] ? [] : seconds
        case "BYDAY": byDay = try Self.weekdayNums(value)
        case "WKST":
            guard value == "MO" else { throw .unsupportedPart("WKST=\(value) (weeks start on Monday)") }
        case "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "RSCALE", "SKIP":
            throw .unsupportedPart(key)
        default:
            throw .unknownPart(key)
        }
    }

    private static func integer(_ text: String, part: String) throws(RecurrenceRuleError) -> Int {
        guard !text.isEmpty, text.count <= 9, let value = Int(text) else {
            throw .invalidValue(part: part, value: text)
        }
        return value
    }

    private static func integers(_ text: String, part: String) throws(RecurrenceRuleError) -> [Int] {
        var values: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let value = try integer(String(item), part: part)
            // Repeats mean nothing in a BY… list; dropping them keeps a pasted rule from multiplying work.
            if !values.contains(value) { values.append(value) }
            guard values.count <= maximumListLength else { throw .valueOutOfRange(part: part, value: values.count) }
        }
        return values
    }

    private static func weekdayNums(_ text: String) throws(RecurrenceRuleError) -> [WeekdayNum] {
        var days: [WeekdayNum] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard item.count >= 2,
                  let weekday = Weekday.allCases.first(where: { $0.code == item.suffix(2) }) else {
                throw .invalidValue(part: "BYDAY", value: String(item))
            }
            let ordinalText = item.dropLast(2)
            var ordinal: Int?
            if !ordinalText.isEmpty {
                guard ordinalText.count <= 3, let value = Int(ordinalText), value != 0 else {
                    throw .invalidValue(part: "BYDAY", value: String(item))
                }
                ordinal = value
            }
            let day = WeekdayNum(weekday, ordinal: ordinal)
            if !days.contains(day) { days.append(day) }
            guard days.count <= maximumListLength else { throw .valueOutOfRange(part: "BYDAY", value: days.count) }
        }
        return days
    }

    /// `UNTIL` as an instant: `yyyyMMdd'T'HHmmss'Z'`, or `yyyyMMdd` meaning the last second of that UTC day.
    private static func untilDate(_ text: String) throws(RecurrenceRuleError) -> Date {
        let digits = text.filter(\.isNumber)
        let isDateTime = text.count == 16 && digits.count == 14
            && text[text.index(text.startIndex, offsetBy: 8)] == "T" && text.hasSuffix("Z")
        let isDate = text.count == 8 && digits.count == 8
        guard isDateTime || isDate else {
            throw .invalidValue(part: "UNTIL", value: text)
        }
        let numbers = Array(digits).map { Int(String($0)) ?? 0 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + numbers[$1] } }
        let (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
        let (hour, minute, second) = isDateTime ? (number(8..<10), number(10..<12), number(12..<14)) : (23, 59, 59)
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60, second < 60 else {
            throw .invalidValue(part: "UNTIL", value: text)
        }
        let dayNumber = CivilCalendar.dayNumber(year: year, month: month, day: day)
        let seconds = dayNumber * CivilCalendar.secondsPerDay + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func untilText(_ until: Date) -> String {
        let seconds = Int(until.timeIntervalSince1970.rounded(.down))
        let date = CivilCalendar.date(ofDayNumber: CivilCalendar.floorDiv(seconds, CivilCalendar.secondsPerDay))
        let secondOfDay = CivilCalendar.floorMod(seconds, CivilCalendar.secondsPerDay)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }
}
