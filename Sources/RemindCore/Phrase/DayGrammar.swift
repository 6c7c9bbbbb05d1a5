import Foundation

/// Day expressions: `today`, `tomorrow morning`, `tonight`, `on friday`, `next week`, `end of month`,
/// `June 1st`, `1 june 2027`, `6/1`, `2027-06-01T13:55`, `on the 15th`.
extension WhenGrammar {
    /// A day element, possibly carrying a part of the day or a time (`2027-06-01 13:55` is two elements).
    func dayElement(at index: Int) -> WhenMatch? {
        guard let first = word(index) else { return nil }
        if let (part, end) = partOfDayPhrase(at: index) {
            return WhenMatch(spec: WhenSpec(partOfDay: part), end: end)
        }
        // `by tonight`, `by eod`: the preposition belongs to the day.
        let lead = first == "by" && (word(index + 1) == "eod" || word(index + 1) == "tonight" || word(index + 1) == "tonite") ? index + 1 : index
        switch word(lead) ?? first {
        case "tonight", "tonite":
            return WhenMatch(spec: WhenSpec(partOfDay: .night, day: .today), end: lead + 1)
        case "this":
            if let part = partOfDay(word(index + 1)), part != .night {
                return WhenMatch(spec: WhenSpec(partOfDay: part, day: .today), end: index + 2)
            }
        case "eod":
            return WhenMatch(spec: WhenSpec(defaultHour: 17, day: .today), end: lead + 1)
        case "first":
            // `first thing (in the morning)`: 09:00.
            if let afterThing = expect("first", "thing", at: index) {
                let end = expect("in", "the", "morning", at: afterThing) ?? afterThing
                return WhenMatch(spec: WhenSpec(partOfDay: .morning), end: end)
            }
        default:
            break
        }
        if let list = weekdayList(at: index), list.days.count > 1 {
            var spec = WhenSpec(weekdays: list.days)
            // `mondays and thursdays` and ranges (`monday to thursday`) repeat; `monday and thursday` alone
            // could be once or weekly.
            spec.weekdaysWithoutRepeatWord = !list.hasRange && !(index..<list.end).contains { info($0).pluralWeekday != nil }
            return WhenMatch(spec: spec, end: list.end)
        }
        if let list = monthDayList(at: index) {
            var spec = WhenSpec()
            spec.monthDays = list.days
            return WhenMatch(spec: spec, end: list.end)
        }
        if let (anchor, end) = endOfPhrase(at: index) {
            return WhenMatch(spec: WhenSpec(defaultHour: 17, day: anchor), end: end)
        }
        guard let (anchor, afterAnchor) = dayAnchor(at: index) else { return nil }
        var spec = WhenSpec(day: anchor)
        var end = afterAnchor
        if first == "eow" || first == "eom" { spec.defaultHour = 17 }
        if let part = partOfDay(word(end)) {
            spec.partOfDay = part
            end += 1
        } else if let (time, afterTime) = isoTime(at: index, end: end) ?? bareClock(at: end) {
            spec.time = time
            end = afterTime
            if let (zone, refusal, afterZone) = zoneName(at: end) {
                spec.zone = zone
                spec.refusal = refusal
                end = afterZone
            }
        }
        return WhenMatch(spec: spec, end: end)
    }

    /// The time in `2027-06-01T13:55` (one word; a zone may follow, as in `2027-06-01T13:55Z`).
    private func isoTime(at index: Int, end: Int) -> (ClockTime, Int)? {
        guard end == index + 1, let date = readings(index)?.numericDate, let clock = date.time
        else { return nil }
        return (ClockTime(hour: clock.hour, minute: clock.minute, second: clock.second, literal24: true), end)
    }

