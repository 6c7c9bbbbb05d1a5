import Foundation

/// Clock times (`at 5pm`, `17:30`, `noon`, `half past 3`, `a quarter to noon`) and the zone after them.
extension WhenGrammar {
    /// `[at|around] <time> [zone]`.
    func clock(at index: Int) -> WhenMatch? {
        var i = index
        var hasAt = false
        if let first = word(i), first == "at" || first == "around" || first == "by" {
            hasAt = true
            i += 1
            i = skip(["about", "around"], at: i)
        }
        guard let (time, afterTime) = clockTime(at: i, hasAt: hasAt) else { return nil }
        var spec = WhenSpec(time: time)
        var end = afterTime
        if let (zone, refusal, afterZone) = zoneName(at: end) {
            spec.zone = zone
            spec.refusal = refusal
            end = afterZone
        }
        return WhenMatch(spec: spec, end: end)
    }

    /// A time of day, including `half past`/`quarter to` forms.
    func clockTime(at index: Int, hasAt: Bool) -> (ClockTime, Int)? {
        if let (minutes, isBefore, afterLink) = minutesPastOrTo(at: index),
           let (base, end) = simpleClock(at: afterLink, hasAt: true) {
            return (shifted(base, minutes: isBefore ? -minutes : minutes), end)
        }
        return simpleClock(at: index, hasAt: hasAt)
    }

    /// `half past`, `quarter to`, `a quarter past`, `10 past`, `20 minutes to`.
    private func minutesPastOrTo(at index: Int) -> (Int, Bool, Int)? {
        var i = skip(["a"], at: index)
        var minutes: Int
        if word(i) == "half" {
            minutes = 30
            i += 1
        } else if word(i) == "quarter" {
            minutes = 15
            i += 1
        } else if i == index, let (n, after) = integer(at: i), (1...59).contains(n) {
            minutes = n
            i = skip(["min", "mins", "minute", "minutes"], at: after)
        } else {
            return nil
        }
        switch word(i) {
        case "past", "after": return (minutes, false, i + 1)
        case "to", "before", "til", "till": return (minutes, true, i + 1)
        default: return nil
        }
    }

    private func shifted(_ base: ClockTime, minutes: Int) -> ClockTime {
        var time = base
        time.isMidnight = false
        if base.meridiem == nil && !base.literal24 {
            // Still ambiguous: shift on the 12-hour dial (`quarter to 1` is 12:45).
            var total = (base.hour % 12) * 60 + base.minute + minutes
            total = (total % 720 + 720) % 720
            time.hour = total / 60 == 0 ? 12 : total / 60
            time.minute = total % 60
            return time
        }
        let hour24 = base.meridiem.map { base.hour24($0) } ?? base.hour
        var total = hour24 * 60 + base.minute + minutes
        total = (total % 1_440 + 1_440) % 1_440
        time.hour = total / 60
        time.minute = total % 60
        time.meridiem = nil
        time.literal24 = true
        return time
    }

    /// `noon`, `midnight`, `5pm`, `5 pm`, `5:30`, `17:45`, `9 o'clock`, `two`, `seven thirty`,
    /// `3 in the afternoon`. Bare numbers need `at` (or am/pm, or o'clock).
    private func simpleClock(at index: Int, hasAt: Bool) -> (ClockTime, Int)? {
        guard let first = word(index) else { return nil }
        switch first {
        case "noon", "midday": return (ClockTime(hour: 12, minute: 0, meridiem: .pm), index + 1)
        case "midnight": return (ClockTime(hour: 12, minute: 0, meridiem: .am, isMidnight: true), index + 1)
        default: break
        }
        var time: ClockTime
        var end = index + 1
        var explicit = false
        if let lexeme = Lexeme.clock(first) {
            time = ClockTime(hour: lexeme.hour, minute: lexeme.minute, second: lexeme.second, meridiem: lexeme.meridiem)
            time.literal24 = lexeme.meridiem == nil && (lexeme.hour == 0 || lexeme.hour > 12 || lexeme.leadingZero)
            explicit = lexeme.meridiem != nil || lexeme.separator == UInt8(ascii: ":")
            if lexeme.separator == nil, lexeme.digitCount > 2 && !hasAt { return nil }
        } else if first != "a", first != "an", let (hour, afterHour) = numberWord(at: index), (1...12).contains(hour) {
            time = ClockTime(hour: hour, minute: 0)
            end = afterHour
            if let (minute, afterMinute) = numberWord(at: end), (10...59).contains(minute) {
                time.minute = minute
                end = afterMinute
            }
        } else {
            return nil
        }
        if time.meridiem == nil, let next = word(end), let meridiem = Lexeme.meridiem(next), next != "a", next != "p" {
            guard (1...12).contains(time.hour) else { return nil }
            time.meridiem = meridiem
            time.literal24 = false
            explicit = true
            end += 1
        }
        if let next = word(end), next == "o'clock" || next == "oclock" {
            explicit = true
            end += 1
        }
        if time.meridiem == nil, !time.literal24, let (part, afterPart) = partOfDayPhrase(at: end) {
            time.meridiem = part.meridiem
            explicit = true
            end = afterPart
        }
        guard explicit || hasAt else { return nil }
        return (time, end)
    }

