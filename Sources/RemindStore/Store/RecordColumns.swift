import Foundation

/// A table's columns as an enum whose declaration order is the SELECT order: the column list and the
/// decoder's positions both come from the cases, so neither can drift from the other, and a new case
/// does not compile until it has a name.
protocol ColumnSet: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {
    /// The column's SQL name.
    var name: String { get }
}

extension ColumnSet {
    /// How many columns a row of this table takes in a SELECT.
    static var count: Int { allCases.count }

    /// `table.a, table.b, …` in declaration order.
    static func list(_ table: String) -> String { allCases.map { "\(table).\($0.name)" }.joined(separator: ", ") }
}

/// Reads one table's columns from a row by name, starting at `start` (after the columns of an earlier
/// table in a join).
struct ColumnReader<Column: ColumnSet> {
    let row: Row
    let start: Int

    func int64(_ column: Column) throws -> Int64 { try row.int64(start + column.rawValue) }
    func int(_ column: Column) throws -> Int { try row.int(start + column.rawValue) }
    func optionalInt64(_ column: Column) throws -> Int64? { try row.optionalInt64(start + column.rawValue) }
    func string(_ column: Column) throws -> String { try row.string(start + column.rawValue) }
    func optionalString(_ column: Column) throws -> String? { try row.optionalString(start + column.rawValue) }
    func date(_ column: Column) throws -> Date { try row.date(start + column.rawValue) }
    func optionalDate(_ column: Column) throws -> Date? { try row.optionalDate(start + column.rawValue) }

    func enumeration<Value: RawRepresentable>(_ column: Column) throws -> Value where Value.RawValue == String {
        try row.enumeration(start + column.rawValue)
    }
}

/// The columns of `reminders`, in the order `Columns.reminder(from:at:)` reads them.
enum ReminderColumn: Int, ColumnSet {
    case id, groupID, creatorID, creatorName, teamID, originChannelID, targetKind, targetID, targetName, message,
         phrase, timeZone, rrule, recurrenceStart, nextFireAt, snoozedUntil, firedCount, snoozeCount, state,
         createdAt, updatedAt, endedAt, lastFiredAt, threadRootID, threadURL, threadQuote, nagInterval, nagAllDay,
         nagZone, nagsSent, teamMembers

    var name: String {
        switch self {
        case .id: "id"
        case .groupID: "group_id"
        case .creatorID: "creator_id"
        case .creatorName: "creator_name"
        case .teamID: "team_id"
        case .originChannelID: "origin_channel_id"
        case .targetKind: "target_kind"
        case .targetID: "target_id"
        case .targetName: "target_name"
        case .message: "message"
        case .phrase: "phrase"
        case .timeZone: "time_zone"
        case .rrule: "rrule"
        case .recurrenceStart: "dtstart_ms"
        case .nextFireAt: "next_fire_at_ms"
        case .snoozedUntil: "snoozed_until_ms"
        case .firedCount: "fired_count"
        case .snoozeCount: "snooze_count"
        case .state: "state"
        case .createdAt: "created_at_ms"
        case .updatedAt: "updated_at_ms"
        case .endedAt: "ended_at_ms"
        case .lastFiredAt: "last_fired_at_ms"
        case .threadRootID: "thread_root_id"
        case .threadURL: "thread_url"
        case .threadQuote: "thread_quote"
        case .nagInterval: "nag_interval_s"
        case .nagAllDay: "nag_all_day"
        case .nagZone: "nag_zone"
        case .nagsSent: "nags_sent"
        case .teamMembers: "team_members"
        }
    }
}

/// The columns of `occurrences`, in the order `Columns.occurrence(from:at:)` reads them.
enum OccurrenceColumn: Int, ColumnSet {
    case id, reminderID, dueAt, kind, state, actionToken, postID, channelID, attempts, lastError, nextAttemptAt,
         claimedAt, postedAt, completedAt, completedBy, snoozedBy, snoozedUntil

    var name: String {
        switch self {
        case .id: "id"
        case .reminderID: "reminder_id"
        case .dueAt: "due_at_ms"
        case .kind: "kind"
        case .state: "state"
        case .actionToken: "action_token"
        case .postID: "post_id"
        case .channelID: "channel_id"
        case .attempts: "attempts"
        case .lastError: "last_error"
        case .nextAttemptAt: "next_attempt_at_ms"
        case .claimedAt: "claimed_at_ms"
        case .postedAt: "posted_at_ms"
        case .completedAt: "completed_at_ms"
        case .completedBy: "completed_by"
        case .snoozedBy: "snoozed_by"
        case .snoozedUntil: "snoozed_until_ms"
        }
    }
}

