import Foundation

/// Turns what a phrase says (`WhenSpec`) into a one-off instant, following GRAMMAR.md's defaults:
/// a day without a time is 09:00, a time without a day is the next such time, an hour 1–12 without
/// am/pm is the next of the two readings (the literal one with the 24-hour clock setting) — unless the
/// phrase names a day other than today, where it is read like a repeat's hour (`ClockTime.usualHour24`).
struct WhenResolver {
    let now: Date
    let clock: CivilClock
    let clock24: Bool
    let nowLocal: LocalDateTime
    var today: LocalDate { nowLocal.date }

    init(now: Date, zone: TimeZone, clock24: Bool) {
        self.now = now
        self.clock = CivilClock(zone)
        self.clock24 = clock24
        self.nowLocal = clock.local(now)
    }

    /// The one-off instant for a spec without a recurrence.
    func once(_ spec: WhenSpec) -> Result<Date, Refusal> {
        guard spec.moreTimes == nil else { return .failure(.severalTimesOnce) }
        if let relative = spec.relative {
            // `today in two hours`: the duration says when, `today` only agrees.
            let onlyToday = spec.day == .today && spec.time == nil && spec.partOfDay == nil
            guard spec.day == nil || onlyToday else { return .failure(.unreadableWhen("two different days")) }
            if spec.time == nil && spec.partOfDay == nil {
                return checked(afterRelative(relative))
            }
            guard relative.seconds == 0 else { return .failure(.unreadableWhen("a duration and a time of day")) }
            let day = today.adding(months: relative.months).adding(days: relative.days)
            return firstAhead(days: [day], spec: spec)
        }
        if spec.day == nil && spec.time == nil && spec.partOfDay == nil && spec.defaultHour == nil {
            return .failure(.noWhen)
        }
        if spec.day == .today && spec.time == nil && spec.partOfDay == nil && spec.defaultHour == nil {
            return .failure(.todayNeedsTime)
        }
        switch candidateDays(spec.day) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let days): return firstAhead(days: days, spec: spec)
        }
    }

    /// now + a duration: calendar steps keep the wall-clock time, hours and minutes are elapsed time.
    func afterRelative(_ duration: CalendarDuration) -> Date {
        var base = now
        if duration.months != 0 || duration.days != 0 {
            var reading = nowLocal
            reading.date = reading.date.adding(months: duration.months).adding(days: duration.days)
            let fraction = now.timeIntervalSince1970 - now.timeIntervalSince1970.rounded(.down)
            base = Date(timeIntervalSince1970: TimeInterval(clock.instantSeconds(reading)) + fraction)
        }
        return base.addingTimeInterval(duration.seconds)
    }

    /// The first candidate day whose time (per the spec) is still ahead.
    private func firstAhead(days: [LocalDate], spec: WhenSpec) -> Result<Date, Refusal> {
        let times = timesOfDay(spec)
        var last: Date?
        for day in days {
            let date = (spec.time?.isMidnight == true || isAfterMidnight(spec)) && spec.day != nil ? day.adding(days: 1) : day
            for time in times {
                let instant = clock.instant(LocalDateTime(date: date, hour: time.hour, minute: time.minute, second: time.second))
                if instant > now { return checked(instant) }
                last = instant
            }
        }
        return .failure(.pastTime(HumanTime.describe(last ?? now, clock: clock, clock24: clock24)))
    }

    /// `tonight at 3`, `tomorrow night at 1`, `tonight at 12`: a small hour with the night is after the
    /// midnight that ends that day.
    private func isAfterMidnight(_ spec: WhenSpec) -> Bool {
        spec.partOfDay == .night && spec.time?.isSmallHour == true
    }

    /// The readings of the phrase's time on a day, in order of preference.
    func timesOfDay(_ spec: WhenSpec) -> [(hour: Int, minute: Int, second: Int)] {
        guard let time = spec.time else {
            return [(spec.defaultHour ?? spec.partOfDay?.defaultHour ?? 9, 0, 0)]
        }
        if let meridiem = time.meridiem ?? (isAfterMidnight(spec) ? .am : time.isAmbiguous ? spec.partOfDay?.meridiem : nil) {
            return [(time.hour24(meridiem), time.minute, time.second)]
        }
        guard time.isAmbiguous && !clock24 else { return [(time.hour, time.minute, time.second)] }
        // On a named day other than today (`friday at 5`, `tomorrow at 8`, `in 2 days at 3`) "the next
        // of the two after now" would pick 5 a.m. or 3 a.m., which nobody means: 1–6 pm, 7–11 am, 12 noon.
        if namesLaterDay(spec) {
            return [(time.usualHour24, time.minute, time.second)]
        }
        // A time stated in a named zone (`9:00 Europe/Berlin`) is read literally, like a meeting time.
        if spec.zone == nil {
            let base = time.hour % 12
            return [(base, time.minute, time.second), (base + 12, time.minute, time.second)]
        }
        return [(time.hour, time.minute, time.second)]
    }

    /// When the phrase's hour had no am/pm and nothing else (a part of the day, the night) chose one: the
    /// other reading of `chosen` — twelve hours away on the same day, or, when that is already past, the
    /// next day — for the confirmation to offer. Nil for an unambiguous time.
    func otherReading(of spec: WhenSpec, chosen: Date) -> Date? {
        guard let time = spec.time, time.isAmbiguous, !time.isMidnight, spec.partOfDay == nil else {
            return nil
        }
        var local = clock.local(chosen)
        local.hour = local.hour < 12 ? local.hour + 12 : local.hour - 12
        var other = clock.instant(local)
        if other <= now {
            local.date = local.date.adding(days: 1)
            other = clock.instant(local)
        }
        return other == chosen ? nil : other
    }

    /// The phrase names a day that is not plainly today: a day anchor other than `today`/`tonight`, or a
    /// whole number of days, weeks, months or years ahead.
    private func namesLaterDay(_ spec: WhenSpec) -> Bool {
        if let day = spec.day { return day != .today }
        if let relative = spec.relative { return relative.months != 0 || relative.days != 0 }
        return false
    }

    /// Days a day anchor may mean, earliest first; the resolver takes the first one still ahead.
    func candidateDays(_ anchor: DayAnchor?) -> Result<[LocalDate], Refusal> {
        guard let anchor else { return .success([today, today.adding(days: 1)]) }
        switch anchor {
        case .today:
            return .success([today])
        case .daysAhead(let n):
            return .success([today.adding(days: n)])
        case .weekday(let weekday, .nearest):
            let day = today.next(weekday)
            return .success([day, day.adding(days: 7)])
        case .weekday(let weekday, .next):
            return .success([today.adding(days: 1).next(weekday)])
        case .weekday(let weekday, .inNextWeek):
            return .success([today.adding(days: 1).next(.monday).next(weekday)])
        case .weekday(let weekday, .last):
            return .success([today.adding(days: -7).next(weekday)])
        case .nextWeek:
            return .success([today.adding(days: 1).next(.monday)])
        case .nextMonth:
            let next = today.adding(months: 1)
            return .success([LocalDate(year: next.year, month: next.month, day: 1)])
        case .endOfMonth:
            let thisMonth = LocalDate(year: today.year, month: today.month, day: today.daysInMonth)
            let nextMonth = LocalDate(year: today.year, month: today.month, day: 1).adding(months: 1)
            return .success([thisMonth, LocalDate(year: nextMonth.year, month: nextMonth.month, day: nextMonth.daysInMonth)])
        case .date(let month, let day, let year):
            return datesFor(month: month, day: day, year: year)
        case .dayOfMonth(let day):
            guard day == -1 || (1...31).contains(day) else { return .failure(.noSuchDate("\(HumanTime.ordinal(day)) day of a month")) }
            var days: [LocalDate] = []
            let first = LocalDate(year: today.year, month: today.month, day: 1)
            for step in 0..<14 where days.count < 2 {
                let month = first.adding(months: step)
                let target = day == -1 ? month.daysInMonth : day
                if let date = LocalDate.valid(year: month.year, month: month.month, day: target), date >= today {
                    days.append(date)
                }
            }
            return .success(days)
        case .nthWeekday(let n, let weekday):
            var days: [LocalDate] = []
            let first = LocalDate(year: today.year, month: today.month, day: 1)
            for step in 0..<14 where days.count < 2 {
                if let date = Self.nthWeekday(n, weekday, inMonthOf: first.adding(months: step)), date >= today {
                    days.append(date)
                }
            }
            return .success(days)
        case .inMonth(let monthDay, let month):
            return daysIn(monthDay, month)
        case .monthStart(let month, let year):
            return monthStart(month, year)
        case .monthEnd(let month, let year):
            guard (1...12).contains(month) else { return .failure(.noSuchDate("month \(month)")) }
            let thisYear = year ?? (month >= today.month ? today.year : today.year + 1)
            let first = LocalDate(year: thisYear, month: month, day: 1)
            return .success([LocalDate(year: thisYear, month: month, day: first.daysInMonth)])
        case .easter(let offset):
            let days = [today.year, today.year + 1].map { LocalDate.easterSunday($0).adding(days: offset) }
            return .success(days.filter { $0 >= today })
        case .nextYear:
            return .success([LocalDate(year: today.year + 1, month: 1, day: 1)])
        case .after(let base, let months, let days):
            return candidateDays(base).map { found in found.map { $0.adding(months: months).adding(days: days) } }
        case .weekdayAfter(let weekday, let base):
            return candidateDays(base).map { found in found.map { $0.adding(days: 1).next(weekday) } }
        case .yearStart(let year):
            guard year >= today.year else { return .failure(.pastTime("the start of \(year)")) }
            return .success([LocalDate(year: year, month: 1, day: 1)])
        }
    }

    /// The 1st of a month: of the year written (refused once that month is over), else this year's if
    /// still ahead (today counts), else next year's.
    private func monthStart(_ month: Int, _ year: Int?) -> Result<[LocalDate], Refusal> {
        guard (1...12).contains(month) else { return .failure(.noSuchDate("month \(month)")) }
        if let year {
            guard (year, month) >= (today.year, today.month) else {
                return .failure(.pastTime("\(Vocabulary.monthNames[month - 1]) \(year)"))
            }
            return .success([LocalDate(year: year, month: month, day: 1)])
        }
        let first = LocalDate(year: today.year, month: month, day: 1)
        return .success(first >= today ? [first] : [first.adding(months: 12)])
    }

    /// `the first monday of next month` / `… of june` (this year's, or next year's once passed).
    private func daysIn(_ monthDay: MonthDay, _ month: MonthRef) -> Result<[LocalDate], Refusal> {
        let thisMonth = LocalDate(year: today.year, month: today.month, day: 1)
        var months: [LocalDate]
        switch month {
        case .current: months = [thisMonth, thisMonth.adding(months: 1)]
        case .ahead(let n): months = [thisMonth.adding(months: n)]
        case .named(let m, let year):
            let first = LocalDate(year: year ?? today.year, month: m, day: 1)
            months = year == nil ? [first, first.adding(months: 12)] : [first]
        }
        var days: [LocalDate] = []
        for month in months {
            switch monthDay {
            case .number(let n):
                let target = n == -1 ? month.daysInMonth : n
                guard let date = LocalDate.valid(year: month.year, month: month.month, day: target) else {
                    return .failure(.noSuchDate(HumanTime.dateName(month: month.month, day: n, year: month.year)))
                }
                days.append(date)
            case .nthWeekday(let n, let weekday):
                if let date = Self.nthWeekday(n, weekday, inMonthOf: month) { days.append(date) }
            case .workday(let n):
                var date = n > 0 ? month : LocalDate(year: month.year, month: month.month, day: month.daysInMonth)
                while date.weekday == .saturday || date.weekday == .sunday { date = date.adding(days: n > 0 ? 1 : -1) }
                days.append(date)
            }
        }
        guard !days.isEmpty else { return .failure(.noSuchDate("day in that month")) }
        return .success(days.filter { $0 >= today } + days.filter { $0 < today })
    }

    /// The `n`th (from the end when negative) `weekday` of the month containing `day`.
    static func nthWeekday(_ n: Int, _ weekday: Weekday, inMonthOf day: LocalDate) -> LocalDate? {
        if n > 0 {
            let date = LocalDate(year: day.year, month: day.month, day: 1).next(weekday).adding(days: 7 * (n - 1))
            return date.month == day.month ? date : nil
        }
        let last = LocalDate(year: day.year, month: day.month, day: day.daysInMonth)
        let back = ((last.weekday.rawValue - weekday.rawValue) % 7 + 7) % 7
        let date = last.adding(days: -back - 7 * (-n - 1))
        return date.month == day.month ? date : nil
    }

    private func datesFor(month: Int, day: Int, year: Int?) -> Result<[LocalDate], Refusal> {
        let name = HumanTime.dateName(month: month, day: day, year: year)
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: 2000) else {
            return .failure(.noSuchDate(name))
        }
        if let year {
            guard let date = LocalDate.valid(year: year, month: month, day: day) else { return .failure(.noSuchDate(name)) }
            return .success([date])
        }
        var days: [LocalDate] = []
        for candidateYear in today.year...(today.year + 8) where days.count < 2 {
            if let date = LocalDate.valid(year: candidateYear, month: month, day: day), date >= today { days.append(date) }
        }
        return .success(days)
    }

    /// Refuses instants more than five years ahead (and, for durations, not ahead at all).
    func checked(_ instant: Date) -> Result<Date, Refusal> {
        var limit = nowLocal
        limit.date = limit.date.adding(months: 60)
        if instant > clock.instant(limit).addingTimeInterval(1) { return .failure(.tooFarAhead) }
        if instant <= now { return .failure(.pastTime(HumanTime.describe(instant, clock: clock, clock24: clock24))) }
        return .success(instant)
    }
}
