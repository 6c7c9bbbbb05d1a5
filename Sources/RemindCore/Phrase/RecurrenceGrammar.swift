import Foundation

/// Recurring forms: `every …`/`each …`, `daily`, `weekly`, `mondays`, `on weekdays`, `of every month`.
extension WhenGrammar {
    func recurrence(at index: Int) -> WhenMatch? {
        guard let match = repeatWords(at: index) else { return nil }
        return unreadableException(after: match) ?? match
    }

    /// The repeat itself, without what may follow it (`except …`).
    private func repeatWords(at index: Int) -> WhenMatch? {
        guard let first = word(index) else { return nil }
        func match(_ pattern: RecurrencePattern, _ end: Int, part: PartOfDay? = nil) -> WhenMatch {
            WhenMatch(spec: WhenSpec(partOfDay: part, pattern: pattern), end: end)
        }
        switch first {
        case "every", "each":
            return afterEvery(at: index + 1)
        case "daily", "everyday": return match(.daily(interval: 1), index + 1)
        case "nightly": return match(.daily(interval: 1), index + 1, part: .night)
        case "weekly": return match(.weekly(interval: 1, days: []), index + 1)
        case "biweekly", "bi-weekly", "fortnightly": return match(.weekly(interval: 2, days: []), index + 1)
        case "monthly": return match(.monthlyByDay(interval: 1, days: []), index + 1)
        case "bimonthly", "bi-monthly": return match(.monthlyByDay(interval: 2, days: []), index + 1)
        case "semiannually", "semi-annually", "biannually", "bi-annually", "half-yearly":
            return match(.monthlyByDay(interval: 6, days: []), index + 1)
        case "quarterly": return match(.monthlyByDay(interval: 3, days: []), index + 1)
        case "yearly", "annually": return match(.yearly(interval: 1, month: nil, day: nil), index + 1)
        case "hourly": return match(.hourly(interval: 1), index + 1)
        case "twice", "thrice": return timesPerPeriod(from: index, after: index + 1)
        case "repeat", "repeats", "repeating", "recurring":
            // `repeat weekly`, `repeating every monday`: the word only announces the repeat.
            return repeatWords(at: index + 1)
        case "once":
            // `once a week`, `once every two weeks`, `once daily`: one per period is the period itself.
            if let w = word(index + 1), w == "a" || w == "an" || w == "per" || w == "each" {
                guard info(index + 2).unit != nil || word(index + 2) == "quarter" else { return nil }
                return afterEvery(at: index + 2)
            }
            if word(index + 1) == "every" { return afterEvery(at: index + 2) }
            return repeatWords(at: index + 1)
        case "of", "in":
            // `of every month`, `of every other month`, `of every third month`.
            if word(index) == "of", let (interval, end) = ofEveryMonth(at: index) {
                return match(.monthlyByDay(interval: interval, days: []), end)
            }
            return nil
        case "end":
            if let end = expect("end", "of", "every", "month", at: index) ?? expect("end", "of", "each", "month", at: index) {
                return match(.monthlyByDay(interval: 1, days: [-1]), end)
            }
            return nil
        default:
            break
        }
        if let nth = nthWeekdays(at: index, afterEvery: false) { return withPartOfDay(nth) }
        // `weekdays`, `on weekends`, `mondays`, `on tuesdays and thursdays`.
        let i = skip("on", at: index)
        if let text = word(i) {
            if text == "weekdays" || text == "workdays" { return match(.weekly(interval: 1, days: Self.workWeek), i + 1) }
            if text == "weekends" { return match(.weekly(interval: 1, days: [.saturday, .sunday]), i + 1) }
            if info(i).pluralWeekday != nil, let list = weekdayList(at: i) {
                return withPartOfDay(match(.weekly(interval: 1, days: list.days), list.end))
            }
        }
        return nil
    }

