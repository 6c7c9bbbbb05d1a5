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
            throw SQLiteError(code: SQLITE_MISMATCH, message: "unexpected value '\(raw)' in column \(index) (\(columnNames.indices.contains(index) ? columnNames[index] : "?"))")
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

/// Column lists and decoders kept side by side, so a SELECT and its decoder cannot drift apart.
enum Columns {
    /// `reminders` columns in the order `reminder(from:at:)` reads them.
    static func reminders(_ table: String = "reminders") -> String {
        table == "reminders" ? reminderList : reminderColumns.map { "\(table).\($0)" }.joined(separator: ", ")
    }
    /// The list for the table itself, built once: statements are looked up by their text on every call.
    private static let reminderList = reminderColumns.map { "reminders.\($0)" }.joined(separator: ", ")
    private static let reminderColumns =
        ["id", "group_id", "creator_id", "creator_name", "team_id", "origin_channel_id", "target_kind",
         "target_id", "target_name", "message", "phrase", "time_zone", "rrule", "dtstart_ms",
         "next_fire_at_ms", "snoozed_until_ms", "fired_count", "snooze_count", "state",
         "created_at_ms", "updated_at_ms", "ended_at_ms", "last_fired_at_ms", "thread_root_id", "thread_url",
         "thread_quote", "nag_interval_s", "nag_all_day", "nag_zone", "nags_sent", "team_members"]
    static let reminderCount = 31

    /// `occurrences` columns in the order `occurrence(from:at:)` reads them.
    static func occurrences(_ table: String = "occurrences") -> String {
        table == "occurrences" ? occurrenceList : occurrenceColumns.map { "\(table).\($0)" }.joined(separator: ", ")
    }
    /// The list for the table itself, built once (see `reminderList`).
    private static let occurrenceList = occurrenceColumns.map { "occurrences.\($0)" }.joined(separator: ", ")
    private static let occurrenceColumns =
        ["id", "reminder_id", "due_at_ms", "kind", "state", "action_token", "post_id", "channel_id",
         "attempts", "last_error", "next_attempt_at_ms", "claimed_at_ms", "posted_at_ms",
         "completed_at_ms", "completed_by", "snoozed_by", "snoozed_until_ms"]
    static let occurrenceCount = 17

    static func reminder(from row: Row, at start: Int = 0) throws -> ReminderRecord {
        let i = start
        return ReminderRecord(
            restoringID: try row.int64(i), groupID: try row.int64(i + 1), creatorID: try row.string(i + 2),
            creatorName: try row.string(i + 3), teamID: try row.string(i + 4),
            originChannelID: try row.string(i + 5), targetKind: try row.enumeration(i + 6),
            targetID: try row.string(i + 7), targetName: try row.string(i + 8),
            message: try row.string(i + 9), phrase: try row.string(i + 10),
            timeZone: try row.string(i + 11), rrule: try row.optionalString(i + 12),
            recurrenceStart: try row.optionalDate(i + 13), nextFireAt: try row.optionalDate(i + 14),
            snoozedUntil: try row.optionalDate(i + 15), firedCount: try row.int(i + 16),
            snoozeCount: try row.int(i + 17), state: try row.enumeration(i + 18),
            createdAt: try row.date(i + 19), updatedAt: try row.date(i + 20),
            endedAt: try row.optionalDate(i + 21), lastFiredAt: try row.optionalDate(i + 22),
            thread: try thread(from: row, at: i + 23), nag: try nag(from: row, at: i + 26), nagsSent: try row.int(i + 29),
            team: try row.optionalString(i + 30).map(TeamPerson.decode))
    }

    /// The three `nag_*` settings columns: settings when an interval is set.
    private static func nag(from row: Row, at i: Int) throws -> NagSettings? {
        guard let interval = try row.optionalInt64(i) else { return nil }
        return NagSettings(interval: TimeInterval(interval), allDay: try row.int(i + 1) == 1, zone: try row.optionalString(i + 2) ?? "UTC")
    }

    /// The three `thread_*` columns: a link when the root id and url are there.
    private static func thread(from row: Row, at i: Int) throws -> ThreadLink? {
        guard let rootID = try row.optionalString(i), let url = try row.optionalString(i + 1) else { return nil }
        return ThreadLink(rootID: rootID, url: url, quote: try row.optionalString(i + 2))
    }

    static func occurrence(from row: Row, at start: Int = 0) throws -> OccurrenceRecord {
        let i = start
        return OccurrenceRecord(
            id: try row.int64(i), reminderID: try row.int64(i + 1), dueAt: try row.date(i + 2),
            kind: try row.enumeration(i + 3), state: try row.enumeration(i + 4),
            actionToken: try row.string(i + 5), postID: try row.optionalString(i + 6),
            channelID: try row.optionalString(i + 7), attempts: try row.int(i + 8),
            lastError: try row.optionalString(i + 9), nextAttemptAt: try row.optionalDate(i + 10),
            claimedAt: try row.date(i + 11), postedAt: try row.optionalDate(i + 12),
            completedAt: try row.optionalDate(i + 13), completedBy: try row.optionalString(i + 14),
            snoozedBy: try row.optionalString(i + 15), snoozedUntil: try row.optionalDate(i + 16))
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
