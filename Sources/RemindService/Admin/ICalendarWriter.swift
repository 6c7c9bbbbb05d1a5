import Foundation
import RemindCore
import RemindStore

/// Reminders as an RFC 5545 iCalendar file: one VEVENT per reminder (DTSTART in the reminder's zone
/// with TZID, the RRULE of a recurring one and an EXDATE for each skipped time, SUMMARY = the message, a
/// stable UID, the thread's permalink as URL, a display alarm at the time), the VTIMEZONE of every zone
/// used, CRLF line ends, lines folded at 75 octets and text escaped.
public enum ICalendarWriter {
    /// The calendar for `records`; `now` is the DTSTAMP; `skipped` holds each reminder's skipped times
    /// (EXDATE); `name`, when given, is the name calendar apps show for a subscription (`X-WR-CALNAME`).
    public static func calendar(
        for records: [ReminderRecord], stampedAt now: Date, skipped: [Int64: [Date]] = [:], name: String? = nil
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//remindd//remindd \(RemindVersion.current)//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        ]
        if let name { lines.append("X-WR-CALNAME:\(escape(name))") }
        let zones = Set(records.compactMap { TimeZone(identifier: $0.timeZone) }.map(\.identifier)).sorted()
        for identifier in zones {
            guard let zone = TimeZone(identifier: identifier) else { continue }
            let starts = records.filter { $0.timeZone == identifier }.map(eventStart)
            lines += TimeZoneComponent.lines(for: zone, from: starts.min() ?? now)
        }
        for record in records { lines += event(for: record, stampedAt: now, skipped: skipped[record.id] ?? []) }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// When the event starts: a recurring reminder's recurrence start, a one-off's next due time
    /// (or, once fired and not yet completed, when it last fired).
    static func eventStart(_ record: ReminderRecord) -> Date {
        if let start = record.recurrenceStart, record.isRecurring { return start }
        return record.nextDueAt ?? record.lastFiredAt ?? record.createdAt
    }

    private static func event(for record: ReminderRecord, stampedAt now: Date, skipped: [Date]) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:remindd-\(record.id)-\(milliseconds(record.createdAt))@remindd",
            "DTSTAMP:\(utc(now))",
            "CREATED:\(utc(record.createdAt))",
            "LAST-MODIFIED:\(utc(record.updatedAt))",
        ]
        let start = eventStart(record)
        if let zone = TimeZone(identifier: record.timeZone) {
            lines.append("DTSTART;TZID=\(zone.identifier):\(local(start, in: zone))")
        } else {
            lines.append("DTSTART:\(utc(start))")
        }
        if let rrule = record.rrule {
            lines.append("RRULE:" + (rrule.hasPrefix("RRULE:") ? String(rrule.dropFirst(6)) : rrule))
            if !skipped.isEmpty {
                if let zone = TimeZone(identifier: record.timeZone) {
                    lines.append("EXDATE;TZID=\(zone.identifier):" + skipped.sorted().map { local($0, in: zone) }.joined(separator: ","))
                } else {
                    lines.append("EXDATE:" + skipped.sorted().map(utc).joined(separator: ","))
                }
            }
        }
        if let thread = record.thread { lines.append("URL:\(thread.url)") }
        let target = record.targetKind == .channel ? "~\(record.targetName)" : "@\(record.targetName)"
        lines += [
            "SUMMARY:\(escape(record.message))",
            "DESCRIPTION:\(escape("Reminder for \(target) set by @\(record.creatorName): /remind \(record.phrase)"))",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escape(record.message))", "TRIGGER:PT0S", "END:VALARM",
            "END:VEVENT",
        ]
        return lines
    }

    /// TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets (RFC 5545 §3.1): continuation lines
    /// start with one space; a UTF-8 sequence is never split.
    public static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var pieces: [String] = []
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
            limit = 74
        }
        return pieces.joined(separator: "\r\n ")
    }

    static func utc(_ date: Date) -> String {
        stamp(date, in: TimeZone(identifier: "UTC") ?? .gmt) + "Z"
    }

    static func local(_ date: Date, in zone: TimeZone) -> String {
        stamp(date, in: zone)
    }

    /// `yyyyMMdd'T'HHmmss` of `date` on the wall clock of `zone`.
    public static func stamp(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        let year = String(parts.year ?? 0)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + two(parts.month) + two(parts.day)
            + "T" + two(parts.hour) + two(parts.minute) + two(parts.second)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }
}

/// The VTIMEZONE of a zone: its offset changes from a year before the first event for twenty
/// years, each as a STANDARD or DAYLIGHT observance (a fixed-offset zone gets one STANDARD).
enum TimeZoneComponent {
    static let years = 20

    static func lines(for zone: TimeZone, from first: Date) -> [String] {
        let start = first.addingTimeInterval(-366 * 86_400)
        let end = first.addingTimeInterval(Double(years) * 365.25 * 86_400)
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        var offset = zone.secondsFromGMT(for: start)
        lines += observance(
            daylight: zone.isDaylightSavingTime(for: start), onset: start, from: offset, to: offset,
            name: zone.abbreviation(for: start))
        var cursor = start
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor), transition < end {
            let newOffset = zone.secondsFromGMT(for: transition)
            lines += observance(
                daylight: zone.isDaylightSavingTime(for: transition), onset: transition, from: offset, to: newOffset,
                name: zone.abbreviation(for: transition))
            offset = newOffset
            cursor = transition
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// One observance; its DTSTART is the onset on the wall clock of the offset before it.
    private static func observance(daylight: Bool, onset: Date, from: Int, to: Int, name: String?) -> [String] {
        let kind = daylight ? "DAYLIGHT" : "STANDARD"
        let wallClock = ICalendarWriter.stamp(onset, in: TimeZone(secondsFromGMT: from) ?? .gmt)
        var lines = ["BEGIN:\(kind)", "DTSTART:\(wallClock)", "TZOFFSETFROM:\(text(from))", "TZOFFSETTO:\(text(to))"]
        if let name, !name.isEmpty { lines.append("TZNAME:\(ICalendarWriter.escape(name))") }
        lines.append("END:\(kind)")
        return lines
    }

    /// `+0100`, `-0530`, `+054500` when seconds are needed.
    private static func text(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let base = sign + two(magnitude / 3_600) + two(magnitude % 3_600 / 60)
        return magnitude % 60 == 0 ? base : base + two(magnitude % 60)
    }
}