    static let workWeek: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// What follows `every`.
    private func afterEvery(at index: Int) -> WhenMatch? {
        guard let text = word(index) else { return nil }
        func match(_ pattern: RecurrencePattern, _ end: Int, part: PartOfDay? = nil) -> WhenMatch {
            WhenMatch(spec: WhenSpec(partOfDay: part, pattern: pattern), end: end)
        }
        if let part = partOfDay(text) { return match(.daily(interval: 1), index + 1, part: part) }
        switch text {
        case "day": return withPartOfDay(match(.daily(interval: 1), index + 1))
        case "weekday", "workday", "weekdays", "workdays":
            return withPartOfDay(match(.weekly(interval: 1, days: Self.workWeek), index + 1))
        case "weekend", "weekends": return match(.weekly(interval: 1, days: [.saturday, .sunday]), index + 1)
        case "quarter": return match(.monthlyByDay(interval: 3, days: []), index + 1)
        case "fortnight": return match(.weekly(interval: 2, days: []), index + 1)
        case "other":
            return interval(2, unitAt: index + 1)
        case "single":
            return afterEvery(at: index + 1)
        default:
            break
        }
        if let end = expect("business", "day", at: index) ?? expect("working", "day", at: index) ?? expect("work", "day", at: index) {
            return match(.weekly(interval: 1, days: Self.workWeek), end)
        }
        // `every christmas`, `every thanksgiving`; Easter moves in a way no RRULE follows.
        if info(index).isHoliday, let (anchor, end) = holiday(at: index) {
            switch anchor {
            case .date(let month, let day, nil): return match(.yearly(interval: 1, month: month, day: day), end)
            case .inMonth(.nthWeekday(let n, let weekday), .named(let month, nil)):
                return match(.yearlyByWeekday(interval: 1, month: month, day: WeekdayNum(weekday, ordinal: n)), end)
            case .easter(let offset): return refused(.movingHolidayRepeat(Self.easterName(offset)), end: end)
            default: break
            }
        }
        // Before the ordinal reading, so `every 1st of january` is a date, not the 1st of every month.
        if let (anchor, end) = dateByName(at: index), case .date(let month, let day, nil) = anchor {
            return moreDates(month: month, day: day, after: end) ?? match(.yearly(interval: 1, month: month, day: day), end)
        }
        if let nth = nthWeekdays(at: index, afterEvery: true) { return withPartOfDay(nth) }
        if let (n, afterOrdinal) = ordinal(at: index), let result = everyOrdinal(n, at: index, afterOrdinal: afterOrdinal) {
            return result
        }
        if let unit = info(index).unit, length(index) > 1 {
            return interval(1, unitAt: index, unit: unit)
        }
        if let list = weekdayList(at: index) {
            return withPartOfDay(match(.weekly(interval: 1, days: list.days), list.end))
        }
        if let date = readings(index)?.numericDate, date.year == nil, date.time == nil {
            return moreDates(month: date.month, day: date.day, after: index + 1)
                ?? match(.yearly(interval: 1, month: date.month, day: date.day), index + 1)
        }
        // `every 2 hours, 30 minutes`, `every 1 hour and 15 minutes`: several parts make one sub-day step.
        if let (duration, end) = duration(at: index), duration.months == 0, duration.days == 0,
           let (_, afterFirst) = durationPart(at: index), afterFirst < end {
            return subDay(seconds: duration.seconds, months: 0, days: 0, end: end)
        }
        if let (amount, afterAmount) = amount(at: index), text != "a", text != "an" {
            return intervalAmount(amount, unitAt: afterAmount)
        }
        if let glued = readings(index)?.gluedDuration {
            return subDay(seconds: glued.seconds, months: glued.months, days: glued.days, end: index + 1)
        }
        return nil
    }

    /// `every N <unit>` with a fractional-friendly amount (`every 1.5 hours` is every 90 minutes).
    private func intervalAmount(_ amount: Double, unitAt index: Int) -> WhenMatch? {
        guard word(index) != nil else { return nil }
        if amount == 0, info(index).unit != nil || info(index).weekday != nil {
            return refused(.zeroInterval, end: index + 1)
        }
        if let unit = info(index).unit, amount > 0 {
            if amount == amount.rounded(), amount < 10_000 {
                return interval(Int(amount), unitAt: index, unit: unit)
            }
            var duration = CalendarDuration()
            duration.add(amount, unit)
            // `every half year`, `every 1.5 years`: whole months.
            if duration.months > 0, duration.days == 0, duration.seconds == 0 {
                return interval(duration.months, unitAt: index, unit: .month)
            }
            return subDay(seconds: duration.seconds, months: duration.months, days: duration.days, end: index + 1)
        }
        return nil
    }

