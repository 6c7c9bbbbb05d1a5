import Foundation
import Mattermost
import RemindCore

extension User {
    /// The zone the user set or their client reported in Mattermost, or `fallback` when unset or unknown.
    func zone(or fallback: TimeZone) -> TimeZone {
        effectiveTimeZone.flatMap { TimeZone(identifier: $0) } ?? fallback
    }
}

/// Instants as people read them in messages: "9:00 AM tomorrow, Tue Nov 24", in the reader's zone and
/// 12- or 24-hour clock. English, like the grammar.
///
/// The Gregorian fields come from the instant's offset in the zone and whole-day arithmetic on the local
/// time (RemindCore's `LocalTime`), not from `Calendar`: its ICU calls were a measurable share of rendering a
/// delivered post.
public struct TimeText: Sendable {
    public var timeZone: TimeZone
    /// The user's Mattermost "24-hour clock" display setting.
    public var clock24: Bool

    /// Indexed by `Weekday.rawValue - 1` (Sunday first).
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A formatter for one zone and clock style.
    public init(timeZone: TimeZone, clock24: Bool) {
        self.timeZone = timeZone
        self.clock24 = clock24
    }

    /// `n` with at least two digits (`String(format:)` goes through NSString, slowly).
    private static func twoDigits(_ n: Int) -> String {
        n >= 0 && n < 10 ? "0\(n)" : String(n)
    }

    /// The wall-clock time: `9:00 AM`, `17:30`, `5:30:15 PM` (seconds only when not zero).
    public func clockTime(_ instant: Date) -> String {
        clockTime(LocalTime(instant, in: timeZone))
    }

    /// The date: `Tue Nov 24`, with the year when it is not `now`'s year (`Tue Jun 1, 2027`).
    public func date(_ instant: Date, now: Date) -> String {
        date(LocalTime(instant, in: timeZone), nowYear: LocalTime(now, in: timeZone).year)
    }

    /// `9:00 AM today, Mon Nov 23`, `9:00 AM tomorrow, Tue Nov 24` or `9:00 AM on Fri Nov 27`.
    public func moment(_ instant: Date, now: Date) -> String {
        let local = LocalTime(instant, in: timeZone), today = LocalTime(now, in: timeZone)
        let time = clockTime(local), day = date(local, nowYear: today.year)
        switch local.dayNumber - today.dayNumber {
        case 0: return "\(time) today, \(day)"
        case 1: return "\(time) tomorrow, \(day)"
        case -1: return "\(time) yesterday, \(day)"
        default: return "\(time) on \(day)"
        }
    }

    private func clockTime(_ local: LocalTime) -> String {
        let hour = local.hour
        let tail = ":" + Self.twoDigits(local.minute) + (local.second == 0 ? "" : ":" + Self.twoDigits(local.second))
        if clock24 { return Self.twoDigits(hour) + tail }
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(twelve)\(tail) \(hour < 12 ? "AM" : "PM")"
    }

    private func date(_ local: LocalTime, nowYear: Int) -> String {
        let text = "\(Self.weekdays[local.weekday.rawValue - 1]) \(Self.months[local.month - 1]) \(local.day)"
        return nowYear == local.year ? text : "\(text), \(local.year)"
    }
}
