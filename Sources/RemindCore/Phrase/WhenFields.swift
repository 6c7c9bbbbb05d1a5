import Foundation

/// The fields of a `WhenSpec`.
struct WhenFields: Sendable, Equatable {
    var relative: CalendarDuration?
    var time: ClockTime?
    /// Further times of day (`at 9am and 5pm`): only a daily-or-slower repeat can hold them.
    var moreTimes: [ClockTime]?
    var partOfDay: PartOfDay?
    /// A default hour other than 09:00 (`end of month` 17:00).
    var defaultHour: Int?
    var day: DayAnchor?
    /// Several weekdays (`every monday and wednesday`, `mondays and wednesdays`): a weekly recurrence.
    var weekdays: [Weekday]?
    /// The weekdays were listed without `every` or a plural (`monday and thursday`): once or every week?
    /// Refused unless another element makes it a repeat (`every 2 weeks on monday and thursday`).
    var weekdaysWithoutRepeatWord = false
    /// Several days of the month (`on the 1st and 15th`): a monthly recurrence.
    var monthDays: [Int]?
    var zone: TimeZone?
    var pattern: RecurrencePattern?
    var count: Int?
    var until: DayAnchor?
    /// `until 3pm`, `until friday at 5pm`: the series ends at that instant (inclusive).
    var untilTime: ClockTime?
    /// `for 2 weeks`: the series ends after this long, counted from the day of its first occurrence.
    var lasting: CalendarDuration?
    /// `for the next 2 weeks`: `lasting` counts from today rather than from the first occurrence.
    var lastingFromToday = false
    var starting: DayAnchor?
    /// `except friday`, `but not on weekends`: weekdays left out of a repeat on days of the week.
    var exceptDays: [Weekday]?
    /// A recognisable *when* that cannot be honoured (an ambiguous zone, a too-short interval).
    var refusal: Refusal?

    /// Merges `other` into these fields; false when both say the same kind of thing (the fields taken
    /// before the conflict stay taken).
    mutating func merge(_ other: WhenFields) -> Bool {
        func take<T>(_ mine: inout T?, _ theirs: T?) -> Bool {
            guard let theirs else { return true }
            if mine != nil { return false }
            mine = theirs
            return true
        }
        weekdaysWithoutRepeatWord = weekdaysWithoutRepeatWord || other.weekdaysWithoutRepeatWord
        lastingFromToday = lastingFromToday || other.lastingFromToday
        return take(&relative, other.relative) && take(&time, other.time) && take(&moreTimes, other.moreTimes) && take(&partOfDay, other.partOfDay)
            && take(&defaultHour, other.defaultHour) && take(&day, other.day) && take(&weekdays, other.weekdays) && take(&monthDays, other.monthDays)
            && takeZone(other.zone) && take(&pattern, other.pattern) && take(&count, other.count)
            && take(&until, other.until) && take(&untilTime, other.untilTime) && take(&lasting, other.lasting) && take(&starting, other.starting)
            && take(&exceptDays, other.exceptDays) && takeRefusal(other.refusal)
    }

    private mutating func takeZone(_ other: TimeZone?) -> Bool {
        guard let other else { return true }
        if let zone { return zone == other }
        zone = other
        return true
    }

    private mutating func takeRefusal(_ other: Refusal?) -> Bool {
        if refusal == nil { refusal = other }
        return true
    }
}
