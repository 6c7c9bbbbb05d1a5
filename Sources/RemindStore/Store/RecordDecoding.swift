import CSQLite
import Foundation

/// Times are stored as UTC milliseconds since 1970 (`*_ms` columns).
extension Date {
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1_000).rounded()) }

    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }
}

extension Optional where Wrapped == Date {
    var millisecondsValue: SQLValue { map { .integer($0.millisecondsSince1970) } ?? .null }
}

extension Row {
    func date(_ index: Int) throws -> Date { Date(millisecondsSince1970: try int64(index)) }

    func optionalDate(_ index: Int) throws -> Date? {
        try optionalInt64(index).map(Date.init(millisecondsSince1970:))
    }

    func enumeration<Value: RawRepresentable>(_ index: Int) throws -> Value where Value.RawValue == String {
        let raw = try string(index)
        guard let value = Value(rawValue: raw) else {
            throw SQLiteError(code: .mismatch, message: "unexpected value '\(raw)' in column \(index) (\(columnNames.indices.contains(index) ? columnNames[index] : "?"))")
        }
        return value
    }
}

extension ReminderRecord {
    /// The record a freshly inserted `NewReminder` becomes (the column defaults of `reminders`),
    /// with times at the store's millisecond precision.
    init(new reminder: NewReminder, id: Int64, groupID: Int64, createdAt: Date) {
        let milliseconds = { (date: Date) in Date(millisecondsSince1970: date.millisecondsSince1970) }
        self.init(
            restoringID: id, groupID: groupID, creatorID: reminder.creatorID, creatorName: reminder.creatorName,
            teamID: reminder.teamID, originChannelID: reminder.originChannelID,
            targetKind: reminder.targetKind, targetID: reminder.targetID, targetName: reminder.targetName,
            message: reminder.message, phrase: reminder.phrase, timeZone: reminder.timeZone,
            rrule: reminder.rrule, recurrenceStart: reminder.recurrenceStart.map(milliseconds),
            nextFireAt: milliseconds(reminder.firstFireAt), snoozedUntil: nil, firedCount: 0,
            snoozeCount: 0, state: .active, createdAt: milliseconds(createdAt),
            updatedAt: milliseconds(createdAt), endedAt: nil, lastFiredAt: nil, thread: reminder.thread, nag: reminder.nag,
            team: reminder.team)
    }
}

extension Optional where Wrapped == ThreadLink {
    /// `thread_root_id`, `thread_url`, `thread_quote`, as written by every insert.
    var columnValues: [SQLValue] {
        [map { .text($0.rootID) } ?? .null, map { .text($0.url) } ?? .null, self?.quote.sqlValue ?? .null]
    }
}

extension TeamPerson {
    /// `team_members`: space-separated `<id>:<username>` (neither contains a space or a colon).
    static func encode(_ members: [TeamPerson]) -> String {
        members.map { "\($0.id):\($0.username)" }.joined(separator: " ")
    }

    static func decode(_ text: String) -> [TeamPerson] {
        text.split(separator: " ").compactMap { pair in
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            return parts.count == 2 ? TeamPerson(id: parts[0], username: parts[1]) : nil
        }
    }
}

extension Optional where Wrapped == NagSettings {
    /// `nag_interval_s`, `nag_all_day`, `nag_zone`, as written by every insert.
    var columnValues: [SQLValue] {
        [map { .integer(Int64($0.interval.rounded())) } ?? .null, .integer(self?.allDay == true ? 1 : 0),
         map { .text($0.zone) } ?? .null]
    }
}

/// A fresh action token: 128 random bits as 32 lowercase hex digits (`RandomToken`).
func makeActionToken() -> String { RandomToken.make() }