    /// `[on|by] <day>`: the day words and dates a one-off reminder (or `until`/`starting`) names.
    func dayAnchor(at index: Int) -> (DayAnchor, Int)? {
        var i = index
        var hasPreposition = false
        if let first = word(i), first == "on" || first == "by" {
            hasPreposition = true
            i += 1
        }
        guard let text = word(i) else { return nil }
        // `at 20 mar`: a day and a month after `at` are a date, not 20:00.
        if word(index) == "at", let dated = dateByName(at: index + 1) { return dated }
        if let (anchor, end) = endOfPhrase(at: index) { return (anchor, end) }
        switch text {
        case "today": return (.today, i + 1)
        case "eow": return (.weekday(.friday, .nearest), i + 1)
        case "eom": return (.endOfMonth, i + 1)
        case "overmorrow": return (.daysAhead(2), i + 1)
        // Refused later as a moment that has passed, with the date it meant.
        case "yesterday": return (.daysAhead(-1), i + 1)
        case "last":
            if let weekday = info(i + 1).weekday, word(i + 2) != "of", word(i + 2) != "in" || info(i + 3).month == nil {
                return (.weekday(weekday, .last), i + 2)
            }
        default: break
        }
        if info(i).isTomorrow { return (.daysAhead(1), i + 1) }
        if info(i).isHoliday, let holiday = holiday(at: i) { return holiday }
        // `three fridays from now`: the third Friday after today.
        if info(i + 1).pluralWeekday != nil, let (n, after) = integer(at: i), (1...52).contains(n), let weekday = info(after).pluralWeekday,
           let end = expect("from", "now", at: after + 1) ?? expect("from", "today", at: after + 1) {
            return (.after(.weekday(weekday, .next), months: 0, days: 7 * (n - 1)), end)
        }
        if let chain = dayCountedFromDay(at: i) { return chain }
        // `on the weekend`, `at the weekend`, `over the weekend`: this weekend's Saturday.
        if let lead = word(index), lead == "on" || lead == "at" || lead == "over" || lead == "by",
           let end = expect(lead, "the", "weekend", at: index) {
            return (.weekday(.saturday, .nearest), end)
        }
        if text == "next" || text == "this" || text == "coming" {
            var j = i + 1
            if text == "this", word(j) == "coming" { j += 1 }
            let mode: WeekdayMode = text == "next" ? .next : .nearest
            if let next = word(j) {
                if let weekday = info(j).weekday { return (.weekday(weekday, mode), j + 1) }
                if next == "weekend" { return (.weekday(.saturday, mode), j + 1) }
                if text == "next", next == "week" || next == "wk" {
                    // `next week on tuesday`, `next week tuesday`.
                    let k = skip("on", at: j + 1)
                    if let weekday = info(k).weekday { return (.weekday(weekday, .inNextWeek), k + 1) }
                    return (.nextWeek, j + 1)
                }
                if text == "next", next == "month" { return (.nextMonth, j + 1) }
                if text == "next", next == "year" { return (.nextYear, j + 1) }
            }
            return nil
        }
        if let weekday = info(i).weekday {
            // `monday, november 30`, `monday the 30th`: the date says which Monday; the weekday is courtesy.
            if let dated = dateAfterWeekday(at: i + 1) { return dated }
            // `tuesday next week`, `wednesday of next week`.
            if let end = expect("next", "week", at: i + 1) ?? expect("of", "next", "week", at: i + 1) {
                return (.weekday(weekday, .inNextWeek), end)
            }
            if info(i).weekdayNeedsContext && !hasPreposition && word(i + 1) != "at" && readings(i + 1)?.clock == nil { return nil }
            return (.weekday(weekday, .nearest), i + 1)
        }
        if let (anchor, end) = dateByName(at: i) { return (anchor, end) }
        if let date = readings(i)?.numericDate {
            return (.date(month: date.month, day: date.day, year: date.year), i + 1)
        }
        if text == "the", let (anchor, end) = ordinalDay(at: i + 1) { return (anchor, end) }
        // `3rd mon in sep`, `second wednesday of june`, `20th of next month`, `last working day of the month`
        // without `the`: an ordinal and a weekday, or an ordinal that says of which month.
        if let (n, afterOrdinal) = ordinal(at: i), let (anchor, end) = ordinalDay(at: i) {
            // `last friday` alone is the one that has passed; with a month it is that month's last.
            if end > afterOrdinal + 1 || (n != -1 && info(afterOrdinal).weekday != nil) { return (anchor, end) }
            if case .inMonth(.workday, _) = anchor { return (anchor, end) }
        }
        // `on 12`, `on twelve`: that day of this month, or of the next month that has it.
        if word(index) == "on", let (n, end) = integer(at: i), (1...31).contains(n), length(i) <= 2 || readings(i) == nil {
            return (.dayOfMonth(n), end)
        }
        if hasPreposition, let (anchor, end) = ordinalDay(at: i) { return (anchor, end) }
        return nil
    }

