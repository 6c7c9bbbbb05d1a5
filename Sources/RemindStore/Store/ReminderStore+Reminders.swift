import Foundation

/// Creating, listing and ending reminders.
extension ReminderStore {
    /// Creates one row per recipient in one transaction; the rows share a group id (the first
    /// row's id). Returns the stored records in input order. With `activeLimit`, the creator's active
    /// reminders are counted in the same transaction and `activeLimitReached` is thrown, with nothing
    /// stored, when the new rows would pass it (so concurrent commands cannot overshoot the limit).
    public func create(_ reminders: [NewReminder], at now: Date, activeLimit: Int? = nil) async throws -> [ReminderRecord] {
        guard let first = reminders.first else { return [] }
        return try await write(announcing: true) { database in
            if let activeLimit {
                let active = try Self.activeCount(createdBy: first.creatorID, in: database)
                guard active + reminders.count <= activeLimit else {
                    throw ReminderStoreError.activeLimitReached(active: active, limit: activeLimit)
                }
            }
            // The group id is the first row's id. Each row takes the next free id, chosen inside
            // its INSERT (`SQLDialect.nextReminderID`): one statement per row, no read-back, and the
            // first row's group id is known as it is written.
            var groupID: Int64?
            var records: [ReminderRecord] = []
            records.reserveCapacity(reminders.count)
            for reminder in reminders {
                let id = try database.int64(
                    """
                    INSERT INTO reminders (id, group_id, creator_id, creator_name, team_id, origin_channel_id,
                        target_kind, target_id, target_name, message, phrase, time_zone, rrule, dtstart_ms,
                        next_fire_at_ms, created_at_ms, updated_at_ms, thread_root_id, thread_url, thread_quote,
                        nag_interval_s, nag_all_day, nag_zone, team_members)
                    SELECT next_id, coalesce(?1, next_id), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                        ?14, ?15, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22
                    FROM \(database.dialect.nextReminderID)
                    RETURNING id
                    """,
                    [groupID.map { .integer($0) } ?? .null,
                     .text(reminder.creatorID), .text(reminder.creatorName),
                     .text(reminder.teamID), .text(reminder.originChannelID),
                     .text(reminder.targetKind.rawValue), .text(reminder.targetID),
                     .text(reminder.targetName), .text(reminder.message), .text(reminder.phrase),
                     .text(reminder.timeZone), reminder.rrule.sqlValue,
                     reminder.recurrenceStart.millisecondsValue,
                     .integer(reminder.firstFireAt.millisecondsSince1970),
                     .integer(now.millisecondsSince1970)] + reminder.thread.columnValues + reminder.nag.columnValues
                        + [reminder.team.map { .text(TeamPerson.encode($0)) } ?? .null]) ?? 0
                try Self.insertMembers(reminder.team, of: id, in: database)
                records.append(ReminderRecord(new: reminder, id: id, groupID: groupID ?? id, createdAt: now))
                if groupID == nil { groupID = id }
            }
            return records
        }
    }

    /// The reminder with `id`, or nil.
    public func reminder(id: Int64) async throws -> ReminderRecord? {
        try await read { database in try Self.fetchReminder(id, in: database) }
    }

    /// Reminders a user created or that are addressed to them: active ones first (soonest due
    /// first), then, with `includeCompleted`, completed ones (most recently ended first).
    /// Deleted reminders are never listed.
    public func reminders(
        forUser userID: String, includeCompleted: Bool = false, limit: Int, offset: Int = 0
    ) async throws -> ReminderPage {
        try await page(
            matching: Self.createdByOrAddressedToUser,
            id: userID, includeCompleted: includeCompleted, limit: limit, offset: offset)
    }

    /// Reminders addressed to a channel, ordered and paged like `reminders(forUser:…)`.
    public func reminders(
        forChannel channelID: String, includeCompleted: Bool = false, limit: Int, offset: Int = 0
    ) async throws -> ReminderPage {
        try await page(
            matching: Self.addressedToChannel,
            id: channelID, includeCompleted: includeCompleted, limit: limit, offset: offset)
    }

    /// Active reminders with a scheduled time or a snooze before `time`, as one entry per due
    /// time (a reminder with both due appears twice, once per kind), earliest first.
    public func dueReminders(before time: Date, limit: Int) async throws -> [DueReminder] {
        try await read { database in
            try database.rows(
                """
                SELECT \(Columns.reminders()), next_fire_at_ms AS due_at_ms, 'scheduled' AS kind
                FROM reminders
                WHERE state = 'active' AND next_fire_at_ms IS NOT NULL AND next_fire_at_ms < ?1
                UNION ALL
                SELECT \(Columns.reminders()), snoozed_until_ms AS due_at_ms, 'snooze' AS kind
                FROM reminders
                WHERE state = 'active' AND snoozed_until_ms IS NOT NULL AND snoozed_until_ms < ?1
                ORDER BY due_at_ms, id
                LIMIT ?2
                """,
                [.integer(time.millisecondsSince1970), .integer(Int64(limit))]
            ).map { row in
                DueReminder(
                    reminder: try Columns.reminder(from: row),
                    dueAt: try row.date(Columns.reminderCount),
                    kind: try row.enumeration(Columns.reminderCount + 1))
            }
        }
    }

