import Foundation

/// The end of a series: `until <day>` (the end of that day), `until [<day>] <time>` (that instant) and
/// `for <duration>`, applied once the first occurrence is known.
extension RecurrenceBuilder {
    /// Sets UNTIL from the phrase's end, if any; refused when the series would end before it starts.
    func bounded(_ recurrence: Recurrence, _ spec: WhenSpec) -> Result<Recurrence, Refusal> {
        guard spec.until != nil || spec.untilTime != nil else { return lasting(recurrence, spec) }
        guard spec.lasting == nil, recurrence.rule.count == nil else {
            return .failure(.unreadableWhen("two ends for one repeat"))
        }
        var result = recurrence
        switch untilInstant(spec, start: recurrence.start) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let until): result.rule.until = until
        }
        return .success(result)
    }

    /// `until friday`: 23:59:59 that day. With a time (`until 3pm`, `until friday at 5pm`): that instant,
    /// the first one at or after the first occurrence — on the named day (this week's or the next one's),
    /// or on the day of the first occurrence or the one after.
    private func untilInstant(_ spec: WhenSpec, start: Date) -> Result<Date, Refusal> {
        let clock = resolver.clock
        guard let time = spec.untilTime else {
            switch resolver.candidateDays(spec.until) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let days):
                guard let day = days.first else { return .failure(.endsBeforeStart) }
                let until = clock.instant(LocalDateTime(date: day, hour: 23, minute: 59, second: 59))
                return until >= start ? .success(until) : .failure(.endsBeforeStart)
            }
        }
        let days: [LocalDate]
        if let anchor = spec.until {
            switch resolver.candidateDays(anchor) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let found): days = found
            }
        } else {
            let firstDay = clock.local(start).date
            days = [firstDay, firstDay.adding(days: 1)]
        }
        var single = WhenSpec()
        single.time = time
        let (hour, minute, second) = timeOfDay(single)
        for day in days {
            // `until friday at midnight` is the midnight that ends Friday.
            let date = time.isMidnight && spec.until != nil ? day.adding(days: 1) : day
            let until = clock.instant(LocalDateTime(date: date, hour: hour, minute: minute, second: second))
            if until >= start { return .success(until) }
        }
        return .failure(.endsBeforeStart)
    }

    /// `for 2 weeks`: UNTIL is the end of the last day of that period, which starts on the day of the first
    /// occurrence (`every day at 3pm for 10 days` fires ten times); for sub-day rules, just before
    /// the first occurrence + the duration (`every 30 minutes for 2 hours` fires four times).
    private func lasting(_ recurrence: Recurrence, _ spec: WhenSpec) -> Result<Recurrence, Refusal> {
        guard let duration = spec.lasting else { return .success(recurrence) }
        guard recurrence.rule.count == nil else {
            return .failure(.unreadableWhen("two ends for one repeat"))
        }
        var result = recurrence
        // `for the next 3 months` counts from today, `for 3 months` from the day of the first occurrence.
        let first = spec.lastingFromToday ? resolver.nowLocal : resolver.clock.local(recurrence.start)
        if duration.months == 0, duration.days == 0 {
            result.rule.until = recurrence.start.addingTimeInterval(duration.seconds - 1)
        } else {
            var lastDay = first.date.adding(months: duration.months).adding(days: duration.days)
            if duration.seconds == 0 { lastDay = lastDay.adding(days: -1) }
            result.rule.until = resolver.clock.instant(LocalDateTime(date: lastDay, hour: 23, minute: 59, second: 59))
        }
        return .success(result)
    }
}
