import Foundation

/// Moving reminders between instances (`remindd export` / `remindd import`): reading every active
/// reminder as it is stored, and inserting reminders back with every field kept.
extension ReminderStore {
    /// Every active reminder, oldest id first; with `userID`, only those the user created or that
    /// are addressed to them.
    public func activeReminders(forUser userID: String? = nil) async throws -> [ReminderRecord] {
        try await read { database in
            if let userID {
                return try database.rows(
                    """
                    SELECT \(Columns.reminders()) FROM reminders
                    WHERE state = 'active' AND \(Self.createdByOrAddressedToUser)
                    ORDER BY id
                    """, [.text(userID)]
                ).map { try Columns.reminder(from: $0) }
            }
            return try database.rows("SELECT \(Columns.reminders()) FROM reminders WHERE state = 'active' ORDER BY id")
                .map { try Columns.reminder(from: $0) }
        }
    }

    /// Inserts `records` with every field as given except the id (new ids are assigned; rows that
    /// shared a group keep sharing one), in one transaction.
    ///
    /// A record identical to a stored reminder in creator, team, target, message, phrase, zone,
    /// rule, recurrence start and creation time is **skipped** (whatever its state): importing the
    /// same file twice, or into the instance it came from, adds nothing.
    public func importReminders(_ records: [ReminderRecord]) async throws -> ReminderImportResult {
        try await write(announcing: true) { database in
            var result = ReminderImportResult()
            var groups: [Int64: Int64] = [:]
            for record in records.sorted(by: { $0.id < $1.id }) {
                if let existing = try Self.identicalReminder(to: record, in: database) {
                    result.skipped[record.id] = existing.id
                    if groups[record.groupID] == nil { groups[record.groupID] = existing.groupID }
                    continue
                }
                let newID = try database.int64(
                    """
                    INSERT INTO reminders (group_id, creator_id, creator_name, team_id, origin_channel_id,
                        target_kind, target_id, target_name, message, phrase, time_zone, rrule, dtstart_ms,
                        next_fire_at_ms, snoozed_until_ms, fired_count, snooze_count, state,
                        created_at_ms, updated_at_ms, ended_at_ms, last_fired_at_ms, thread_root_id, thread_url,
                        thread_quote, nag_interval_s, nag_all_day, nag_zone, nags_sent, team_members)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id
                    """,
                    [.integer(groups[record.groupID] ?? 0), .text(record.creatorID), .text(record.creatorName),
                     .text(record.teamID), .text(record.originChannelID), .text(record.targetKind.rawValue),
                     .text(record.targetID), .text(record.targetName), .text(record.message),
                     .text(record.phrase), .text(record.timeZone), record.rrule.sqlValue,
                     record.recurrenceStart.millisecondsValue, record.nextFireAt.millisecondsValue,
                     record.snoozedUntil.millisecondsValue, .integer(Int64(record.firedCount)),
                     .integer(Int64(record.snoozeCount)), .text(record.state.rawValue),
                     .integer(record.createdAt.millisecondsSince1970),
                     .integer(record.updatedAt.millisecondsSince1970), record.endedAt.millisecondsValue,
                     record.lastFiredAt.millisecondsValue]
                        + record.thread.columnValues + record.nag.columnValues + [.integer(Int64(record.nagsSent)),
                           record.team.map { .text(TeamPerson.encode($0)) } ?? .null]) ?? 0
                try Self.insertMembers(record.team, of: newID, in: database)
                if groups[record.groupID] == nil {
                    groups[record.groupID] = newID
                    try database.execute("UPDATE reminders SET group_id = id WHERE id = ?", [.integer(newID)])
                }
                result.imported[record.id] = newID
            }
            return result
        }
    }

    private static func identicalReminder(to record: ReminderRecord, in database: any SQLConnection) throws -> ReminderRecord? {
        try database.row(
            """
            SELECT \(Columns.reminders()) FROM reminders
            WHERE creator_id = ? AND team_id = ? AND target_kind = ? AND target_id = ? AND message = ?
                AND phrase = ? AND time_zone = ? AND rrule IS NOT DISTINCT FROM ? AND dtstart_ms IS NOT DISTINCT FROM ? AND created_at_ms = ?
            ORDER BY id LIMIT 1
            """,
            [.text(record.creatorID), .text(record.teamID), .text(record.targetKind.rawValue),
             .text(record.targetID), .text(record.message), .text(record.phrase), .text(record.timeZone),
             record.rrule.sqlValue, record.recurrenceStart.millisecondsValue,
             .integer(record.createdAt.millisecondsSince1970)]
        ).map { try Columns.reminder(from: $0) }
    }
}

/// What `importReminders` did, keyed by the ids the records had in their source.
public struct ReminderImportResult: Sendable, Equatable {
    /// Source id → id of the newly inserted reminder.
    public var imported: [Int64: Int64] = [:]
    /// Source id → id of the stored reminder it duplicates (nothing inserted).
    public var skipped: [Int64: Int64] = [:]

    /// An empty result.
    public init() {}
}
