import Foundation
import RemindCore

/// A recurrence rule in words: "every other Monday at 10:00 AM", "on the last Friday of every month at 5:00 PM".
public enum RecurrenceText {
    private static let dayNames: [Weekday: String] = [
        .monday: "Monday", .tuesday: "Tuesday", .wednesday: "Wednesday", .thursday: "Thursday",
        .friday: "Friday", .saturday: "Saturday", .sunday: "Sunday",
    ]
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]
    private static let weekOrder: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]

    /// Describes `recurrence` for a reader using `time` (zone and clock style).
    public static func describe(_ recurrence: Recurrence, time: TimeText, now: Date) -> String {
        let rule = recurrence.rule
        let at = " at " + time.clockTime(recurrence.start)
        var text: String
        switch rule.frequency {
        case .minutely:
            text = rule.interval == 1 ? "every minute" : "every \(rule.interval) minutes"
        case .hourly:
            text = rule.interval == 1 ? "every hour" : rule.interval == 2 ? "every other hour" : "every \(rule.interval) hours"
        case .daily:
            text = every(rule.interval, "day", plural: "days") + at
        case .weekly:
            let days = Set(rule.byDay.map(\.weekday))
            let workweek: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
            if rule.interval == 1, days == workweek {
                text = "every weekday" + at
            } else if rule.interval == 1, days == [.saturday, .sunday] {
                text = "every Saturday and Sunday" + at
            } else {
                let names = HumanTime.list(weekOrder.filter(days.contains).compactMap { dayNames[$0] })
                switch rule.interval {
                case 1: text = "every \(names)" + at
                case 2: text = "every other \(names)" + at
                default: text = "every \(rule.interval) weeks on \(names)" + at
                }
            }
        case .monthly:
            let months = rule.interval == 1 ? "every month" : rule.interval == 2 ? "every other month" : "every \(rule.interval) months"
            text = "on the \(dayOfMonth(rule)) of \(months)" + at
        case .yearly:
            let month = rule.byMonth.first.map { monthNames[max(0, min(11, $0 - 1))] } ?? ""
            if let day = rule.byMonthDay.first {
                text = "every year on \(month) \(day)" + at
            } else {
                text = "every year on the \(dayOfMonth(rule)) of \(month)" + at
            }
        }
        if let count = rule.count { text += ", \(count) time\(count == 1 ? "" : "s")" }
        if let until = rule.until { text += ", until \(time.date(until, now: now))" }
        return text
    }

    private static func every(_ interval: Int, _ unit: String, plural: String) -> String {
        interval == 1 ? "every \(unit)" : interval == 2 ? "every other \(unit)" : "every \(interval) \(plural)"
    }

    private static func dayOfMonth(_ rule: RecurrenceRule) -> String {
        if let day = rule.byMonthDay.first {
            return day == -1 ? "last day" : day < 0 ? "\(ordinal(-day)) to last day" : ordinal(day)
        }
        if let entry = rule.byDay.first, let ordinal = entry.ordinal {
            let name = dayNames[entry.weekday] ?? ""
            switch ordinal {
            case -1: return "last \(name)"
            case ..<0: return "\(Self.ordinalWord(-ordinal)) to last \(name)"
            default: return "\(Self.ordinalWord(ordinal)) \(name)"
            }
        }
        return "same day"
    }

    private static func ordinalWord(_ number: Int) -> String {
        ["first", "second", "third", "fourth", "fifth"][max(1, min(5, number)) - 1]
    }

    /// `1st`, `2nd`, `3rd`, `11th`, `22nd` (the grammar's own, so both say it alike).
    static func ordinal(_ number: Int) -> String { HumanTime.ordinal(number) }
}
