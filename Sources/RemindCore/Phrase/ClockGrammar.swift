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
            i = skip("about", "around", at: i)
        }
        guard let (time, afterTime) = clockTime(at: i, hasAt: hasAt) else {
            return hasAt ? impossibleClock(at: i) : clockBeforeDay(at: i)
        }
        var spec = WhenSpec(time: time)
        var end = afterTime
        // `at 9am and 5pm`, `at 9, 12 and 5`: several times of day.
        var more: [ClockTime] = []
        while true {
            var j = isComma(end) ? end + 1 : end
            j = skip("and", "&", at: j)
            guard j > end, let (next, afterNext) = clockTime(at: skip("at", at: j), hasAt: hasAt) else { break }
            more.append(next)
            end = afterNext
        }
        if !more.isEmpty { spec.moreTimes = more }
        if let (zone, refusal, afterZone) = zoneName(at: end) {
            spec.zone = zone
            spec.refusal = refusal
            end = afterZone
        }
        return WhenMatch(spec: spec, end: end)
    }

    /// A time without `at` right before a day (`745 tomorrow`, `11.40 friday`, `1730 on monday`), or before
    /// a day with a part of the day (`10 tonight`, `7 tomorrow morning`): the day and the time in one element.
    private func clockBeforeDay(at index: Int) -> WhenMatch? {
        let lexeme = readings(index)?.clock
        guard lexeme != nil || info(index).number != nil,
              let (time, afterTime) = lexeme != nil ? bareClock(at: index) : clockTime(at: index, hasAt: true),
              // Most numbers are followed by a message word: look for a day only where one may start.
              afterTime < tokens.count, StarterWords.mayStart(tokens[afterTime]),
              let day = dayElement(at: afterTime), day.spec.day != nil, day.spec.time == nil
        else { return nil }
        // An hour alone before a day is more often a count (`read chapter 11 tomorrow`), unless the day has
        // a part of the day that the hour fits (`10 tonight`, `nine tonight`, but `read chapter 5 tonight`)
        // and the word before does not count things (`watch episode 9 tonight`).
        let hourAlone = lexeme.map { $0.separator == nil && $0.digitCount <= 2 && $0.meridiem == nil } ?? (time.minute == 0)
        if hourAlone, time.meridiem == nil {
            guard let part = day.spec.partOfDay, part.fits(hour: time.hour), !info(index - 1).isCountingNoun else { return nil }
        }
        var spec = day.spec
        spec.time = time
        return WhenMatch(spec: spec, end: day.end)
    }

    /// A time written without `at` next to a day (`tomorrow 19`, `friday 8`, `745 tomorrow`): an hour of
    /// one or two digits, `11.40`, `16h`, `0815`, or three or four digits as H:MM that read like a time
    /// rather than a count (`roundDigitsClock`).
    func bareClock(at index: Int) -> (ClockTime, Int)? {
        guard let lexeme = readings(index)?.clock else { return nil }
        if lexeme.separator == nil, lexeme.meridiem == nil, lexeme.digitCount > 2, !lexeme.leadingZero,
           !meridiemFollows(index + 1), !Self.roundDigitsClock(lexeme) {
            return nil
        }
        return clockTime(at: index, hasAt: true)
    }

    /// Three digits with a quarter-hour (`745`, `415`, not `911`, `405` or `200`), or four digits with
    /// minutes a multiple of 5 (`1730`, `1700`, but not `1000`: whole hours need an afternoon hour).
    static func roundDigitsClock(_ lexeme: Lexeme.Clock) -> Bool {
        if lexeme.digitCount == 3 { return lexeme.minute == 15 || lexeme.minute == 30 || lexeme.minute == 45 }
        return lexeme.minute % 5 == 0 && (lexeme.minute != 0 || lexeme.hour >= 13)
    }

    /// `am`/`pm` as a word of its own at `index` (not the glued-only `a`/`p`).
    private func meridiemFollows(_ index: Int) -> Bool {
        guard let next = word(index), next != "a", next != "p" else { return false }
        return Lexeme.meridiem(next) != nil
    }

    /// `at 25:00`, `at 13pm`, `at 13 pm`: written like a clock time but not one; refused.
    private func impossibleClock(at index: Int) -> WhenMatch? {
        guard readings(index)?.looksLikeClock == true, var written = text(index) else { return nil }
        var end = index + 1
        if let next = word(end), Lexeme.meridiem(next) != nil, next != "a", next != "p", let nextText = text(end) {
            written += " " + nextText
            end += 1
        }
        var spec = WhenSpec()
        spec.refusal = .noSuchTime(written)
        return WhenMatch(spec: spec, end: end)
    }

    /// A time of day, including `half past`/`quarter to` forms.
    func clockTime(at index: Int, hasAt: Bool) -> (ClockTime, Int)? {
        if let (minutes, isBefore, afterLink) = minutesPastOrTo(at: index),
           let (base, end) = simpleClock(at: afterLink, hasAt: true) {
            return (shifted(base, minutes: isBefore ? -minutes : minutes), end)
        }
        // British `at half seven`: 7:30.
        if hasAt, word(index) == "half", readings(index + 1) != nil || info(index + 1).number != nil,
           let (base, end) = simpleClock(at: index + 1, hasAt: true), base.minute == 0 {
            return (shifted(base, minutes: 30), end)
        }
        return simpleClock(at: index, hasAt: hasAt)
    }

    /// `half past`, `quarter to`, `a quarter past`, `10 past`, `20 minutes to`.
    private func minutesPastOrTo(at index: Int) -> (Int, Bool, Int)? {
        var i = skip("a", at: index)
        var minutes: Int
        if word(i) == "half" {
            minutes = 30
            i += 1
        } else if word(i) == "quarter" {
            minutes = 15
            i += 1
        } else if i == index, let (n, after) = integer(at: i), (1...59).contains(n) {
            minutes = n
            i = skip("min", "mins", "minute", "minutes", at: after)
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
        if let lexeme = readings(index)?.clock {
            time = ClockTime(hour: lexeme.hour, minute: lexeme.minute, second: lexeme.second, meridiem: lexeme.meridiem)
            let hourMark = lexeme.separator == UInt8(ascii: "h")
            time.literal24 = lexeme.meridiem == nil && (hourMark || lexeme.hour == 0 || lexeme.hour > 12 || lexeme.leadingZero)
            // `16h` and `9h45` say they are times; `9h` alone may be nine hours, so it needs `at` or a day.
            // `11.40` is the European way of writing 11:40.
            explicit = lexeme.meridiem != nil || lexeme.separator == UInt8(ascii: ":") || lexeme.separator == UInt8(ascii: ".")
                || (hourMark && (lexeme.hasMinutes || lexeme.digitCount == 2))
                || (lexeme.separator == nil && lexeme.digitCount == 4 && lexeme.leadingZero)
            if lexeme.separator == nil, lexeme.digitCount > 2, !hasAt, !explicit, !meridiemFollows(index + 1) { return nil }
        } else if first != "a", first != "an", let (hour, afterHour) = numberWord(at: index), (1...12).contains(hour) {
            time = ClockTime(hour: hour, minute: 0)
            end = afterHour
            if let (minute, afterMinute) = numberWord(at: end), (10...59).contains(minute) {
                time.minute = minute
                end = afterMinute
            } else if let oh = word(end), oh == "oh" || oh == "o", let (minute, afterMinute) = numberWord(at: end + 1), (1...9).contains(minute) {
                // `nine oh five`.
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
        } else if time.meridiem == nil, let next = word(end), next == "a" || next == "p", word(end + 1) == "m", (1...12).contains(time.hour) {
            // `ten fifteen p m`: the letters said one by one.
            time.meridiem = next == "a" ? .am : .pm
            time.literal24 = false
            explicit = true
            end += 2
        }
        if let next = word(end), next == "o'clock" || next == "oclock" {
            explicit = true
            end += 1
        }
        // `12 noon`, `12 midnight`.
        if time.hour == 12, time.minute == 0, time.meridiem == nil, let next = word(end), next == "noon" || next == "midnight" {
            time.meridiem = next == "noon" ? .pm : .am
            time.isMidnight = next == "midnight"
            time.literal24 = false
            explicit = true
            end += 1
        }
        if time.meridiem == nil, !time.literal24, let (part, afterPart) = partOfDayPhrase(at: end) {
            // `3 at night` is after midnight, `10 at night` before it.
            time.meridiem = part == .night && time.isSmallHour ? .am : part.meridiem
            explicit = true
            end = afterPart
        }
        guard explicit || hasAt else { return nil }
        return (time, end)
    }

    /// `in the morning`, `in the afternoon`, `in the evening`, `at night`.
    func partOfDayPhrase(at index: Int) -> (PartOfDay, Int)? {
        if let after = expect("at", "night", at: index) { return (.night, after) }
        guard let afterThe = expect("in", "the", at: index), let part = partOfDay(word(afterThe)) else { return nil }
        return (part, afterThe + 1)
    }

    func partOfDay(_ word: Word?) -> PartOfDay? {
        guard let word else { return nil }
        return switch word {
        case "morning": .morning
        case "afternoon": .afternoon
        case "evening": .evening
        case "night": .night
        default: nil
        }
    }

    /// A zone after a time: IANA (`Europe/Berlin`), `UTC`/`GMT`/`Z`, offsets (`+02:00`, `UTC+2`), the
    /// unambiguous abbreviations, and places (`London time`, `in Berlin`, `Pacific time`). `IST` is
    /// returned with a refusal.
    func zoneName(at index: Int) -> (TimeZone?, Refusal?, Int)? {
        guard mayNameZone(index), let name = text(index) else { return nil }
        if Vocabulary.utcNames.contains(name) {
            if let sign = word(index + 1)?.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let next = text(index + 1) {
                guard let offset = Zones.offsetSeconds(next) else {
                    return (nil, .unknownZone((name + next).uppercased()), index + 2)
                }
                return (Zones.fixed(offset), nil, index + 2)
            }
            return (Zones.utc, nil, index + 1)
        }
        if let zone = Zones.named(name) { return (zone, nil, index + 1) }
        if Vocabulary.ambiguousZoneAbbreviations.contains(name) { return (nil, .ambiguousZone(name), index + 1) }
        if Zones.looksLikeOffset(name) { return (nil, .unknownZone(name.uppercased()), index + 1) }
        // `in Berlin`, `in New York (time)`, `London time`, `Pacific time`, `eastern`.
        if name == "in", let (zone, end) = placeZone(at: index + 1) { return (zone, nil, word(end) == "time" ? end + 1 : end) }
        if let (zone, end) = placeZone(at: index) {
            if word(end) == "time" { return (zone, nil, end + 1) }
            if Zones.regionsAlone.contains(name) { return (zone, nil, end) }
        }
        return nil
    }

    /// A city or region of one or two words (`berlin`, `new york`, `pacific`) and the index after it.
    private func placeZone(at index: Int) -> (TimeZone, Int)? {
        guard info(index).isZoneWord, let first = text(index) else { return nil }
        if let second = text(index + 1), let zone = Zones.place(first + " " + second) { return (zone, index + 2) }
        return Zones.place(first).map { ($0, index + 1) }
    }

    /// A cheap test before `zoneName` builds the word's name: a known zone word (abbreviations, cities,
    /// regions), `in`, a sign, a `utc`/`gmt` prefix, or a `/` (IANA names).
    private func mayNameZone(_ index: Int) -> Bool {
        guard let word = word(index) else { return false }
        if info(index).isZoneWord || word == "in" || word.first == UInt8(ascii: "+") || word.first == UInt8(ascii: "-") { return true }
        if word.hasPrefix("utc") || word.hasPrefix("gmt") { return true }
        return bytes[tokens[index].range].contains(UInt8(ascii: "/"))
    }
}
