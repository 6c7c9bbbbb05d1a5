import Foundation

/// Reading the delivery ledger back for people: what fired for them, and what was done with it.
extension ReminderStore {
    /// The latest `limit` fired occurrences of reminders created by or addressed to `userID`, or whose team
    /// they are in (deleted ones included: they did fire), newest due time first, each with its reminder.
    public func history(forUser userID: String, limit: Int) async throws -> [LedgerEntry] {
        try await read { database in
            try database.rows(
                """
                SELECT \(Columns.occurrences("o")), \(Columns.reminders("r"))
                FROM occurrences o JOIN reminders r ON r.id = o.reminder_id
                WHERE r.creator_id = ?1 OR (r.target_kind = 'user' AND r.target_id = ?1 AND r.target_id <> r.creator_id)
                    OR r.id IN (SELECT reminder_id FROM reminder_members WHERE user_id = ?1)
                ORDER BY o.due_at_ms DESC, o.id DESC
                LIMIT ?2
                """,
                [.text(userID), .integer(Int64(limit))]
            ).map { row in
                LedgerEntry(
                    occurrence: try Columns.occurrence(from: row),
                    reminder: try Columns.reminder(from: row, at: Columns.occurrenceCount))
            }
        }
    }
}