    /// `the tuesday after next`: the one after next Tuesday (a lone `next` after the weekday).
    private func weekdayAfterNext(_ weekday: Weekday, at index: Int) -> (DayAnchor, Int)? {
        word(index) == "next" ? (.weekday(weekday, .next), index + 1) : nil
    }

    /// `(the) day after <day>` (nested: `the day after the day after tomorrow`), `the day before <day>`, `the monday after <day>`,
    /// `the week / fortnight / month / year after next` (the Monday two weeks ahead, the Monday of the
    /// fortnight after the one starting next Monday, the 1st of the month after next, January 1 of the
    /// year after next).
    private func dayCountedFromDay(at index: Int) -> (DayAnchor, Int)? {
        let i = skip("the", at: index)
        if word(i) == "day", let link = word(i + 1), link == "after" || link == "before", let (base, end) = dayAnchor(at: i + 2) {
            let step = link == "after" ? 1 : -1
            if case .daysAhead(let n) = base { return (.daysAhead(n + step), end) }
            return (.after(base, months: 0, days: step), end)
        }
        // `(the) monday after next thursday`, `the tuesday after next`.
        if let weekday = info(i).weekday, word(i + 1) == "after",
           let (base, end) = dayAnchor(at: i + 2) ?? weekdayAfterNext(weekday, at: i + 2) {
            return (.weekdayAfter(weekday, base), end)
        }
        guard i > index, let unit = word(i), let end = expect("after", "next", at: i + 1) else { return nil }
        switch unit {
        case "week": return (.after(.nextWeek, months: 0, days: 7), end)
        case "fortnight": return (.after(.nextWeek, months: 0, days: 14), end)
        case "month": return (.after(.nextMonth, months: 1, days: 0), end)
        case "year": return (.after(.nextYear, months: 12, days: 0), end)
        default: return nil
        }
    }

    /// A date right after a weekday (`, november 30`, `the 30th`, `11/30`), or nil.
    private func dateAfterWeekday(at index: Int) -> (DayAnchor, Int)? {
        let i = isComma(index) ? index + 1 : index
        if let dated = dateByName(at: i) { return dated }
        if let date = readings(i)?.numericDate, date.time == nil {
            return (.date(month: date.month, day: date.day, year: date.year), i + 1)
        }
        guard word(i) == "the", let dated = ordinalDay(at: i + 1) else { return nil }
        switch dated.0 {
        case .date, .dayOfMonth: return dated
        default: return nil
        }
    }

    /// `end of (the) month`, `end of (the) day`, `end of (the) week`, `end of (the) year`, `end of next week`
    /// (its Friday), `end of next month`, with an optional `at the` / `by the`.
    func endOfPhrase(at index: Int) -> (anchor: DayAnchor, end: Int)? {
        var i = skip("at", "by", "on", at: index)
        i = skip("the", at: i)
        guard let afterOf = expect("end", "of", at: i) else { return nil }
        if let end = expect("next", "week", at: afterOf) { return (.after(.nextWeek, months: 0, days: 4), end) }
        if let end = expect("next", "month", at: afterOf) { return (.inMonth(.number(-1), .ahead(1)), end) }
        let j = skip("the", "this", at: afterOf)
        switch word(j) {
        case "month": return (.endOfMonth, j + 1)
        case "day": return (.today, j + 1)
        case "week": return (.weekday(.friday, .nearest), j + 1)
        case "year": return (.monthEnd(month: 12, year: nil), j + 1)
        default: return nil
        }
    }

