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
        let local = LocalTime(instant, in: timeZone)
        let hour = local.hour
        let tail = ":" + Self.twoDigits(local.minute) + (local.second == 0 ? "" : ":" + Self.twoDigits(local.second))
        if clock24 { return Self.twoDigits(hour) + tail }
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(twelve)\(tail) \(hour < 12 ? "AM" : "PM")"
    }

    /// The date: `Tue Nov 24`, with the year when it is not `now`'s year (`Tue Jun 1, 2027`).
    public func date(_ instant: Date, now: Date) -> String {
        let local = LocalTime(instant, in: timeZone)
        let text = "\(Self.weekdays[local.weekday]) \(Self.months[local.month - 1]) \(local.day)"
        return LocalTime(now, in: timeZone).year == local.year ? text : "\(text), \(local.year)"
    }

    /// `9:00 AM today, Mon Nov 23`, `9:00 AM tomorrow, Tue Nov 24` or `9:00 AM on Fri Nov 27`.
    public func moment(_ instant: Date, now: Date) -> String {
        let days = LocalTime(instant, in: timeZone).dayNumber - LocalTime(now, in: timeZone).dayNumber
        let time = clockTime(instant)
        switch days {
        case 0: return "\(time) today, \(date(instant, now: now))"
        case 1: return "\(time) tomorrow, \(date(instant, now: now))"
        case -1: return "\(time) yesterday, \(date(instant, now: now))"
        default: return "\(time) on \(date(instant, now: now))"
        }
    }
}
