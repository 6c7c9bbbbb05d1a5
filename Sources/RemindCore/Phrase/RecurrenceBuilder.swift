import Foundation

/// Turns a recurring `WhenSpec` into a `Recurrence`: the RRULE (with the time of day as BYHOUR/BYMINUTE,
/// none for sub-day rules), COUNT/UNTIL, and the first occurrence as its start.
struct RecurrenceBuilder {
    let resolver: WhenResolver

    func recurrence(_ spec: WhenSpec) -> Result<Recurrence, Refusal> {
        guard spec.relative == nil else { return .failure(.unreadableWhen("a duration and a repeat")) }
        if spec.weekdaysWithoutRepeatWord, spec.pattern == nil, let weekdays = spec.weekdays {
            return .failure(.onceOrWeekly(Self.mondayFirst(weekdays).map { HumanTime.weekdayNames[$0.rawValue - 1].lowercased() }))
        }
        var pattern = spec.pattern ?? (spec.monthDays.map { .monthlyByDay(interval: 1, days: $0) }
            ?? .weekly(interval: 1, days: spec.weekdays ?? []))
        var starting = spec.starting
        if let weekdays = spec.weekdays, spec.pattern != nil {
            guard case .weekly(let n, let days) = pattern, days.isEmpty else { return .failure(.unreadableWhen("two sets of days")) }
            pattern = .weekly(interval: n, days: weekdays)
        }
        if let monthDays = spec.monthDays, spec.pattern != nil || spec.weekdays != nil {
            guard case .monthlyByDay(let n, let days) = pattern, days.isEmpty else { return .failure(.unreadableWhen("two sets of days")) }
            pattern = .monthlyByDay(interval: n, days: monthDays)
        }
        if let day = spec.day {
            if case .inMonth(.workday, _) = day { return .failure(.workdayOfMonthRepeats) }
            if case .easter(let offset) = day { return .failure(.movingHolidayRepeat(WhenGrammar.easterName(offset))) }
            if let merged = Self.merge(pattern, day) {
                pattern = merged
            } else if starting == nil {
                starting = day
            } else {
                return .failure(.unreadableWhen("two different days"))
            }
        }
        if let excepted = spec.exceptDays {
            switch Self.withoutExceptedDays(pattern, excepted) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let kept): pattern = kept
            }
        }
        let zone = resolver.clock.zone
        var boundary = resolver.now
        var startDay = resolver.today
        if let starting {
            switch resolver.candidateDays(starting) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let days):
                guard let day = days.first else { return .failure(.noSuchDate("that start date")) }
                startDay = day
                if day > resolver.today {
                    boundary = resolver.clock.instant(LocalDateTime(date: day)).addingTimeInterval(-1)
                }
            }
        }
        var rule: RecurrenceRule
        switch ruleShape(pattern, startDay: startDay) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let shape): rule = shape
        }
        rule.count = spec.count
        if rule.frequency == .hourly || rule.frequency == .minutely {
            guard spec.moreTimes == nil else { return .failure(.severalTimesMixed) }
            return subDay(rule, spec: spec, boundary: boundary, startDay: startDay).flatMap { bounded($0, spec) }
        }
        // "A time anywhere in the phrase applies": in `every monday until june 1 at 3pm` the repeat has no
        // time of its own, so 3pm is its time and the series runs to the end of June 1.
        var spec = spec
        if spec.time == nil, spec.until != nil, let untilTime = spec.untilTime {
            spec.time = untilTime
            spec.untilTime = nil
        }
        switch timeParts(spec) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let parts): (rule.byHour, rule.byMinute, rule.bySecond) = parts
        }
        if rule.frequency == .weekly, rule.byDay.isEmpty {
            // `weekly`: on the weekday of the first occurrence.
            var daily = rule
            daily.frequency = .daily
            daily.interval = 1
            guard let first = Recurrence.firstOccurrence(of: daily, after: boundary, in: zone) else {
                return .failure(.endsBeforeStart)
            }
            rule.byDay = [WeekdayNum(resolver.clock.local(first).date.weekday)]
        }
        guard let start = Recurrence.firstOccurrence(of: rule, after: boundary, in: zone) else {
            return .failure(.endsBeforeStart)
        }
        if case .failure(let refusal) = resolver.checked(start) { return .failure(refusal) }
        return bounded(Recurrence(rule: rule, start: start, timeZone: zone), spec)
    }

    /// BYHOUR/BYMINUTE/BYSECOND for the phrase's time or times. Several times must share their minutes
    /// (`at 9am and 5pm`) or their hour (`at 9:00 and 9:30`): an RRULE combines every hour with every minute.
    private func timeParts(_ spec: WhenSpec) -> Result<([Int], [Int], [Int]), Refusal> {
        var times = [timeOfDay(spec)]
        for extra in spec.moreTimes ?? [] {
            var single = spec
            single.time = extra
            times.append(timeOfDay(single))
        }
        let hours = Set(times.map(\.hour)).sorted()
        let minutes = Set(times.map(\.minute)).sorted()
        let seconds = Set(times.map(\.second)).sorted()
        guard seconds.count == 1, hours.count == 1 || minutes.count == 1 else { return .failure(.severalTimesMixed) }
        return .success((hours, minutes, seconds == [0] ? [] : seconds))
    }

    /// A day named next to a repeat refines it (`every 2 weeks` + `on tuesday`); nil when it does not fit.
    static func merge(_ pattern: RecurrencePattern, _ day: DayAnchor) -> RecurrencePattern? {
        switch (pattern, day) {
        case (.weekly(let n, let days), .weekday(let weekday, _)) where days.isEmpty:
            return .weekly(interval: n, days: [weekday])
        case (.monthlyByDay(let n, let days), .dayOfMonth(let d)) where days.isEmpty:
            return .monthlyByDay(interval: n, days: [d])
        case (.monthlyByDay(let n, let days), .nthWeekday(let k, let weekday)) where days.isEmpty:
            return .monthlyByWeekday(interval: n, days: [WeekdayNum(weekday, ordinal: k)])
        case (.monthlyByDay(let n, let days), .endOfMonth) where days.isEmpty:
            return .monthlyByDay(interval: n, days: [-1])
        case (.yearly(let n, nil, nil), .date(let month, let d, nil)):
            return .yearly(interval: n, month: month, day: d)
        case (.yearly(let n, nil, nil), .inMonth(.nthWeekday(let k, let weekday), .named(let month, nil))):
            return .yearlyByWeekday(interval: n, month: month, day: WeekdayNum(weekday, ordinal: k))
        case (.yearly(let n, nil, nil), .inMonth(.number(let d), .named(let month, nil))) where d > 0:
            return .yearly(interval: n, month: month, day: d)
        case (.weekly(_, let days), .weekday(let weekday, _)) where days == [weekday]:
            // `every monday … on monday`: the same day said twice.
            return pattern
        default:
            return nil
        }
    }

    /// FREQ, INTERVAL and the BY-day parts of a pattern.
    private func ruleShape(_ pattern: RecurrencePattern, startDay: LocalDate) -> Result<RecurrenceRule, Refusal> {
        switch pattern {
        case .daily(let n):
            return .success(RecurrenceRule(frequency: .daily, interval: n))
        case .weekly(let n, let days):
            return .success(RecurrenceRule(frequency: .weekly, interval: n, byDay: Self.mondayFirst(days).map { WeekdayNum($0) }))
        case .monthlyByDay(let n, let days):
            let resolved = days.isEmpty ? [startDay.day] : days.sorted { ($0 < 0 ? 100 : $0) < ($1 < 0 ? 100 : $1) }
            for day in resolved where !(day == -1 || (1...31).contains(day)) {
                return .failure(.noSuchDate("\(HumanTime.ordinal(day)) day of a month"))
            }
            return .success(RecurrenceRule(frequency: .monthly, interval: n, byMonthDay: resolved))
        case .monthlyByWeekday(let n, let days):
            return .success(RecurrenceRule(frequency: .monthly, interval: n, byDay: days))
        case .yearly(let n, let month, let day):
            let m = month ?? startDay.month
            let d = day ?? startDay.day
            guard (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: 2000) else {
                return .failure(.noSuchDate(HumanTime.dateName(month: m, day: d, year: nil)))
            }
            return .success(RecurrenceRule(frequency: .yearly, interval: n, byMonth: [m], byMonthDay: [d]))
        case .yearlyDates(let n, let months, let days):
            for m in months {
                for d in days where !((1...12).contains(m) && d >= 1 && d <= LocalDate.daysIn(month: m, year: 2000)) {
                    return .failure(.noSuchDate(HumanTime.dateName(month: m, day: d, year: nil)))
                }
            }
            return .success(RecurrenceRule(frequency: .yearly, interval: n, byMonth: months.sorted(), byMonthDay: days.sorted()))
        case .yearlyByWeekday(let n, let month, let day):
            return .success(RecurrenceRule(frequency: .yearly, interval: n, byMonth: [month], byDay: [day]))
        case .hourly(let n):
            return .success(RecurrenceRule(frequency: .hourly, interval: n))
        case .minutely(let n):
            return n < 5 ? .failure(.intervalTooShort) : .success(RecurrenceRule(frequency: .minutely, interval: n))
        }
    }

    /// Sub-day rules are anchored at their first occurrence: now + the interval, or the time/day named.
    private func subDay(_ rule: RecurrenceRule, spec: WhenSpec, boundary: Date, startDay: LocalDate) -> Result<Recurrence, Refusal> {
        let step = TimeInterval(rule.interval * (rule.frequency == .hourly ? 3_600 : 60))
        var start = resolver.now.addingTimeInterval(step)
        if spec.time != nil || spec.starting != nil || spec.partOfDay != nil {
            let time = timeOfDay(spec)
            let day = spec.starting == nil ? resolver.today : startDay
            start = resolver.clock.instant(LocalDateTime(date: day, hour: time.hour, minute: time.minute, second: time.second))
            if start <= resolver.now { start = resolver.clock.instant(LocalDateTime(date: day.adding(days: 1), hour: time.hour, minute: time.minute, second: time.second)) }
        }
        if case .failure(let refusal) = resolver.checked(start) { return .failure(refusal) }
        return .success(Recurrence(rule: rule, start: start, timeZone: resolver.clock.zone))
    }

    /// The wall-clock time of a recurring reminder. An hour 1–12 without am/pm has no "next" reading here:
    /// 1–6 mean the afternoon, 7–12 the morning (noon for 12); written `09:00` or with the 24-hour setting,
    /// the literal hour.
    func timeOfDay(_ spec: WhenSpec) -> (hour: Int, minute: Int, second: Int) {
        guard let time = spec.time else { return (spec.defaultHour ?? spec.partOfDay?.defaultHour ?? 9, 0, 0) }
        // `every night at 2`: a small hour with the night is after midnight.
        let night = spec.partOfDay == .night && time.isSmallHour
        if let meridiem = time.meridiem ?? (night ? .am : time.isAmbiguous ? spec.partOfDay?.meridiem : nil) {
            return (time.hour24(meridiem), time.minute, time.second)
        }
        if time.isAmbiguous && !resolver.clock24 {
            return (time.usualHour24, time.minute, time.second)
        }
        return (time.hour, time.minute, time.second)
    }

    /// RFC 5545 lists days Monday first (`MO,TU,WE,TH,FR`, `SA,SU`).
    static func mondayFirst(_ days: [Weekday]) -> [Weekday] {
        days.sorted { ($0.rawValue + 5) % 7 < ($1.rawValue + 5) % 7 }
    }
}