    /// `the 15th`, `the first monday (of the month)`, `the last day of the month`.
    func ordinalDay(at index: Int) -> (DayAnchor, Int)? {
        guard let (n, afterOrdinal) = ordinal(at: index) else { return nil }
        if let weekday = info(afterOrdinal).weekday, n != 0, abs(n) <= 5 {
            if let (month, end) = ofGivenMonth(at: afterOrdinal + 1) { return (.inMonth(.nthWeekday(n, weekday), month), end) }
            return (.nthWeekday(n, weekday), skipOfTheMonth(at: afterOrdinal + 1))
        }
        if n == 1 || n == -1, let afterWorkday = workdayWord(at: afterOrdinal) {
            let (month, end) = ofGivenMonth(at: afterWorkday) ?? (.current, skipOfTheMonth(at: afterWorkday))
            return (.inMonth(.workday(n), month), end)
        }
        if word(afterOrdinal) == "day", n == 1 || n == -1 {
            if let (month, end) = ofGivenMonth(at: afterOrdinal + 1) { return (.inMonth(.number(n), month), end) }
            return (.dayOfMonth(n), skipOfTheMonth(at: afterOrdinal + 1))
        }
        guard n >= 1 else { return nil }
        if word(afterOrdinal) == "of", let month = info(afterOrdinal + 1).month {
            let (year, end) = optionalYear(at: afterOrdinal + 2)
            return (.date(month: month, day: n, year: year), end)
        }
        if let (month, end) = ofGivenMonth(at: afterOrdinal), word(afterOrdinal) == "of" { return (.inMonth(.number(n), month), end) }
        return (.dayOfMonth(n), skipOfTheMonth(at: afterOrdinal))
    }

    /// `weekday`, `workday`, `working day`, `business day`: the index after, or nil.
    private func workdayWord(at index: Int) -> Int? {
        switch word(index) {
        case "weekday", "workday": index + 1
        case "working", "business": word(index + 1) == "day" ? index + 2 : nil
        default: nil
        }
    }

    /// `of next month`, `of the month after next`, `of june`, `in june` after `the first monday`.
    private func ofGivenMonth(at index: Int) -> (MonthRef, Int)? {
        guard let w = word(index), w == "of" || w == "in" else { return nil }
        if let end = expect("next", "month", at: index + 1) { return (.ahead(1), end) }
        if let end = expect("the", "month", "after", "next", at: index + 1) { return (.ahead(2), end) }
        if let month = info(index + 1).month {
            let (year, end) = optionalYear(at: index + 2)
            return (.named(month, year: year), end)
        }
        return nil
    }

    /// `[on] the 1st and 15th`, `the 1st, 10th and 20th`: two or more days of the month.
    func monthDayList(at index: Int) -> (days: [Int], end: Int)? {
        var i = skip("on", at: index)
        guard word(i) == "the" else { return nil }
        i += 1
        var days: [Int] = []
        var end = i
        while let (n, after) = ordinal(at: i), (1...31).contains(n), info(after).weekday == nil, word(after) != "day" {
            if !days.contains(n) { days.append(n) }
            end = after
            i = isComma(after) ? after + 1 : after
            i = skip("and", "&", at: i)
            i = skip("the", at: i)
            if i == after { break }
        }
        guard days.count > 1 else { return nil }
        return (days, skipOfTheMonth(at: end))
    }

    /// Skips `of the month` / `of this month` / `of month` (not `of every month`, which is a recurrence).
    func skipOfTheMonth(at index: Int) -> Int {
        expect("of", "the", "month", at: index) ?? expect("of", "this", "month", at: index)
            ?? expect("of", "month", at: index) ?? expect("in", "the", "month", at: index) ?? index
    }

