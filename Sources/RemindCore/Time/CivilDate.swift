import Foundation

/// A day on the proleptic Gregorian calendar, free of any time zone.
///
/// The parser does its calendar arithmetic on these plain integers (Howard Hinnant's days-from-civil
/// algorithms) instead of `Calendar`, which costs microseconds a call on Linux.
struct LocalDate: Hashable, Comparable, Sendable {
    let year: Int
    let month: Int
    let day: Int
    /// Days since 1970-01-01.
    let dayNumber: Int

    /// A valid date; the caller has checked `day <= LocalDate.daysIn(month:year:)`.
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = era * 146_097 + dayOfEra - 719_468
    }

    init(dayNumber: Int) {
        self.dayNumber = dayNumber
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The date if it exists (`Feb 30` does not).
    static func valid(year: Int, month: Int, day: Int) -> LocalDate? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber + 4) % 7 + 7) % 7
        return Weekday(rawValue: index + 1) ?? .sunday
    }

    var daysInMonth: Int { LocalDate.daysIn(month: month, year: year) }

    func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Calendar months later, the day clamped to the target month's length (Jan 31 + 1 month = Feb 28).
    func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        return LocalDate(year: newYear, month: newMonth, day: min(day, LocalDate.daysIn(month: newMonth, year: newYear)))
    }

    /// The first day on or after this one that falls on `weekday`.
    func next(_ weekday: Weekday) -> LocalDate {
        adding(days: ((weekday.rawValue - self.weekday.rawValue) % 7 + 7) % 7)
    }
}

/// A wall-clock reading: a date and a time of day, in no particular zone.
struct LocalDateTime: Hashable, Sendable {
    var date: LocalDate
    var hour: Int
    var minute: Int
    var second: Int

    /// Seconds since the epoch if this wall-clock reading were UTC.
    var nominalSeconds: Int { date.dayNumber * 86_400 + hour * 3_600 + minute * 60 + second }

    init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    init(nominalSeconds: Int) {
        let days = nominalSeconds >= 0 ? nominalSeconds / 86_400 : (nominalSeconds - 86_399) / 86_400
        let rest = nominalSeconds - days * 86_400
        self.init(date: LocalDate(dayNumber: days), hour: rest / 3_600, minute: rest % 3_600 / 60, second: rest % 60)
    }
}
