/// A validated calendar rule (DAILY … YEARLY) compiled for one anchor and zone: the wall-clock times of
/// day, the day filters as bit masks, and the interval phase. It answers "the first occurrence strictly
/// after this instant" by walking the rule's periods (days, weeks, months or years) in order.
///
/// Parts the rule leaves out default from the anchor's wall clock, as RFC 5545 defaults them from
/// `DTSTART`: the hour and minute (the second defaults to 0), the weekday (WEEKLY), the day of the month
/// (MONTHLY, YEARLY) and the month (YEARLY).
struct OccurrencePlan {
    private let frequency: Frequency
    private let interval: Int
    private let clock: ZoneClock
    /// Wall-clock times of day, in seconds since midnight, ascending and distinct.
    private let secondsOfDay: [Int]
    /// Bit `m` set: month `m` (1…12) is allowed.
    private let monthMask: Int
    /// Months a YEARLY rule visits, ascending.
    private let yearlyMonths: [Int]
    private let monthDays: [Int]
    /// Bit `w` set: weekday `w` (Sunday = 1) is allowed on every occurrence of it (BYDAY without ordinal).
    private let plainWeekdayMask: Int
    private let ordinalWeekdays: [WeekdayNum]
    /// The anchor's day of the month, used when the rule names no day.
    private let anchorDayOfMonth: Int
    /// The anchor's period (day number, week index, month index or year), where the interval phase starts.
    private let anchorPeriod: Int

    /// Compiles `rule` (already validated, not HOURLY/MINUTELY) anchored at the wall-clock reading
    /// `anchorLocalSeconds` in `clock`'s zone.
    init(rule: RecurrenceRule, anchorLocalSeconds: Int, clock: ZoneClock) {
        let anchorDay = CivilCalendar.floorDiv(anchorLocalSeconds, CivilCalendar.secondsPerDay)
        let anchorSecond = anchorLocalSeconds - anchorDay * CivilCalendar.secondsPerDay
        let anchorDate = CivilCalendar.date(ofDayNumber: anchorDay)
        frequency = rule.frequency
        interval = rule.interval
        self.clock = clock

        let hours = rule.byHour.isEmpty ? [anchorSecond / 3600] : rule.byHour
        let minutes = rule.byMinute.isEmpty ? [anchorSecond / 60 % 60] : rule.byMinute
        let seconds = rule.bySecond.isEmpty ? [0] : rule.bySecond
        var times: [Int] = []
        times.reserveCapacity(hours.count * minutes.count * seconds.count)
        for hour in hours {
            for minute in minutes {
                for second in seconds { times.append(hour * 3600 + minute * 60 + second) }
            }
        }
        secondsOfDay = times.count == 1 ? times : Array(Set(times)).sorted()

        monthMask = rule.byMonth.isEmpty ? 0b1_1111_1111_1110 : rule.byMonth.reduce(0) { $0 | 1 << $1 }
        monthDays = rule.byMonthDay
        plainWeekdayMask = rule.byDay.filter { $0.ordinal == nil }.reduce(0) { $0 | 1 << $1.weekday.rawValue }
        ordinalWeekdays = rule.byDay.filter { $0.ordinal != nil }
        anchorDayOfMonth = anchorDate.day
        if !rule.byMonth.isEmpty {
            yearlyMonths = Array(Set(rule.byMonth)).sorted()
        } else if !rule.byMonthDay.isEmpty || !rule.byDay.isEmpty {
            yearlyMonths = Array(1...12)
        } else {
            yearlyMonths = [anchorDate.month]
        }

        switch rule.frequency {
        case .weekly:
            anchorPeriod = CivilCalendar.weekIndex(ofDayNumber: anchorDay)
            if rule.byDay.isEmpty {
                weeklyDefaultWeekday = CivilCalendar.weekdayNumber(ofDayNumber: anchorDay)
            } else {
                weeklyDefaultWeekday = nil
            }
        case .monthly:
            anchorPeriod = anchorDate.year * 12 + anchorDate.month - 1
            weeklyDefaultWeekday = nil
        case .yearly:
            anchorPeriod = anchorDate.year
            weeklyDefaultWeekday = nil
        case .daily, .hourly, .minutely:
            anchorPeriod = anchorDay
            weeklyDefaultWeekday = nil
        }
    }

