import Foundation

/// Readings of a single word that packs several parts: `10min`, `1h30m`, `5:30pm`, `6/1/27`, `2027-06-01`.
/// Hand-written byte scanners: no regular expressions on the hot path.
enum Lexeme {
    /// A clock time written as one word.
    struct Clock: Equatable, Sendable {
        var hour: Int
        var minute: Int
        var second: Int
        var meridiem: Meridiem?
        /// `5:30`, `17.45`: minutes written after a separator.
        var separator: UInt8?
        /// The hour had two digits starting with 0 (`09:00`, `0930`).
        var leadingZero: Bool
        /// Digits only, no separator (`1730`, `7`).
        var digitCount: Int
        /// Minutes were written (`9h45`, `5:30`, `1730`), not implied (`16h`, `5pm`).
        var hasMinutes = false
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    /// Every reading of a word that starts with a digit, made once when the phrase is tokenized so that
    /// grammar rules never re-scan the word.
    struct Readings: Sendable {
        var number: Double?
        var gluedDuration: CalendarDuration?
        var ordinal: Int?
        var clock: Clock?
        var numericDate: NumericDate?
        var looksLikeClock: Bool

        /// Reads the lowercased bytes of a word.
        init(_ bytes: [UInt8]) {
            number = Lexeme.number(bytes)
            gluedDuration = Lexeme.gluedDuration(bytes)
            ordinal = Lexeme.ordinal(bytes)
            clock = Lexeme.clock(bytes)
            numericDate = Lexeme.numericDate(bytes)
            looksLikeClock = Lexeme.looksLikeClock(bytes)
        }
    }

    /// A numeric date's parts; `year` and `time` when written.
    struct NumericDate: Sendable {
        var month: Int
        var day: Int
        var year: Int?
        var time: Clock?
    }

    /// Reads a run of digits from `bytes[i...]`: its value (nil past 9 digits) and length.
    private static func digits(_ bytes: [UInt8], _ i: Int) -> (value: Int, count: Int) {
        var value = 0
        var j = i
        while j < bytes.count, isDigit(bytes[j]) {
            if j - i < 9 { value = value * 10 + Int(bytes[j] - 0x30) }
            j += 1
        }
        return (value, j - i)
    }

    /// A plain non-negative number: `10`, `1.5`.
    static func number(_ bytes: [UInt8]) -> Double? {
        let whole = digits(bytes, 0)
        guard whole.count > 0, whole.count <= 9 else { return nil }
        if whole.count == bytes.count { return Double(whole.value) }
        guard bytes[whole.count] == UInt8(ascii: ".") else { return nil }
        let fraction = digits(bytes, whole.count + 1)
        guard fraction.count > 0, fraction.count <= 6, whole.count + 1 + fraction.count == bytes.count else { return nil }
        var scale = 1.0
        for _ in 0..<fraction.count { scale *= 10 }
        return Double(whole.value) + Double(fraction.value) / scale
    }

    /// Amounts glued to units: `10min`, `2hrs`, `5m`, `1h30m`, `1h30`, `1.5h`.
    static func gluedDuration(_ bytes: [UInt8]) -> CalendarDuration? {
        guard let first = bytes.first, isDigit(first) else { return nil }
        var total = CalendarDuration()
        var i = 0
        while i < bytes.count {
            let whole = digits(bytes, i)
            guard whole.count > 0, whole.count <= 6 else { return nil }
            var amount = Double(whole.value)
            i += whole.count
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                let fraction = digits(bytes, i + 1)
                guard fraction.count > 0, fraction.count <= 3 else { return nil }
                var scale = 1.0
                for _ in 0..<fraction.count { scale *= 10 }
                amount += Double(fraction.value) / scale
                i += 1 + fraction.count
            }
            let unitStart = i
            while i < bytes.count, isLetter(bytes[i]) { i += 1 }
            guard i > unitStart, let unit = Vocabulary.info(Word(bytes: bytes[unitStart..<i])).unit else { return nil }
            total.add(amount, unit)
            // `1h30`: minutes after hours need no unit.
            if unit == .hour, i + 2 == bytes.count, isDigit(bytes[i]), isDigit(bytes[i + 1]) {
                let minutes = digits(bytes, i)
                guard minutes.value <= 59 else { return nil }
                total.add(Double(minutes.value), .minute)
                i += 2
            }
        }
        return total
    }

