/// Integer arithmetic on the proleptic Gregorian calendar, on "day numbers" (days since 1970-01-01).
///
/// The recurrence engine works on wall-clock dates as plain integers: this is exact, allocation-free and
/// an order of magnitude cheaper than `Calendar` (algorithms after Howard Hinnant's `chrono`-compatible
/// low-level date algorithms).
enum CivilCalendar {
    static let secondsPerDay = 86_400
    /// Days in 400 Gregorian years: the calendar (month lengths and weekdays) repeats after this.
    static let daysPer400Years = 146_097
    /// 1970-01-05, the first Monday on or after day 0; weeks are numbered from Mondays (WKST=MO).
    private static let firstMonday = 4

    /// A calendar date.
    struct YearMonthDay: Equatable {
        var year: Int
        var month: Int
        var day: Int
    }

    /// The day number of a (possibly out-of-range-free) calendar date.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * daysPer400Years + dayOfEra - 719_468
    }

    /// The calendar date of a day number.
    static func date(ofDayNumber dayNumber: Int) -> YearMonthDay {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / daysPer400Years
        let dayOfEra = shifted - era * daysPer400Years
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return YearMonthDay(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The weekday of a day number, numbered as `Weekday` (Sunday = 1 … Saturday = 7).
    static func weekdayNumber(ofDayNumber dayNumber: Int) -> Int {
        floorMod(dayNumber + 4, 7) + 1
    }

    /// The Monday-based week a day falls in (week 0 starts on Monday 1970-01-05).
    static func weekIndex(ofDayNumber dayNumber: Int) -> Int {
        floorDiv(dayNumber - firstMonday, 7)
    }

    /// The day number of the Monday that starts week `weekIndex`.
    static func mondayOfWeek(_ weekIndex: Int) -> Int {
        weekIndex * 7 + firstMonday
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Division rounding towards minus infinity (Swift's `/` truncates towards zero).
    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder matching `floorDiv`, always in `0..<divisor` for a positive divisor.
    static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        value - floorDiv(value, divisor) * divisor
    }
}