    /// Presses Complete. A one-off ends (state completed); a recurring reminder ends only the
    /// current occurrence: that occurrence (`occurrenceID`, or the latest one) records
    /// `completedAt` and a pending snooze of it is dropped, while the series goes on.
    /// Completing an ended reminder changes nothing. Returns the reminder as it now is.
    @discardableResult
    public func complete(
        reminderID: Int64, occurrenceID: Int64? = nil, by username: String? = nil, at now: Date
    ) async throws -> ReminderRecord {
        try await write { database in
            let reminder = try Self.requireReminder(reminderID, in: database)
            try Self.markOccurrenceCompleted(
                reminderID: reminderID, occurrenceID: occurrenceID, by: username, at: now, in: database)
            guard reminder.state == .active else { return reminder }
            if reminder.isRecurring {
                try database.execute(
                    "UPDATE reminders SET snoozed_until_ms = NULL, updated_at_ms = ? WHERE id = ?",
                    [.integer(now.millisecondsSince1970), .integer(reminderID)])
            } else {
                try Self.end(reminderID, as: .completed, at: now, in: database)
            }
            return try Self.requireReminder(reminderID, in: database)
        }
    }

    /// Presses Delete: ends the reminder (the whole series for a recurring one). Deleting a
    /// deleted reminder changes nothing. Returns the reminder as it now is.
    @discardableResult
    public func delete(reminderID: Int64, at now: Date) async throws -> ReminderRecord {
        try await write { database in
            let reminder = try Self.requireReminder(reminderID, in: database)
            guard reminder.state != .deleted else { return reminder }
            try Self.end(reminderID, as: .deleted, at: now, in: database)
            return try Self.requireReminder(reminderID, in: database)
        }
    }

    /// Deletes several reminders that `creatorID` created, all or none: if any id is missing or another
    /// user's, `notCreatedBy` is thrown and nothing changes. Returns the reminders that were active and are
    /// now deleted (already-ended ones are left as they were).
    public func delete(reminderIDs: [Int64], createdBy creatorID: String, at now: Date) async throws -> [ReminderRecord] {
        try await write { database in
            var ended: [ReminderRecord] = []
            for id in reminderIDs {
                guard let reminder = try Self.fetchReminder(id, in: database), reminder.creatorID == creatorID else {
                    throw ReminderStoreError.notCreatedBy(reminderID: id, userID: creatorID)
                }
                guard reminder.state == .active else { continue }
                try Self.end(id, as: .deleted, at: now, in: database)
                ended.append(try Self.requireReminder(id, in: database))
            }
            return ended
        }
    }

    /// Snoozes: the last occurrence fires once more at `until` (the schedule is unchanged); the ledger row of
    /// that occurrence, if it fired, records who snoozed it (`username`) and until when.
    /// Throws `reminderNotActive` for an ended reminder.
    @discardableResult
    public func snooze(reminderID: Int64, until: Date, by username: String? = nil, at now: Date) async throws -> ReminderRecord {
        try await write(announcing: true) { database in
            let reminder = try Self.requireReminder(reminderID, in: database)
            guard reminder.state == .active else {
                throw ReminderStoreError.reminderNotActive(id: reminderID, state: reminder.state)
            }
            try database.execute(
                """
                UPDATE reminders SET snoozed_until_ms = ?, snooze_count = snooze_count + 1, updated_at_ms = ?
                WHERE id = ?
                """,
                [.integer(until.millisecondsSince1970), .integer(now.millisecondsSince1970), .integer(reminderID)])
            if let username {
                try database.execute(
                    """
                    UPDATE occurrences SET snoozed_by = ?, snoozed_until_ms = ?
                    WHERE id = (SELECT id FROM occurrences WHERE reminder_id = ? ORDER BY due_at_ms DESC, id DESC LIMIT 1)
                    """,
                    [.text(username), .integer(until.millisecondsSince1970), .integer(reminderID)])
            }
            return try Self.requireReminder(reminderID, in: database)
        }
    }

    // MARK: - Helpers shared by the queries (run on whichever connection calls them)