/// Column lists and decoders for the records, both built from `ReminderColumn` and `OccurrenceColumn`.
enum Columns {
    /// `reminders` columns (qualified by `table`, an alias in a join) in the order `reminder(from:at:)` reads them.
    static func reminders(_ table: String = "reminders") -> String {
        table == "reminders" ? reminderList : ReminderColumn.list(table)
    }
    /// The list for the table itself, built once: statements are looked up by their text on every call.
    private static let reminderList = ReminderColumn.list("reminders")
    static let reminderCount = ReminderColumn.count

    /// `occurrences` columns (qualified by `table`) in the order `occurrence(from:at:)` reads them.
    static func occurrences(_ table: String = "occurrences") -> String {
        table == "occurrences" ? occurrenceList : OccurrenceColumn.list(table)
    }
    /// The list for the table itself, built once (see `reminderList`).
    private static let occurrenceList = OccurrenceColumn.list("occurrences")
    static let occurrenceCount = OccurrenceColumn.count

    static func reminder(from row: Row, at start: Int = 0) throws -> ReminderRecord {
        let column = ColumnReader<ReminderColumn>(row: row, start: start)
        return ReminderRecord(
            restoringID: try column.int64(.id), groupID: try column.int64(.groupID),
            creatorID: try column.string(.creatorID), creatorName: try column.string(.creatorName),
            teamID: try column.string(.teamID), originChannelID: try column.string(.originChannelID),
            targetKind: try column.enumeration(.targetKind), targetID: try column.string(.targetID),
            targetName: try column.string(.targetName), message: try column.string(.message),
            phrase: try column.string(.phrase), timeZone: try column.string(.timeZone),
            rrule: try column.optionalString(.rrule), recurrenceStart: try column.optionalDate(.recurrenceStart),
            nextFireAt: try column.optionalDate(.nextFireAt), snoozedUntil: try column.optionalDate(.snoozedUntil),
            firedCount: try column.int(.firedCount), snoozeCount: try column.int(.snoozeCount),
            state: try column.enumeration(.state), createdAt: try column.date(.createdAt),
            updatedAt: try column.date(.updatedAt), endedAt: try column.optionalDate(.endedAt),
            lastFiredAt: try column.optionalDate(.lastFiredAt), thread: try thread(from: column),
            nag: try nag(from: column), nagsSent: try column.int(.nagsSent),
            team: try column.optionalString(.teamMembers).map(TeamPerson.decode))
    }

    /// The three `nag_*` settings columns: settings when an interval is set.
    private static func nag(from column: ColumnReader<ReminderColumn>) throws -> NagSettings? {
        guard let interval = try column.optionalInt64(.nagInterval) else { return nil }
        return NagSettings(
            interval: TimeInterval(interval), allDay: try column.int(.nagAllDay) == 1,
            zone: try column.optionalString(.nagZone) ?? "UTC")
    }

    /// The three `thread_*` columns: a link when the root id and url are there.
    private static func thread(from column: ColumnReader<ReminderColumn>) throws -> ThreadLink? {
        guard let rootID = try column.optionalString(.threadRootID), let url = try column.optionalString(.threadURL)
        else { return nil }
        return ThreadLink(rootID: rootID, url: url, quote: try column.optionalString(.threadQuote))
    }

    static func occurrence(from row: Row, at start: Int = 0) throws -> OccurrenceRecord {
        let column = ColumnReader<OccurrenceColumn>(row: row, start: start)
        return OccurrenceRecord(
            id: try column.int64(.id), reminderID: try column.int64(.reminderID), dueAt: try column.date(.dueAt),
            kind: try column.enumeration(.kind), state: try column.enumeration(.state),
            actionToken: try column.string(.actionToken), postID: try column.optionalString(.postID),
            channelID: try column.optionalString(.channelID), attempts: try column.int(.attempts),
            lastError: try column.optionalString(.lastError), nextAttemptAt: try column.optionalDate(.nextAttemptAt),
            claimedAt: try column.date(.claimedAt), postedAt: try column.optionalDate(.postedAt),
            completedAt: try column.optionalDate(.completedAt), completedBy: try column.optionalString(.completedBy),
            snoozedBy: try column.optionalString(.snoozedBy), snoozedUntil: try column.optionalDate(.snoozedUntil))
    }
}