    /// `in the morning`, `in the afternoon`, `in the evening`, `at night`.
    func partOfDayPhrase(at index: Int) -> (PartOfDay, Int)? {
        if let after = expect(["at", "night"], at: index) { return (.night, after) }
        guard let afterThe = expect(["in", "the"], at: index), let part = partOfDay(word(afterThe)) else { return nil }
        return (part, afterThe + 1)
    }

    func partOfDay(_ text: String?) -> PartOfDay? {
        switch text {
        case "morning": .morning
        case "afternoon": .afternoon
        case "evening": .evening
        case "night": .night
        default: nil
        }
    }

    /// A zone after a time: IANA (`Europe/Berlin`), `UTC`/`GMT`/`Z`, offsets (`+02:00`, `UTC+2`), and the
    /// unambiguous abbreviations. `IST` is returned with a refusal.
    func zoneName(at index: Int) -> (TimeZone?, Refusal?, Int)? {
        guard let text = word(index) else { return nil }
        if Vocabulary.utcNames.contains(text) {
            if let next = word(index + 1), let offset = Zones.offsetSeconds(next), next.hasPrefix("+") || next.hasPrefix("-") {
                return (Zones.fixed(offset), nil, index + 2)
            }
            return (Zones.utc, nil, index + 1)
        }
        if let zone = Zones.named(text) { return (zone, nil, index + 1) }
        if Vocabulary.ambiguousZoneAbbreviations.contains(text) { return (nil, .ambiguousZone(text), index + 1) }
        return nil
    }
}

/// Time zones named in phrases.
enum Zones {
    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// A zone from one lowercased word, or nil.
    static func named(_ text: String) -> TimeZone? {
        if let identifier = Vocabulary.zoneAbbreviations[text] { return TimeZone(identifier: identifier) }
        if text.utf8.contains(UInt8(ascii: "/")) {
            if let identifier = Vocabulary.ianaZones[text] { return TimeZone(identifier: identifier) }
            // Zones Foundation knows but does not list (`Asia/Kolkata` on some Linux tzdata builds).
            let capitalized = text.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.split(separator: "_", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    .joined(separator: "_")
            }.joined(separator: "/")
            return TimeZone(identifier: capitalized)
        }
        if let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
           let offset = offsetSeconds(text) {
            return fixed(offset)
        }
        for prefix in ["utc", "gmt"] where text.hasPrefix(prefix) && text.utf8.count > 3 {
            if let offset = offsetSeconds(String(text.dropFirst(3))) { return fixed(offset) }
        }
        return nil
    }

    /// `+02:00`, `+0200`, `+2`, `-05:30` → seconds east of UTC.
    static func offsetSeconds(_ text: String) -> Int? {
        guard let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") else { return nil }
        let sign = bytes[0] == UInt8(ascii: "-") ? -1 : 1
        let body = bytes[1...].filter { $0 != UInt8(ascii: ":") }
        guard body.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let values = body.map { Int($0 - 0x30) }
        let hours: Int
        let minutes: Int
        switch values.count {
        case 1: (hours, minutes) = (values[0], 0)
        case 2: (hours, minutes) = (values[0] * 10 + values[1], 0)
        case 4: (hours, minutes) = (values[0] * 10 + values[1], values[2] * 10 + values[3])
        default: return nil
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    /// A fixed-offset zone, as IANA `Etc/GMT∓N` when the offset is whole hours.
    static func fixed(_ offset: Int) -> TimeZone? {
        if offset == 0 { return utc }
        if offset % 3_600 == 0, abs(offset) <= 12 * 3_600 {
            let hours = offset / 3_600
            // IANA's Etc zones have the POSIX sign: Etc/GMT-2 is two hours east of UTC.
            if let zone = TimeZone(identifier: "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))") { return zone }
        }
        return TimeZone(secondsFromGMT: offset)
    }
}