    /// Rows the user `?1` created, that are addressed to them, or whose team they are in. `target_id <>
    /// creator_id` is implied (a reminder to oneself matches the first term) and lets SQLite use the partial
    /// index `reminders_for_others` (migration 0003) for the second; the third is a search of
    /// `reminder_members_by_user` (migration 0012).
    static let createdByOrAddressedToUser = """
        (creator_id = ?1 OR (target_kind = 'user' AND target_id = ?1 AND target_id <> creator_id) \
        OR id IN (SELECT reminder_id FROM reminder_members WHERE user_id = ?1))
        """

    /// Adds the member rows of a new team reminder `id` (nothing for other reminders).
    static func insertMembers(_ team: [TeamPerson]?, of id: Int64, in database: any SQLConnection) throws {
        for person in team ?? [] {
            try database.execute(
                "INSERT INTO reminder_members (reminder_id, user_id) VALUES (?, ?) ON CONFLICT (reminder_id, user_id) DO NOTHING",
                [.integer(id), .text(person.id)])
        }
    }

    /// Replaces the member rows of team reminder `id` with `team` (after an edit).
    static func replaceMembers(_ team: [TeamPerson], of id: Int64, in database: any SQLConnection) throws {
        try database.execute("DELETE FROM reminder_members WHERE reminder_id = ?", [.integer(id)])
        try insertMembers(team, of: id, in: database)
    }

    /// Rows addressed to the channel `?1` (a channel id is never a creator's user id, so
    /// `target_id <> creator_id` always holds and lets SQLite use `reminders_for_others`).
    static let addressedToChannel = "(target_kind = 'channel' AND target_id = ?1 AND target_id <> creator_id)"

    static func fetchReminder(_ id: Int64, in database: any SQLConnection) throws -> ReminderRecord? {
        try database.row("SELECT \(Columns.reminders()) FROM reminders WHERE id = ?", [.integer(id)])
            .map { try Columns.reminder(from: $0) }
    }

    static func requireReminder(_ id: Int64, in database: any SQLConnection) throws -> ReminderRecord {
        guard let reminder = try fetchReminder(id, in: database) else {
            throw ReminderStoreError.noSuchReminder(id)
        }
        return reminder
    }

    private static func end(_ id: Int64, as state: ReminderState, at now: Date, in database: any SQLConnection) throws {
        try database.execute(
            """
            UPDATE reminders SET state = ?, ended_at_ms = coalesce(ended_at_ms, ?2), updated_at_ms = ?2,
                next_fire_at_ms = NULL, snoozed_until_ms = NULL
            WHERE id = ?3
            """,
            [.text(state.rawValue), .integer(now.millisecondsSince1970), .integer(id)])
    }

    /// Sets `completed_at` (and `completed_by`) of the occurrence once: a second Complete changes neither.
    private static func markOccurrenceCompleted(
        reminderID: Int64, occurrenceID: Int64?, by username: String?, at now: Date, in database: any SQLConnection
    ) throws {
        let change: [SQLValue] = [.integer(now.millisecondsSince1970), username.sqlValue]
        let set = """
            UPDATE occurrences SET completed_by = CASE WHEN completed_at_ms IS NULL THEN ?2 ELSE completed_by END,
                completed_at_ms = coalesce(completed_at_ms, ?1)
            """
        if let occurrenceID {
            try database.execute(
                set + " WHERE id = ?3 AND reminder_id = ?4", change + [.integer(occurrenceID), .integer(reminderID)])
            guard database.changedRowCount == 1 else { throw ReminderStoreError.noSuchOccurrence(occurrenceID) }
        } else {
            try database.execute(
                set + """
                 WHERE id = (SELECT id FROM occurrences WHERE reminder_id = ?3
                            ORDER BY due_at_ms DESC, id DESC LIMIT 1)
                """,
                change + [.integer(reminderID)])
        }
    }

    private func page(
        matching condition: String, id: String, includeCompleted: Bool, limit: Int, offset: Int
    ) async throws -> ReminderPage {
        // `?2` is 'completed' or a repeat of 'active': the state filter without building SQL.
        let arguments: [SQLValue] = [.text(id), .text(includeCompleted ? "completed" : "active")]
        return try await read { database in
            let where_ = "WHERE \(condition) AND state IN ('active', ?2)"
            let total = try database.int64("SELECT count(*) FROM reminders \(where_)", arguments) ?? 0
            let rows = try database.rows(
                """
                SELECT \(Columns.reminders()) FROM reminders \(where_)
                ORDER BY state <> 'active',
                    coalesce(CASE WHEN snoozed_until_ms < next_fire_at_ms THEN snoozed_until_ms
                                  ELSE coalesce(next_fire_at_ms, snoozed_until_ms) END,
                             9223372036854775807),
                    ended_at_ms DESC, id
                LIMIT ?3 OFFSET ?4
                """,
                arguments + [.integer(Int64(limit)), .integer(Int64(offset))])
            return ReminderPage(reminders: try rows.map { try Columns.reminder(from: $0) }, total: Int(total))
        }
    }
}
