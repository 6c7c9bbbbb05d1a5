import Foundation

/// Team reminders: who of the team is done with a round (a firing and its nags).
extension ReminderStore {
    /// Records that `userID` is done with the round of `reminderID` due at `round` (once: a second press
    /// changes nothing). Returns everyone done with that round, in the order they pressed, and whether this
    /// call added the press.
    public func completeTeamMember(
        reminderID: Int64, round: Date, userID: String, username: String, at now: Date
    ) async throws -> (done: [TeamCompletion], added: Bool) {
        try await write { database in
            try database.execute(
                """
                INSERT INTO team_completions (reminder_id, round_ms, user_id, username, completed_at_ms)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (reminder_id, round_ms, user_id) DO NOTHING
                """,
                [.integer(reminderID), .integer(round.millisecondsSince1970), .text(userID), .text(username),
                 .integer(now.millisecondsSince1970)])
            let added = database.changedRowCount == 1
            return (try Self.teamCompletions(reminderID, round: round, in: database), added)
        }
    }

    /// Everyone done with the round of `reminderID` due at `round`, in the order they pressed.
    public func teamCompletions(reminderID: Int64, round: Date) async throws -> [TeamCompletion] {
        try await read { database in try Self.teamCompletions(reminderID, round: round, in: database) }
    }

    private static func teamCompletions(_ reminderID: Int64, round: Date, in database: any SQLConnection) throws -> [TeamCompletion] {
        try database.rows(
            """
            SELECT user_id, username, completed_at_ms FROM team_completions
            WHERE reminder_id = ? AND round_ms = ? ORDER BY completed_at_ms, user_id
            """,
            [.integer(reminderID), .integer(round.millisecondsSince1970)]
        ).map { TeamCompletion(userID: try $0.string(0), username: try $0.string(1), completedAt: try $0.date(2)) }
    }
}