    /// The weekday a WEEKLY rule without BYDAY repeats on (the anchor's).
    private let weeklyDefaultWeekday: Int?

    /// The first occurrence strictly after `instant` (seconds since 1970), in periods at or after
    /// `firstPeriodDay`'s, or nil when none falls within 400 years (the Gregorian calendar's full cycle,
    /// so a rule that matches nothing there never matches).
    func firstOccurrence(after instant: Int, notBeforeLocalDay firstDay: Int) -> Int? {
        let referenceDay = CivilCalendar.floorDiv(clock.localSeconds(ofInstant: instant), CivilCalendar.secondsPerDay)
        let fromDay = max(referenceDay, firstDay)
        switch frequency {
        case .daily, .hourly, .minutely: return dailyOccurrence(after: instant, fromDay: fromDay)
        case .weekly: return weeklyOccurrence(after: instant, fromDay: fromDay)
        case .monthly: return monthlyOccurrence(after: instant, fromDay: fromDay)
        case .yearly: return yearlyOccurrence(after: instant, fromDay: fromDay)
        }
    }

    // MARK: Walking the periods

    /// The first period at or after `period` that is a whole number of intervals from the anchor.
    private func alignedPeriod(atOrAfter period: Int) -> Int {
        period + CivilCalendar.floorMod(anchorPeriod - period, interval)
    }

    /// The number of periods to try: 400 years' worth, at least two.
    private func periodBudget(periodsPer400Years: Int) -> Int {
        periodsPer400Years / interval + 2
    }

    /// The first of the day's times that happens strictly after `instant`.
    private func occurrence(onDay day: Int, after instant: Int) -> Int? {
        let midnight = day * CivilCalendar.secondsPerDay
        for second in secondsOfDay {
            let candidate = clock.instant(ofLocalSeconds: midnight + second)
            if candidate > instant { return candidate }
        }
        return nil
    }

    private func dailyOccurrence(after instant: Int, fromDay: Int) -> Int? {
        var day = alignedPeriod(atOrAfter: fromDay)
        let hasFilters = monthMask != 0b1_1111_1111_1110 || !monthDays.isEmpty || plainWeekdayMask != 0
        for _ in 0..<periodBudget(periodsPer400Years: CivilCalendar.daysPer400Years) {
            if !hasFilters || dayMatchesFilters(day), let found = occurrence(onDay: day, after: instant) {
                return found
            }
            day += interval
        }
        return nil
    }

    private func dayMatchesFilters(_ day: Int) -> Bool {
        let date = CivilCalendar.date(ofDayNumber: day)
        guard monthMask & (1 << date.month) != 0 else { return false }
        if plainWeekdayMask != 0, plainWeekdayMask & (1 << CivilCalendar.weekdayNumber(ofDayNumber: day)) == 0 {
            return false
        }
        if !monthDays.isEmpty {
            let length = CivilCalendar.daysInMonth(year: date.year, month: date.month)
            return monthDays.contains { ($0 > 0 ? $0 : length + 1 + $0) == date.day }
        }
        return true
    }

    private func weeklyOccurrence(after instant: Int, fromDay: Int) -> Int? {
        var week = alignedPeriod(atOrAfter: CivilCalendar.weekIndex(ofDayNumber: fromDay))
        let weekdayMask = weeklyDefaultWeekday.map { 1 << $0 } ?? plainWeekdayMask
        let filtersMonths = monthMask != 0b1_1111_1111_1110
        for _ in 0..<periodBudget(periodsPer400Years: CivilCalendar.daysPer400Years / 7) {
            let monday = CivilCalendar.mondayOfWeek(week)
            for offset in 0..<7 {
                let day = monday + offset
                // Monday is weekday 2, …, Sunday is weekday 1.
                let weekday = offset == 6 ? 1 : offset + 2
                guard day >= fromDay, weekdayMask & (1 << weekday) != 0 else { continue }
                if filtersMonths, monthMask & (1 << CivilCalendar.date(ofDayNumber: day).month) == 0 { continue }
                if let found = occurrence(onDay: day, after: instant) { return found }
            }
            week += interval
        }
        return nil
    }

