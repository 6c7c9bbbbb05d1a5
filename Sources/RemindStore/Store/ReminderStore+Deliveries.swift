import Foundation

/// The delivery ledger: claiming occurrences and recording how their delivery went.
extension ReminderStore {
    /// Claims the occurrence of `reminderID` due at `dueAt` for delivery, in one transaction:
    /// inserts the ledger row (state claimed, fresh action token) and moves the reminder on:
    /// a scheduled firing sets `next_fire_at` to `nextFireAt` (the next occurrence of the rule,
    /// computed by the caller; nil for a one-off) and counts the firing; a snooze firing clears
    /// the snooze. A team reminder's scheduled firing also records the summary owed for a previous round
    /// someone left undone (`pendingTeamSummaries`). For a reminder that nags until done, `nextNagAt` (computed by the caller, nil when the
    /// nags are over) becomes its snooze time instead: a scheduled firing starts a new series of nags, a
    /// snooze firing counts as one nag.
    ///
    /// Idempotent: when the occurrence was claimed before, returns that row with `isNew == false`
    /// and changes nothing. Throws `notDue` when the reminder is no longer due at that time for
    /// that kind (it was deleted, completed, snoozed elsewhere, or moved on), so a stale timer
    /// entry cannot fire. With a `fence` (PostgreSQL, several nodes), throws `fencedOut` unless that
    /// fence is the live delivery lease, checked in the same transaction.
    public func claimOccurrence(
        reminderID: Int64, dueAt: Date, kind: OccurrenceKind, nextFireAt: Date?, nextNagAt: Date? = nil,
        fence: LeaseFence? = nil, now: Date
    ) async throws -> OccurrenceClaim {
        try await write { database in
            try Self.requireLease(fence, in: database)
            let key: [SQLValue] = [.integer(reminderID), .integer(dueAt.millisecondsSince1970), .text(kind.rawValue)]
            if let existing = try database.row(
                "SELECT \(Columns.occurrences()) FROM occurrences WHERE reminder_id = ? AND due_at_ms = ? AND kind = ?",
                key) {
                return OccurrenceClaim(occurrence: try Columns.occurrence(from: existing), isNew: false)
            }
            let reminder = try Self.requireReminder(reminderID, in: database)
            guard reminder.state == .active else {
                throw ReminderStoreError.reminderNotActive(id: reminderID, state: reminder.state)
            }
            let currentlyDue = kind == .scheduled ? reminder.nextFireAt : reminder.snoozedUntil
            guard currentlyDue?.millisecondsSince1970 == dueAt.millisecondsSince1970 else {
                throw ReminderStoreError.notDue(reminderID: reminderID, dueAt: dueAt, kind: kind)
            }
            if kind == .scheduled, let nextFireAt, nextFireAt.millisecondsSince1970 <= dueAt.millisecondsSince1970 {
                throw ReminderStoreError.nextFireNotAfterDue(reminderID: reminderID, dueAt: dueAt, nextFireAt: nextFireAt)
            }
            let occurrenceID = try database.int64(
                """
                INSERT INTO occurrences (reminder_id, due_at_ms, kind, state, action_token, claimed_at_ms)
                VALUES (?, ?, ?, 'claimed', ?, ?)
                RETURNING id
                """,
                key + [.text(makeActionToken()), .integer(now.millisecondsSince1970)]) ?? 0
            switch kind {
            case .scheduled:
                try Self.recordUnfinishedRound(of: reminder, before: dueAt, now: now, in: database)
                try database.execute(
                    """
                    UPDATE reminders SET next_fire_at_ms = ?, fired_count = fired_count + 1,
                        last_fired_at_ms = ?, updated_at_ms = ?
                    WHERE id = ?
                    """,
                    [nextFireAt.millisecondsValue, .integer(dueAt.millisecondsSince1970),
                     .integer(now.millisecondsSince1970), .integer(reminderID)])
            case .snooze:
                try database.execute(
                    "UPDATE reminders SET snoozed_until_ms = NULL, updated_at_ms = ? WHERE id = ?",
                    [.integer(now.millisecondsSince1970), .integer(reminderID)])
            }
            if reminder.nag != nil {
                let count = kind == .snooze ? "nags_sent + 1" : "0"
                try database.execute(
                    "UPDATE reminders SET snoozed_until_ms = ?, nags_sent = \(count) WHERE id = ?",
                    [nextNagAt.millisecondsValue, .integer(reminderID)])
            }
            return OccurrenceClaim(occurrence: try Self.requireOccurrence(occurrenceID, in: database), isNew: true)
        }
    }

    /// The ledger row with `id`, or nil.
    public func occurrence(id: Int64) async throws -> OccurrenceRecord? {
        try await read { database in try Self.fetchOccurrence(id, in: database) }
    }

