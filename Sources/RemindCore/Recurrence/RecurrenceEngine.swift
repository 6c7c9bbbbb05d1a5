import Foundation

/// Occurrence math for recurring reminders (RFC 5545 subset, weeks start on Monday).
///
/// DAILY, WEEKLY, MONTHLY and YEARLY rules are evaluated on the wall clock of `timeZone`: a rule's times
/// stay put across daylight-saving changes, a time that does not exist (spring-forward gap) happens at
/// the first valid instant after it, and a time that happens twice (fall-back) happens at its first
/// instance. HOURLY and MINUTELY rules step exact elapsed time from `start`. `start` is occurrence #1
/// (COUNT counts it); `UNTIL` is inclusive. A rule that fails `RecurrenceRule.validate()` has no
/// occurrences.
extension Recurrence {
    /// The first occurrence strictly after `instant`, or nil when COUNT/UNTIL ended the series.
    public func occurrence(after instant: Date) -> Date? {
        occurrences(after: instant, limit: 1).first
    }

    /// Up to `limit` occurrences strictly after `instant`, in increasing order.
    public func occurrences(after instant: Date, limit: Int) -> [Date] {
        guard limit > 0, (try? rule.validate()) != nil else { return [] }
        var series = OccurrenceSeries(recurrence: self)
        var result: [Date] = []
        result.reserveCapacity(limit)
        var cursor = series.first(after: instant)
        while let occurrence = cursor {
            result.append(occurrence)
            if result.count == limit { break }
            cursor = series.next()
        }
        return result
    }

    /// The first instant strictly after `instant` matching the rule's BY* parts in `zone`, whatever the
    /// interval's phase: the `start` of a new recurrence. Parts the rule leaves out (hour, minute,
    /// weekday, day, month) are taken from `instant`'s wall clock. For HOURLY/MINUTELY it is
    /// `instant` + the interval. Nil when that is after UNTIL or the rule is invalid.
    public static func firstOccurrence(of rule: RecurrenceRule, after instant: Date, in zone: TimeZone) -> Date? {
        guard (try? rule.validate()) != nil else { return nil }
        let first: Date?
        if let step = rule.elapsedStep {
            first = instant.addingTimeInterval(step)
        } else {
            var phaseFree = rule
            phaseFree.interval = 1
            let clock = ZoneClock.forZone(zone)
            let reference = Int(instant.timeIntervalSince1970.rounded(.down))
            let plan = OccurrencePlan(
                rule: phaseFree, anchorLocalSeconds: clock.localSeconds(ofInstant: reference), clock: clock)
            first = plan.firstOccurrence(after: reference, notBeforeLocalDay: .min)
                .map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        guard let first, rule.until.map({ first <= $0 }) ?? true else { return nil }
        return first
    }
}

extension RecurrenceRule {
    /// The exact step of an HOURLY or MINUTELY rule, in seconds; nil for calendar frequencies.
    var elapsedStep: TimeInterval? {
        switch frequency {
        case .hourly: TimeInterval(interval) * 3600
        case .minutely: TimeInterval(interval) * 60
        case .daily, .weekly, .monthly, .yearly: nil
        }
    }
}

/// Walks one recurrence's occurrences in order, tracking each one's number for COUNT.
/// A value type used by a single call; not shared.
private struct OccurrenceSeries {
    private let recurrence: Recurrence
    private let plan: OccurrencePlan?
    private let startDay: Int
    /// The last occurrence returned and its number in the series (start = 1).
    private var current: Date?
    private var number = 0

    init(recurrence: Recurrence) {
        self.recurrence = recurrence
        if recurrence.rule.elapsedStep == nil {
            let clock = ZoneClock.forZone(recurrence.timeZone)
            let startLocal = clock.localSeconds(ofInstant: Int(recurrence.start.timeIntervalSince1970.rounded(.down)))
            plan = OccurrencePlan(rule: recurrence.rule, anchorLocalSeconds: startLocal, clock: clock)
            startDay = CivilCalendar.floorDiv(startLocal, CivilCalendar.secondsPerDay)
        } else {
            plan = nil
            startDay = 0
        }
    }

    /// The first occurrence strictly after `instant`.
    mutating func first(after instant: Date) -> Date? {
        let start = recurrence.start
        if instant < start {
            return accept(start, number: 1)
        }
        if let step = recurrence.rule.elapsedStep {
            var steps = ((instant.timeIntervalSince(start)) / step).rounded(.down) + 1
            if start.addingTimeInterval(steps * step) <= instant { steps += 1 }
            return accept(start.addingTimeInterval(steps * step), number: Int(min(steps + 1, Double(Int.max / 2))))
        }
        guard let candidate = calendarOccurrence(after: instant) else { return nil }
        guard let count = recurrence.rule.count else { return accept(candidate, number: 0) }
        // COUNT: number the candidate by walking from start (bounded by COUNT itself).
        current = start
        number = 1
        while let next = calendarOccurrence(after: current ?? start), next <= candidate {
            number += 1
            current = next
            if number > count { return nil }
        }
        return accept(candidate, number: number)
    }

    /// The occurrence after the last one returned.
    mutating func next() -> Date? {
        guard let current else { return nil }
        if let step = recurrence.rule.elapsedStep {
            return accept(current.addingTimeInterval(step), number: number + 1)
        }
        guard let candidate = calendarOccurrence(after: current) else { return nil }
        return accept(candidate, number: number + 1)
    }

    private func calendarOccurrence(after instant: Date) -> Date? {
        let reference = Int(instant.timeIntervalSince1970.rounded(.down))
        return plan?.firstOccurrence(after: reference, notBeforeLocalDay: startDay)
            .map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Records `occurrence` as number `number` unless COUNT or UNTIL excludes it.
    private mutating func accept(_ occurrence: Date, number: Int) -> Date? {
        if let until = recurrence.rule.until, occurrence > until { return nil }
        if let count = recurrence.rule.count, number > count { return nil }
        current = occurrence
        self.number = number
        return occurrence
    }
}