    /// `every <interval> <unit>` where the unit is at `index` (`every other week`, `every 3 days`,
    /// `every other tuesday`).
    private func interval(_ n: Int, unitAt index: Int, unit known: DurationUnit? = nil) -> WhenMatch? {
        guard word(index) != nil, n >= 1 else { return nil }
        func match(_ pattern: RecurrencePattern, _ end: Int = index + 1) -> WhenMatch {
            WhenMatch(spec: WhenSpec(pattern: pattern), end: end)
        }
        if let unit = known ?? info(index).unit {
            switch unit {
            case .second: return refused(.intervalTooShort, end: index + 1)
            case .minute: return n < 5 ? refused(.intervalTooShort, end: index + 1) : match(.minutely(interval: n))
            case .hour: return match(.hourly(interval: n))
            case .day: return withPartOfDay(match(.daily(interval: n)))
            case .week: return match(.weekly(interval: n, days: []))
            case .fortnight: return match(.weekly(interval: 2 * n, days: []))
            case .month: return match(.monthlyByDay(interval: n, days: []))
            case .year: return match(.yearly(interval: n, month: nil, day: nil))
            }
        }
        if let list = weekdayList(at: index) {
            return withPartOfDay(match(.weekly(interval: n, days: list.days), list.end))
        }
        return nil
    }

    /// `twice a day`, `twice daily`, `three times a week`: a count per period names neither the times nor
    /// the days, so it is refused with an example that does (the words from `from` to the period).
    func timesPerPeriod(from: Int, after index: Int) -> WhenMatch? {
        let end: Int
        if let w = word(index), w == "a" || w == "an" || w == "per" || w == "each" || w == "every", info(index + 1).unit != nil {
            end = index + 2
        } else if let w = word(index), w == "daily" || w == "weekly" || w == "monthly" || w == "yearly" || w == "hourly" {
            end = index + 1
        } else {
            return nil
        }
        let words = (from..<end).compactMap { text($0) }.joined(separator: " ")
        return refused(.timesPerPeriod(words), end: end)
    }

    /// A sub-day interval from a duration (`every 90 min`, `every 1.5h`); minimum 5 minutes.
    private func subDay(seconds: Double, months: Int, days: Int, end: Int) -> WhenMatch? {
        guard months == 0, days == 0, seconds > 0 else { return nil }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 5 { return refused(.intervalTooShort, end: end) }
        let pattern: RecurrencePattern = minutes % 60 == 0 ? .hourly(interval: minutes / 60) : .minutely(interval: minutes)
        return WhenMatch(spec: WhenSpec(pattern: pattern), end: end)
    }

    /// `every first monday`, `every 2nd tuesday of the month`, `every last friday`, `every 15th`,
    /// `every 1st and 15th`, `every last day of the month`.
    private func everyOrdinal(_ n: Int, at index: Int, afterOrdinal: Int) -> WhenMatch? {
        if let weekday = info(afterOrdinal).weekday {
            guard n != 0, abs(n) <= 5 else { return nil }
            let end = skipOfEveryMonth(at: afterOrdinal + 1)
            return withPartOfDay(WhenMatch(spec: WhenSpec(pattern: .monthlyByWeekday(interval: 1, days: [WeekdayNum(weekday, ordinal: n)])), end: end))
        }
        if let w = word(afterOrdinal), w == "weekday" || w == "workday" || ((w == "working" || w == "business") && word(afterOrdinal + 1) == "day"),
           n == 1 || n == -1 {
            return refused(.workdayOfMonthRepeats, end: skipOfEveryMonth(at: afterOrdinal + (w == "weekday" || w == "workday" ? 1 : 2)))
        }
        if word(afterOrdinal) == "day", n == -1 || n == 1 || (n >= 2 && n <= 31 && skipOfEveryMonth(at: afterOrdinal + 1) > afterOrdinal + 1) {
            let end = skipOfEveryMonth(at: afterOrdinal + 1)
            return WhenMatch(spec: WhenSpec(pattern: .monthlyByDay(interval: 1, days: [n])), end: end)
        }
        // `every 2nd day`, `every second week`, `every third month`: an ordinal before a unit is an interval.
        if n >= 2, let unit = info(afterOrdinal).unit {
            return interval(n, unitAt: afterOrdinal, unit: unit)
        }
        // `every second` is an interval, not the 2nd of the month.
        guard n >= 1, n <= 31, info(index).unit == nil else { return nil }
        var days = [n]
        var i = afterOrdinal
        while true {
            var j = isComma(i) ? i + 1 : i
            j = skip("and", "&", at: j)
            guard j > i, let (next, after) = ordinal(at: j), next >= 1, next <= 31 else { break }
            if !days.contains(next) { days.append(next) }
            i = after
        }
        return WhenMatch(spec: WhenSpec(pattern: .monthlyByDay(interval: 1, days: days)), end: skipOfEveryMonth(at: i))
    }

