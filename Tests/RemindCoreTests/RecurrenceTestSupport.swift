import Foundation
@testable import RemindCore

/// Helpers shared by the recurrence tests: zones, ISO 8601 text with the zone's offset, instants.
enum RecurrenceFixtures {
    static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            preconditionFailure("unknown zone \(identifier)")
        }
        return zone
    }

    /// Parses `2026-11-23T10:00:00-05:00` (or `Z`).
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { preconditionFailure("bad ISO 8601 \(text)") }
        return date
    }

    /// `date` as `yyyy-MM-ddTHH:mm:ss±hh:mm` with the offset `zone` has at that instant.
    static func text(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let day = CivilCalendar.floorDiv(seconds, 86_400)
        let date = CivilCalendar.date(ofDayNumber: day)
        let second = seconds - day * 86_400
        let sign = offset < 0 ? "-" : "+"
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", date.year, date.month, date.day,
                      second / 3600, second / 60 % 60, second % 60, sign, abs(offset) / 3600, abs(offset) / 60 % 60)
    }

    /// A recurrence from RRULE text, starting at `start` (ISO text) in `zone`.
    static func recurrence(_ rrule: String, start: String, zone identifier: String) throws -> Recurrence {
        Recurrence(rule: try RecurrenceRule(rrule: rrule), start: instant(start), timeZone: zone(identifier))
    }

    /// `count` occurrences from `start` (inclusive), as text in the recurrence's zone.
    static func series(_ recurrence: Recurrence, count: Int) -> [String] {
        let instants = [recurrence.start] + recurrence.occurrences(after: recurrence.start, limit: count - 1)
        return instants.map { text($0, in: recurrence.timeZone) }
    }
}