    /// `June 1st`, `jun 1 2027`, `December 15th`, `june the 1st`, `1 june`, `1st of June`, `1st june, 2027`.
    func dateByName(at index: Int) -> (DayAnchor, Int)? {
        guard word(index) != nil else { return nil }
        if let month = info(index).month {
            let i = skip("the", at: index + 1)
            guard let (day, afterDay) = dayNumber(at: i) else { return nil }
            let (year, end) = optionalYear(at: afterDay)
            return (.date(month: month, day: day, year: year), end)
        }
        guard let (day, afterDay) = dayNumber(at: index) else { return nil }
        let i = skip("of", at: afterDay)
        guard let month = info(i).month else { return nil }
        let (year, end) = optionalYear(at: i + 1)
        return (.date(month: month, day: day, year: year), end)
    }

    /// A day of the month in digits or as an ordinal (`1`, `1st`, `first`); not range-checked.
    private func dayNumber(at index: Int) -> (Int, Int)? {
        guard word(index) != nil else { return nil }
        if let value = readings(index)?.number, value == value.rounded(), value >= 1, value < 1_000, length(index) <= 3 {
            return (Int(value), index + 1)
        }
        if let (n, end) = ordinal(at: index), n >= 1 { return (n, end) }
        return nil
    }

    /// `, 2027` / `2027` after a date.
    private func optionalYear(at index: Int) -> (Int?, Int) {
        let i = isComma(index) ? index + 1 : index
        if length(i) == 4, let value = readings(i)?.number, value >= 1900, value <= 2999 {
            return (Int(value), i + 1)
        }
        return (nil, index)
    }

    /// Weekdays joined by `,`, `and`, `&`, `/` or spaces: `mon, wed and fri`, `monday wednesday friday`;
    /// ranges (`mon-fri`, `monday to thursday`, `fridays through mondays`, `from monday to friday`) add
    /// every day from the first to the last.
    func weekdayList(at index: Int) -> (days: [Weekday], end: Int, hasRange: Bool)? {
        var i = skip("on", "from", at: index)
        var days: [Weekday] = []
        var end = i
        var hasRange = false
        while var run = weekdayRange(at: i) ?? (info(i).weekday ?? info(i).pluralWeekday).map({ [$0] }) {
            hasRange = hasRange || run.count > 1
            end = i + 1
            if run.count == 1, let link = word(end), link == "to" || link == "through" || link == "thru" || link == "-" || link == "–",
               let last = info(end + 1).weekday ?? info(end + 1).pluralWeekday {
                run = Self.days(from: run[0], through: last)
                hasRange = true
                end += 2
            }
            for weekday in run where !days.contains(weekday) { days.append(weekday) }
            i = end
            if isComma(i) { i += 1 }
            if let w = word(i), w == "and" || w == "&" || w == "/" || w == "or" { i += 1 }
        }
        return days.isEmpty ? nil : (days, end, hasRange)
    }

    /// Every day from `first` to `last`, wrapping round the week (`friday` through `monday`).
    static func days(from first: Weekday, through last: Weekday) -> [Weekday] {
        var days = [first]
        var day = first
        while day != last, let next = Weekday(rawValue: day.rawValue % 7 + 1) {
            days.append(next)
            day = next
        }
        return days
    }

    /// A hyphenated run of weekdays in one word (`mon-fri`, `monday-friday`, `fri-mon` wraps round
    /// the week), every day from the first to the last.
    private func weekdayRange(at index: Int) -> [Weekday]? {
        guard hasHyphen(index), let text = text(index) else { return nil }
        let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let first = Vocabulary.info(Word(String(parts[0]))).weekday,
              let last = Vocabulary.info(Word(String(parts[1]))).weekday
        else { return nil }
        return Self.days(from: first, through: last)
    }
}