    /// The nth weekdays of every month without `every` before them: `second and fourth tuesday of each
    /// month`, `the last thursday of every month`, `the second friday of every other month`, and a list
    /// of two or more (`1st and 3rd sunday`), which cannot be one day. After `every`, one is enough
    /// only in a list (`every second and fourth tuesday`); `every 2nd tuesday` is `everyOrdinal`'s.
    private func nthWeekdays(at index: Int, afterEvery: Bool) -> WhenMatch? {
        var i = skip("the", at: skip("on", at: index))
        var ordinals: [Int] = []
        while let (n, after) = ordinal(at: i), n != 0, abs(n) <= 5 {
            if !ordinals.contains(n) { ordinals.append(n) }
            i = after
            if info(i).weekday != nil { break }
            var j = isComma(i) ? i + 1 : i
            j = skip("and", "&", at: j)
            guard j > i else { return nil }
            i = skip("the", at: j)
        }
        guard !ordinals.isEmpty, let weekday = info(i).weekday else { return nil }
        let days = ordinals.map { WeekdayNum(weekday, ordinal: $0) }
        let afterDay = i + 1
        let pattern: (Int) -> RecurrencePattern = { .monthlyByWeekday(interval: $0, days: days) }
        if let (interval, end) = ofEveryMonth(at: afterDay) {
            return WhenMatch(spec: WhenSpec(pattern: pattern(interval)), end: end)
        }
        guard days.count > 1 else { return nil }
        let end = afterEvery ? skipOfEveryMonth(at: afterDay) : skipOfTheMonth(at: afterDay)
        return WhenMatch(spec: WhenSpec(pattern: pattern(1)), end: end)
    }

    /// `every 3/15 and 10/15`, `every may 5 and 25`, `every june 1 and december 1`: more dates after the
    /// first, each a date or (in the first's month) a day number. Only lists that one yearly rule holds
    /// (one month, or one day of the month) are read; nil when no other date follows.
    private func moreDates(month: Int, day: Int, after index: Int) -> WhenMatch? {
        var dates = [(month, day)]
        var end = index
        while true {
            var j = isComma(end) ? end + 1 : end
            j = skip("and", "&", at: j)
            guard j > end else { break }
            if let (anchor, after) = dateByName(at: j), case .date(let m, let d, nil) = anchor {
                dates.append((m, d))
                end = after
            } else if let date = readings(j)?.numericDate, date.year == nil, date.time == nil {
                dates.append((date.month, date.day))
                end = j + 1
            } else if let value = readings(j)?.number, value == value.rounded(), (1...31).contains(value), length(j) <= 2 {
                dates.append((month, Int(value)))
                end = j + 1
            } else {
                break
            }
        }
        guard dates.count > 1 else { return nil }
        var months: [Int] = []
        var days: [Int] = []
        for (m, d) in dates {
            if !months.contains(m) { months.append(m) }
            if !days.contains(d) { days.append(d) }
        }
        guard months.count == 1 || days.count == 1 else { return nil }
        return WhenMatch(spec: WhenSpec(pattern: .yearlyDates(interval: 1, months: months, days: days)), end: end)
    }

    /// `of every month`, `in each month`, `of every other month`, `of every 3 months`, `of every third
    /// month`: the interval in months and the index after.
    private func ofEveryMonth(at index: Int) -> (Int, Int)? {
        guard let w = word(index), w == "of" || w == "in", let e = word(index + 1), e == "every" || e == "each" else { return nil }
        let i = index + 2
        if word(i) == "month" { return (1, i + 1) }
        if word(i) == "other", word(i + 1) == "month" { return (2, i + 2) }
        if let (n, after) = ordinal(at: i) ?? integer(at: i), n >= 1, n <= 12, let unit = word(after), unit == "month" || unit == "months" {
            return (n, after + 1)
        }
        return nil
    }

    /// Skips `of the month`, `of every month`, `of each month`, `of month`, `of the month`.
    private func skipOfEveryMonth(at index: Int) -> Int {
        expect("of", "every", "month", at: index) ?? expect("of", "each", "month", at: index)
            ?? skipOfTheMonth(at: index)
    }

    /// Adds a trailing `morning`/`evening`/… (`every monday morning`).
    private func withPartOfDay(_ match: WhenMatch) -> WhenMatch {
        guard let part = partOfDay(word(match.end)) else { return match }
        var result = match
        result.spec.partOfDay = part
        result.end += 1
        return result
    }

    private func refused(_ refusal: Refusal, end: Int) -> WhenMatch {
        var spec = WhenSpec(pattern: .minutely(interval: 1))
        spec.refusal = refusal
        return WhenMatch(spec: spec, end: end)
    }
}
