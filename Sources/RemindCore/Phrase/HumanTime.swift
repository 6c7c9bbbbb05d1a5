import Foundation

/// Renders dates for people (refusals and the `remindd parse` summary), without `DateFormatter`.
public enum HumanTime {
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `Monday, November 23, 2026 at 9:00 AM` (or `09:00` with the 24-hour clock).
    static func describe(_ instant: Date, clock: CivilClock, clock24: Bool) -> String {
        let reading = clock.local(instant)
        let date = reading.date
        let monthName = Vocabulary.monthNames[date.month - 1]
        let weekday = weekdayNames[date.weekday.rawValue - 1]
        return "\(weekday), \(monthName) \(date.day), \(date.year) at \(time(reading, clock24: clock24))"
    }

    static func time(_ reading: LocalDateTime, clock24: Bool) -> String {
        let minutes = reading.minute < 10 ? "0\(reading.minute)" : "\(reading.minute)"
        let seconds = reading.second == 0 ? "" : (reading.second < 10 ? ":0\(reading.second)" : ":\(reading.second)")
        if clock24 {
            let hour = reading.hour < 10 ? "0\(reading.hour)" : "\(reading.hour)"
            return "\(hour):\(minutes)\(seconds)"
        }
        let hour = reading.hour % 12 == 0 ? 12 : reading.hour % 12
        return "\(hour):\(minutes)\(seconds) \(reading.hour < 12 ? "AM" : "PM")"
    }

    /// `1st`, `2nd`, `23rd`, `11th`; `last` for -1.
    public static func ordinal(_ n: Int) -> String {
        if n == -1 { return "last" }
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// `February 30`, `March 99`, `13/45` when the month does not exist.
    static func dateName(month: Int, day: Int, year: Int?) -> String {
        let base = (1...12).contains(month) ? "\(Vocabulary.monthNames[month - 1]) \(day)" : "month \(month), day \(day)"
        return year.map { "\(base), \($0)" } ?? base
    }

    /// `a`, `a and b`, `a, b and c` (empty for none): every English list remindd writes.
    public static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