    private func monthlyOccurrence(after instant: Int, fromDay: Int) -> Int? {
        let start = CivilCalendar.date(ofDayNumber: fromDay)
        var monthIndex = alignedPeriod(atOrAfter: start.year * 12 + start.month - 1)
        for _ in 0..<periodBudget(periodsPer400Years: 4800) {
            let year = CivilCalendar.floorDiv(monthIndex, 12)
            let month = monthIndex - year * 12 + 1
            if monthMask & (1 << month) != 0,
               let found = occurrence(inMonth: month, of: year, after: instant, fromDay: fromDay) {
                return found
            }
            monthIndex += interval
        }
        return nil
    }

    private func yearlyOccurrence(after instant: Int, fromDay: Int) -> Int? {
        var year = alignedPeriod(atOrAfter: CivilCalendar.date(ofDayNumber: fromDay).year)
        for _ in 0..<periodBudget(periodsPer400Years: 400) {
            for month in yearlyMonths {
                if let found = occurrence(inMonth: month, of: year, after: instant, fromDay: fromDay) {
                    return found
                }
            }
            year += interval
        }
        return nil
    }

    private func occurrence(inMonth month: Int, of year: Int, after instant: Int, fromDay: Int) -> Int? {
        let firstDay = CivilCalendar.dayNumber(year: year, month: month, day: 1)
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        guard firstDay + length > fromDay else { return nil }
        var days = dayMask(firstDay: firstDay, length: length)
        while days != 0 {
            let dayOfMonth = days.trailingZeroBitCount
            days &= days - 1
            let day = firstDay + dayOfMonth - 1
            if day >= fromDay, let found = occurrence(onDay: day, after: instant) { return found }
        }
        return nil
    }

    /// The days of one month the rule selects, as a mask (bit `d` = day `d`): BYMONTHDAY and BYDAY each
    /// select days and, when both are given, only days both select count (RFC 5545 "Friday the 13th").
    private func dayMask(firstDay: Int, length: Int) -> Int {
        let allDays = (1 << (length + 1)) - 2
        var mask = allDays
        if !monthDays.isEmpty {
            var selected = 0
            for monthDay in monthDays {
                let day = monthDay > 0 ? monthDay : length + 1 + monthDay
                if day >= 1, day <= length { selected |= 1 << day }
            }
            mask &= selected
        }
        if plainWeekdayMask != 0 || !ordinalWeekdays.isEmpty {
            mask &= weekdayDayMask(firstDay: firstDay, length: length)
        }
        if monthDays.isEmpty, plainWeekdayMask == 0, ordinalWeekdays.isEmpty {
            mask = anchorDayOfMonth <= length ? 1 << anchorDayOfMonth : 0
        }
        return mask
    }

    private func weekdayDayMask(firstDay: Int, length: Int) -> Int {
        let firstWeekday = CivilCalendar.weekdayNumber(ofDayNumber: firstDay)
        var selected = 0
        if plainWeekdayMask != 0 {
            for day in 1...length where plainWeekdayMask & (1 << ((firstWeekday + day - 2) % 7 + 1)) != 0 {
                selected |= 1 << day
            }
        }
        let lastWeekday = (firstWeekday + length - 2) % 7 + 1
        for entry in ordinalWeekdays {
            guard let ordinal = entry.ordinal else { continue }
            let weekday = entry.weekday.rawValue
            let day = ordinal > 0
                ? 1 + (weekday - firstWeekday + 7) % 7 + (ordinal - 1) * 7
                : length - (lastWeekday - weekday + 7) % 7 + (ordinal + 1) * 7
            if day >= 1, day <= length { selected |= 1 << day }
        }
        return selected
    }
}