    /// The reminder's most recent occurrence that reached Mattermost (the post its buttons live on), or nil.
    public func latestPostedOccurrence(reminderID: Int64) async throws -> OccurrenceRecord? {
        try await read { database in
            try database.row(
                "SELECT \(Columns.occurrences()) FROM occurrences WHERE reminder_id = ? AND state = 'posted' "
                    + "ORDER BY posted_at_ms DESC, id DESC LIMIT 1", [.integer(reminderID)]
            ).map { try Columns.occurrence(from: $0) }
        }
    }

    /// Records the channel an occurrence is being posted to, before posting, so recovery after a
    /// crash knows where to look for a post that may have gone out.
    @discardableResult
    public func recordDeliveryChannel(occurrenceID: Int64, channelID: String) async throws -> OccurrenceRecord {
        try await updateOccurrence(
            occurrenceID, "SET channel_id = ? WHERE id = ?", [.text(channelID), .integer(occurrenceID)])
    }

    /// Records a successful post: state posted, with the post and channel ids.
    @discardableResult
    public func markPosted(occurrenceID: Int64, postID: String, channelID: String, at now: Date) async throws -> OccurrenceRecord {
        // Not synced at once: if a machine crash loses it, the occurrence is still claimed, and the restart
        // finds the post by its delivery key in the channel (`Deliverer.recoverUnfinished`) instead of posting
        // again — the same path as a crash between the post and this write. One fsync per delivery, not two.
        try await updateOccurrence(
            occurrenceID, durable: false,
            """
            SET state = 'posted', post_id = ?, channel_id = ?, posted_at_ms = ?,
                attempts = attempts + 1, next_attempt_at_ms = NULL
            WHERE id = ?
            """,
            [.text(postID), .text(channelID), .integer(now.millisecondsSince1970), .integer(occurrenceID)])
    }

    /// Records a failed attempt that will be retried at `nextAttemptAt`. An occurrence already
    /// posted or given up on is left as it is.
    @discardableResult
    public func markAttemptFailed(occurrenceID: Int64, error: String, nextAttemptAt: Date) async throws -> OccurrenceRecord {
        try await updateOccurrence(
            occurrenceID,
            """
            SET attempts = attempts + 1, last_error = ?, next_attempt_at_ms = ?
            WHERE id = ? AND state = 'claimed'
            """,
            [.text(error), .integer(nextAttemptAt.millisecondsSince1970), .integer(occurrenceID)])
    }

    /// Gives up on an occurrence (a permanent error): state failed. A posted one is left as it is.
    @discardableResult
    public func markFailed(occurrenceID: Int64, error: String) async throws -> OccurrenceRecord {
        try await updateOccurrence(
            occurrenceID,
            """
            SET state = 'failed', attempts = attempts + 1, last_error = ?, next_attempt_at_ms = NULL
            WHERE id = ? AND state = 'claimed'
            """,
            [.text(error), .integer(occurrenceID)])
    }

    /// Occurrences claimed but neither posted nor given up on, with their reminders, soonest
    /// retry first (an occurrence never attempted counts from its claim): what to resume after a
    /// restart.
    public func unfinishedDeliveries() async throws -> [PendingDelivery] {
        try await read { database in
            try database.rows(
                """
                SELECT \(Columns.occurrences("o")), \(Columns.reminders("r"))
                FROM occurrences o JOIN reminders r ON r.id = o.reminder_id
                WHERE o.state = 'claimed'
                ORDER BY coalesce(o.next_attempt_at_ms, o.claimed_at_ms), o.id
                """
            ).map { row in
                PendingDelivery(
                    occurrence: try Columns.occurrence(from: row),
                    reminder: try Columns.reminder(from: row, at: Columns.occurrenceCount))
            }
        }
    }

    // MARK: - Helpers

    static func fetchOccurrence(_ id: Int64, in database: any SQLConnection) throws -> OccurrenceRecord? {
        try database.row("SELECT \(Columns.occurrences()) FROM occurrences WHERE id = ?", [.integer(id)])
            .map { try Columns.occurrence(from: $0) }
    }

    static func requireOccurrence(_ id: Int64, in database: any SQLConnection) throws -> OccurrenceRecord {
        guard let occurrence = try fetchOccurrence(id, in: database) else {
            throw ReminderStoreError.noSuchOccurrence(id)
        }
        return occurrence
    }

    /// Runs `UPDATE occurrences <clause>` and returns the row afterwards.
    private func updateOccurrence(
        _ id: Int64, durable: Bool = true, _ clause: String, _ arguments: [SQLValue]
    ) async throws -> OccurrenceRecord {
        try await write(durable: durable) { database in
            try database.execute("UPDATE occurrences \(clause)", arguments)
            return try Self.requireOccurrence(id, in: database)
        }
    }
}
