import Foundation

/// Holidays, read in the reminder's zone: fixed dates (`christmas`, `halloween`) and days that move
/// (`thanksgiving`, `easter`, `mother's day`; US dates for Thanksgiving, Mother's and Father's Day).
extension WhenGrammar {
    /// `christmas (day)`, `xmas eve`, `boxing day`, `new year's (day|eve)`, `nye`, `valentine's (day)`,
    /// `halloween`, `independence day`, `thanksgiving`, `easter (sunday|monday)`, `good friday`,
    /// `mother's day`, `father's day`: the day and the index after it.
    func holiday(at index: Int) -> (DayAnchor, Int)? {
        guard let first = word(index) else { return nil }
        let next = word(index + 1)
        switch first {
        case "christmas", "xmas", "x-mas":
            if next == "eve" { return (.date(month: 12, day: 24, year: nil), index + 2) }
            return (.date(month: 12, day: 25, year: nil), skip("day", at: index + 1))
        case "boxing":
            return next == "day" ? (.date(month: 12, day: 26, year: nil), index + 2) : nil
        case "new":
            guard let year = next, year == "year's" || year == "years" || year == "year" else { return nil }
            if word(index + 2) == "eve" { return (.date(month: 12, day: 31, year: nil), index + 3) }
            return (.date(month: 1, day: 1, year: nil), skip("day", at: index + 2))
        case "nye":
            return (.date(month: 12, day: 31, year: nil), index + 1)
        case "valentine's", "valentines", "valentine":
            return (.date(month: 2, day: 14, year: nil), skip("day", at: index + 1))
        case "halloween":
            return (.date(month: 10, day: 31, year: nil), index + 1)
        case "independence":
            return next == "day" ? (.date(month: 7, day: 4, year: nil), index + 2) : nil
        case "thanksgiving":
            return (.inMonth(.nthWeekday(4, .thursday), .named(11, year: nil)), skip("day", at: index + 1))
        case "easter":
            if info(index + 1).weekday == .monday { return (.easter(offset: 1), index + 2) }
            return (.easter(offset: 0), skip("sunday", "day", at: index + 1))
        case "good":
            return info(index + 1).weekday == .friday ? (.easter(offset: -2), index + 2) : nil
        case "mother's", "mothers":
            return next == "day" ? (.inMonth(.nthWeekday(2, .sunday), .named(5, year: nil)), index + 2) : nil
        case "father's", "fathers":
            return next == "day" ? (.inMonth(.nthWeekday(3, .sunday), .named(6, year: nil)), index + 2) : nil
        default:
            return nil
        }
    }

    /// The holiday's name for a refusal: `Easter`, `Good Friday`, `Easter Monday`.
    static func easterName(_ offset: Int) -> String {
        switch offset {
        case -2: "Good Friday"
        case 1: "Easter Monday"
        default: "Easter"
        }
    }
}

extension LocalDate {
    /// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm).
    static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let h = (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30
        let l = (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let monthAndDay = h + l - 7 * m + 114
        return LocalDate(year: year, month: monthAndDay / 31, day: monthAndDay % 31 + 1)
    }
}
