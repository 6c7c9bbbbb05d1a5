import Foundation

/// A new wording, recipient and (optionally) schedule for an existing reminder.
public struct ReminderEdit: Sendable, Hashable {
    /// A schedule that replaces the old one, computed from the time of the edit.
    public struct Schedule: Sendable, Hashable {
        /// RFC 5545 RRULE, nil for a one-off.
        public var rrule: String?
        /// Recurrence start, required with `rrule`.
        public var recurrenceStart: Date?
        /// The next time it fires.
        public var firstFireAt: Date

        /// Describes a schedule.
        public init(rrule: String?, recurrenceStart: Date?, firstFireAt: Date) {
            self.rrule = rrule
            self.recurrenceStart = recurrenceStart
            self.firstFireAt = firstFireAt
        }
    }

    public var targetKind: ReminderTargetKind
    public var targetID: String
    public var targetName: String
    public var message: String
    /// The text after `/remind` the edit amounts to.
    public var phrase: String
    public var timeZone: String
    /// Nil keeps the schedule (and any snooze) as it is.
    public var schedule: Schedule?
    /// A team reminder's people after the edit (ignored for other reminders, which stay without a team).
    public var team: [TeamPerson]?

    /// Describes an edit.
    public init(
        targetKind: ReminderTargetKind, targetID: String, targetName: String, message: String, phrase: String,
        timeZone: String, schedule: Schedule?, team: [TeamPerson]? = nil
    ) {
        self.team = team
        self.targetKind = targetKind
        self.targetID = targetID
        self.targetName = targetName
        self.message = message
        self.phrase = phrase
        self.timeZone = timeZone
        self.schedule = schedule
    }
}

/// A scheduled occurrence that was skipped before it came due.
public struct SkippedOccurrence: Sendable, Hashable {
    public var reminderID: Int64
    public var dueAt: Date
    /// Username of who skipped it.
    public var skippedBy: String
    public var skippedAt: Date
}

/// Skipping an occurrence and editing a reminder in place (same id, counters and ledger).
extension ReminderStore {
    /// Skips a recurring reminder's next scheduled occurrence `skipped` (its current `next_fire_at`): records
    /// the skip and moves the reminder to `next`, the occurrence after it (computed by the caller from the
    /// rule; nil when the series ends with the skipped one). Throws `reminderNotActive` for an ended
    /// reminder and `notDue` when its next occurrence is no longer `skipped` (another click moved it on).
    @discardableResult
    public func skipNext(
        reminderID: Int64, skipped: Date, next: Date?, by username: String, at now: Date
    ) async throws -> ReminderRecord {
        try await write(announcing: true) { database in
            let reminder = try Self.requireReminder(reminderID, in: database)
            guard reminder.state == .active else {
                throw ReminderStoreError.reminderNotActive(id: reminderID, state: reminder.state)
            }
            guard reminder.isRecurring, reminder.nextFireAt?.millisecondsSince1970 == skipped.millisecondsSince1970 else {
                throw ReminderStoreError.notDue(reminderID: reminderID, dueAt: skipped, kind: .scheduled)
            }
            if let next, next.millisecondsSince1970 <= skipped.millisecondsSince1970 {
                throw ReminderStoreError.nextFireNotAfterDue(reminderID: reminderID, dueAt: skipped, nextFireAt: next)
            }
            try database.execute(
                "INSERT INTO skipped_occurrences (reminder_id, due_at_ms, skipped_by, skipped_at_ms) VALUES (?, ?, ?, ?)",
                [.integer(reminderID), .integer(skipped.millisecondsSince1970), .text(username),
                 .integer(now.millisecondsSince1970)])
            try database.execute(
                "UPDATE reminders SET next_fire_at_ms = ?, updated_at_ms = ? WHERE id = ?",
                [next.millisecondsValue, .integer(now.millisecondsSince1970), .integer(reminderID)])
            return try Self.requireReminder(reminderID, in: database)
        }
    }

    /// The skipped occurrences of the reminders created by or addressed to `userID`, earliest first.
    public func skippedOccurrences(forUser userID: String) async throws -> [SkippedOccurrence] {
        try await read { database in
            try database.rows(
                """
                SELECT s.reminder_id, s.due_at_ms, s.skipped_by, s.skipped_at_ms
                FROM skipped_occurrences s JOIN reminders r ON r.id = s.reminder_id
                WHERE \(Self.createdByOrAddressedToUser)
                ORDER BY s.due_at_ms, s.reminder_id
                """,
                [.text(userID)]
            ).map { row in
                SkippedOccurrence(
                    reminderID: try row.int64(0), dueAt: try row.date(1), skippedBy: try row.string(2),
                    skippedAt: try row.date(3))
            }
        }
    }

    /// Applies `edit` to an active reminder, keeping its id, group, counters, thread and ledger. A new
    /// schedule replaces the old one and drops a pending snooze; without one, the schedule stays.
    @discardableResult
    public func edit(reminderID: Int64, _ edit: ReminderEdit, at now: Date) async throws -> ReminderRecord {
        try await write(announcing: true) { database in
            let reminder = try Self.requireReminder(reminderID, in: database)
            guard reminder.state == .active else {
                throw ReminderStoreError.reminderNotActive(id: reminderID, state: reminder.state)
            }
            try database.execute(
                """
                UPDATE reminders SET target_kind = ?, target_id = ?, target_name = ?, message = ?, phrase = ?,
                    time_zone = ?, updated_at_ms = ?
                WHERE id = ?
                """,
                [.text(edit.targetKind.rawValue), .text(edit.targetID), .text(edit.targetName), .text(edit.message),
                 .text(edit.phrase), .text(edit.timeZone), .integer(now.millisecondsSince1970), .integer(reminderID)])
            if reminder.team != nil, let team = edit.team, !team.isEmpty {
                try database.execute(
                    "UPDATE reminders SET team_members = ? WHERE id = ?", [.text(TeamPerson.encode(team)), .integer(reminderID)])
                try Self.replaceMembers(team, of: reminderID, in: database)
            }
            if let schedule = edit.schedule {
                try database.execute(
                    """
                    UPDATE reminders SET rrule = ?, dtstart_ms = ?, next_fire_at_ms = ?, snoozed_until_ms = NULL
                    WHERE id = ?
                    """,
                    [schedule.rrule.sqlValue, schedule.recurrenceStart.millisecondsValue,
                     .integer(schedule.firstFireAt.millisecondsSince1970), .integer(reminderID)])
            }
            return try Self.requireReminder(reminderID, in: database)
        }
    }
}