    /// `1st`, `2nd`, `23rd`, `15th`.
    static func ordinal(_ bytes: [UInt8]) -> Int? {
        let whole = digits(bytes, 0)
        guard whole.count > 0, whole.count <= 3, bytes.count == whole.count + 2 else { return nil }
        switch Word(bytes: bytes[whole.count...]) {
        case "st", "nd", "rd", "th": break
        default: return nil
        }
        return whole.value
    }

    /// `5`, `1730`, `5:30`, `5.30pm`, `17:45`, `5:30:15`, `5pm`, `9am`, `5p`, `16h`, `9h45`.
    static func clock(_ bytes: [UInt8]) -> Clock? {
        let hourDigits = digits(bytes, 0)
        guard hourDigits.count > 0, hourDigits.count <= 4 else { return nil }
        var clock = Clock(hour: hourDigits.value, minute: 0, second: 0, meridiem: nil, separator: nil,
                          leadingZero: hourDigits.count >= 2 && bytes[0] == 0x30, digitCount: hourDigits.count)
        var i = hourDigits.count
        if hourDigits.count > 2 {
            // `1730`, `930`: hours and minutes without a separator.
            clock.hour = hourDigits.value / 100
            clock.minute = hourDigits.value % 100
            clock.hasMinutes = true
        } else if i < bytes.count, bytes[i] == UInt8(ascii: "h") {
            // `16h`, `9h45`, `18h05`: the French way of writing a 24-hour time.
            clock.separator = bytes[i]
            if i + 1 < bytes.count {
                let minutes = digits(bytes, i + 1)
                guard minutes.count == 2, i + 3 == bytes.count else { return nil }
                clock.minute = minutes.value
                clock.hasMinutes = true
            }
            guard clock.hour <= 23, clock.minute <= 59 else { return nil }
            return clock
        } else if i < bytes.count, bytes[i] == UInt8(ascii: ":") || bytes[i] == UInt8(ascii: ".") {
            clock.separator = bytes[i]
            clock.hasMinutes = true
            let minutes = digits(bytes, i + 1)
            guard minutes.count == 2 else { return nil }
            clock.minute = minutes.value
            i += 3
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                let seconds = digits(bytes, i + 1)
                guard seconds.count == 2 else { return nil }
                clock.second = seconds.value
                i += 3
            }
        }
        if i < bytes.count {
            guard let meridiem = meridiem(Word(bytes: bytes[i...])) else { return nil }
            clock.meridiem = meridiem
        }
        guard clock.minute <= 59, clock.second <= 59 else { return nil }
        if clock.meridiem != nil {
            guard (1...12).contains(clock.hour) else { return nil }
        } else {
            guard clock.hour <= 23 else { return nil }
        }
        return clock
    }

    /// Digits with an optional `:`/`.` part and am/pm, the shape of a clock time whether or not the values
    /// exist (`25:00`, `13pm`, `9:75`), so that impossible times are refused rather than left in the message.
    static func looksLikeClock(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, isDigit(first) else { return false }
        var digitCount = 0
        var sawSeparator = false
        var suffixStart: Int?
        for index in bytes.indices {
            let b = bytes[index]
            if isDigit(b), suffixStart == nil {
                digitCount += 1
            } else if b == UInt8(ascii: ":") || b == UInt8(ascii: "."), suffixStart == nil {
                sawSeparator = true
            } else if isLetter(b) {
                if suffixStart == nil { suffixStart = index }
            } else {
                return false
            }
        }
        if let suffixStart { return meridiem(Word(bytes: bytes[suffixStart...])) != nil }
        return sawSeparator || digitCount <= 4
    }

    /// `am`, `pm`, `a.m.`, `p.m`, and glued `a`/`p` (`5p`).
    static func meridiem(_ word: Word) -> Meridiem? {
        switch word {
        case "am", "a.m.", "a.m", "a": .am
        case "pm", "p.m.", "p.m", "p": .pm
        default: nil
        }
    }

    /// A numeric date: `6/1`, `6/1/27`, `6/1/2027`, `6-1`, `6-1-27` (month/day/year), `1.6.`, `1.6.2027` (day.month.year),
    /// `2027-06-01`, `2027/06/01`, optionally followed by `t13:55[:00]`. Values are not range-checked
    /// (`13/45` is read, then refused as a date that does not exist).
    static func numericDate(_ bytes: [UInt8]) -> NumericDate? {
        // At most three digit groups with one kind of separator between them: kept in fixed slots (no
        // array allocation for every word that starts with a digit).
        var groups: (Group, Group, Group) = ((0, 0), (0, 0), (0, 0))
        var groupCount = 0
        var separator: UInt8?
        var i = 0
        var timeStart: Int?
        while i < bytes.count {
            let group = digits(bytes, i)
            guard group.count > 0, groupCount < 3 else { return nil }
            switch groupCount {
            case 0: groups.0 = group
            case 1: groups.1 = group
            default: groups.2 = group
            }
            groupCount += 1
            i += group.count
            guard i < bytes.count else { break }
            if bytes[i] == UInt8(ascii: "t"), groupCount == 3 {
                timeStart = i + 1
                break
            }
            guard separator == nil || separator == bytes[i] else { return nil }
            separator = bytes[i]
            i += 1
            if i == bytes.count, bytes[i - 1] == UInt8(ascii: ".") { break }
        }
        guard groupCount >= 2, let separator else { return nil }
        var time: Clock?
        if let timeStart {
            guard let clock = clock(Array(bytes[timeStart...])), clock.meridiem == nil
            else { return nil }
            time = clock
        }
        switch separator {
        case UInt8(ascii: "/") where groups.0.count == 4 && groupCount == 3,
             UInt8(ascii: "-") where groups.0.count == 4 && groupCount == 3:
            return NumericDate(month: groups.1.value, day: groups.2.value, year: groups.0.value, time: time)
        case UInt8(ascii: "-") where groups.0.count <= 2 && groups.1.count <= 2 && time == nil:
            // `7-4-27`, `10-31`: month-day like the slash form, but only with values a date can have, so
            // that ranges (`10-40 pages`) stay words.
            guard (1...12).contains(groups.0.value), (1...31).contains(groups.1.value) else { return nil }
            if groupCount == 3 {
                guard let year = year(groups.2) else { return nil }
                return NumericDate(month: groups.0.value, day: groups.1.value, year: year)
            }
            return NumericDate(month: groups.0.value, day: groups.1.value)
        case UInt8(ascii: "/") where groups.0.count <= 2 && groups.1.count <= 2 && time == nil:
            if groupCount == 3 {
                guard let year = year(groups.2) else { return nil }
                return NumericDate(month: groups.0.value, day: groups.1.value, year: year)
            }
            return NumericDate(month: groups.0.value, day: groups.1.value)
        case UInt8(ascii: ".") where groups.0.count <= 2 && groups.1.count <= 2 && time == nil:
            // `1.6` alone is a number; a day.month date needs its closing dot or a year.
            let closed = bytes.last == UInt8(ascii: ".")
            guard closed || groupCount == 3 else { return nil }
            if groupCount == 3, closed { return nil }
            if groupCount == 3 {
                guard let year = year(groups.2) else { return nil }
                return NumericDate(month: groups.1.value, day: groups.0.value, year: year)
            }
            return NumericDate(month: groups.1.value, day: groups.0.value)
        default:
            return nil
        }
    }

    /// A run of digits: its value and how many digits it has.
    private typealias Group = (value: Int, count: Int)

    private static func year(_ group: Group) -> Int? {
        switch group.count {
        case 2: 2000 + group.value
        case 4: group.value
        default: nil
        }
    }
}
