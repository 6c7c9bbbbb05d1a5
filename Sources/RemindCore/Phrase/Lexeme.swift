import Foundation

/// Readings of a single word that packs several parts: `10min`, `1h30m`, `5:30pm`, `6/1/27`, `2027-06-01`.
/// Hand-written byte scanners: no regular expressions on the hot path.
enum Lexeme {
    /// A clock time written as one word.
    struct Clock: Equatable {
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
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    /// Every lexeme starts with a digit: this check spares the byte copy for ordinary words.
    private static func startsWithDigit(_ text: String) -> Bool { text.utf8.first.map(isDigit) ?? false }

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
    static func number(_ text: String) -> Double? {
        guard startsWithDigit(text) else { return nil }
        let bytes = Array(text.utf8)
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

    /// Amounts glued to units: `10min`, `2hrs`, `5m`, `1h30m`, `1.5h`.
    static func gluedDuration(_ text: String) -> CalendarDuration? {
        guard startsWithDigit(text) else { return nil }
        let bytes = Array(text.utf8)
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
            guard i > unitStart,
                  let unitText = String(bytes: bytes[unitStart..<i], encoding: .utf8),
                  let unit = Vocabulary.units[unitText]
            else { return nil }
            total.add(amount, unit)
        }
        return total
    }

    /// `1st`, `2nd`, `23rd`, `15th`.
    static func ordinal(_ text: String) -> Int? {
        guard startsWithDigit(text) else { return nil }
        let bytes = Array(text.utf8)
        let whole = digits(bytes, 0)
        guard whole.count > 0, whole.count <= 3, bytes.count == whole.count + 2 else { return nil }
        let suffix = String(decoding: bytes[whole.count...], as: UTF8.self)
        guard suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" else { return nil }
        return whole.value
    }

    /// `5`, `1730`, `5:30`, `5.30pm`, `17:45`, `5:30:15`, `5pm`, `9am`, `5p`.
    static func clock(_ text: String) -> Clock? {
        guard startsWithDigit(text) else { return nil }
        let bytes = Array(text.utf8)
        let hourDigits = digits(bytes, 0)
        guard hourDigits.count > 0, hourDigits.count <= 4 else { return nil }
        var clock = Clock(hour: hourDigits.value, minute: 0, second: 0, meridiem: nil, separator: nil,
                          leadingZero: hourDigits.count >= 2 && bytes[0] == 0x30, digitCount: hourDigits.count)
        var i = hourDigits.count
        if hourDigits.count > 2 {
            // `1730`, `930`: hours and minutes without a separator.
            clock.hour = hourDigits.value / 100
            clock.minute = hourDigits.value % 100
        } else if i < bytes.count, bytes[i] == UInt8(ascii: ":") || bytes[i] == UInt8(ascii: ".") {
            clock.separator = bytes[i]
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
            guard let meridiem = meridiem(String(decoding: bytes[i...], as: UTF8.self)) else { return nil }
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

    /// `am`, `pm`, `a.m.`, `p.m`, and glued `a`/`p` (`5p`).
    static func meridiem(_ text: String) -> Meridiem? {
        switch text {
        case "am", "a.m.", "a.m", "a": .am
        case "pm", "p.m.", "p.m", "p": .pm
        default: nil
        }
    }

    /// A numeric date: `6/1`, `6/1/27`, `6/1/2027` (month/day/year), `1.6.`, `1.6.2027` (day.month.year),
    /// `2027-06-01`, `2027/06/01`, optionally followed by `t13:55[:00]`. Values are not range-checked
    /// (`13/45` is read, then refused as a date that does not exist).
    static func numericDate(_ text: String) -> (month: Int, day: Int, year: Int?, time: Clock?)? {
        guard startsWithDigit(text) else { return nil }
        let bytes = Array(text.utf8)
        var groups: [(value: Int, count: Int)] = []
        var separators: [UInt8] = []
        var i = 0
        var timeStart: Int?
        while i < bytes.count {
            let group = digits(bytes, i)
            guard group.count > 0 else { return nil }
            groups.append(group)
            i += group.count
            guard i < bytes.count else { break }
            if bytes[i] == UInt8(ascii: "t"), groups.count == 3 {
                timeStart = i + 1
                break
            }
            separators.append(bytes[i])
            i += 1
            if i == bytes.count, bytes[i - 1] == UInt8(ascii: ".") { break }
        }
        guard groups.count >= 2, groups.count <= 3, Set(separators).count == 1, let separator = separators.first
        else { return nil }
        var time: Clock?
        if let timeStart {
            guard let clock = clock(String(decoding: bytes[timeStart...], as: UTF8.self)), clock.meridiem == nil
            else { return nil }
            time = clock
        }
        switch separator {
        case UInt8(ascii: "/") where groups[0].count == 4 && groups.count == 3,
             UInt8(ascii: "-") where groups[0].count == 4 && groups.count == 3:
            return (groups[1].value, groups[2].value, groups[0].value, time)
        case UInt8(ascii: "/") where groups[0].count <= 2 && groups[1].count <= 2 && time == nil:
            if groups.count == 3 {
                guard let year = year(groups[2]) else { return nil }
                return (groups[0].value, groups[1].value, year, nil)
            }
            return (groups[0].value, groups[1].value, nil, nil)
        case UInt8(ascii: ".") where groups[0].count <= 2 && groups[1].count <= 2 && time == nil:
            // `1.6` alone is a number; a day.month date needs its closing dot or a year.
            let closed = bytes.last == UInt8(ascii: ".")
            guard closed || groups.count == 3 else { return nil }
            if groups.count == 3, closed { return nil }
            if groups.count == 3 {
                guard let year = year(groups[2]) else { return nil }
                return (groups[1].value, groups[0].value, year, nil)
            }
            return (groups[1].value, groups[0].value, nil, nil)
        default:
            return nil
        }
    }

    private static func year(_ group: (value: Int, count: Int)) -> Int? {
        switch group.count {
        case 2: 2000 + group.value
        case 4: group.value
        default: nil
        }
    }
}
