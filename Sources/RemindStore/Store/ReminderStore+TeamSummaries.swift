import Foundation

/// A team round someone left undone, whose summary the creator is still owed.
public struct PendingTeamSummary: Sendable, Hashable {
    public var reminderID: Int64
    /// The round summarised (its scheduled due time).
    public var round: Date
    /// Post attempts begun so far: after one, the post may exist without the ledger knowing.
    public var attempts: Int
    public var createdAt: Date
}

/// The summaries owed to team reminders' creators (`team_summaries`): recorded with the claim of the next
/// round, posted exactly once.
extension ReminderStore {
    /// In the claim of `reminder`'s scheduled firing at `dueAt`: when the round before it (its last firing)
    /// was left undone by someone, records that its summary is owed.
    static func recordUnfinishedRound(of reminder: ReminderRecord, before dueAt: Date, now: Date, in database: any SQLConnection) throws {
        guard let team = reminder.team, let previous = reminder.lastFiredAt, previous < dueAt else { return }
        let done = try database.int64(
            "SELECT count(*) FROM team_completions WHERE reminder_id = ? AND round_ms = ?",
            [.integer(reminder.id), .integer(previous.millisecondsSince1970)]) ?? 0
        guard done < Int64(team.count) else { return }
        try database.execute(
            """
            INSERT INTO team_summaries (reminder_id, round_ms, created_at_ms) VALUES (?, ?, ?)
            ON CONFLICT (reminder_id, round_ms) DO NOTHING
            """,
            [.integer(reminder.id), .integer(previous.millisecondsSince1970), .integer(now.millisecondsSince1970)])
    }

    /// Summaries still owed (of one reminder, or of all), oldest round first.
    public func pendingTeamSummaries(reminderID: Int64? = nil) async throws -> [PendingTeamSummary] {
        try await read { database in
            let ofOne = reminderID == nil ? "" : "AND reminder_id = ?"
            return try database.rows(
                """
                SELECT reminder_id, round_ms, attempts, created_at_ms FROM team_summaries
                WHERE state = 'pending' \(ofOne) ORDER BY round_ms, reminder_id
                """,
                reminderID.map { [.integer($0)] } ?? []
            ).map {
                PendingTeamSummary(
                    reminderID: try $0.int64(0), round: try $0.date(1), attempts: try $0.int(2), createdAt: try $0.date(3))
            }
        }
    }

    /// Counts a post attempt before it is made (durably: from here on the post may exist).
    public func beginTeamSummaryAttempt(reminderID: Int64, round: Date) async throws {
        try await write { database in
            try database.execute(
                "UPDATE team_summaries SET attempts = attempts + 1 WHERE reminder_id = ? AND round_ms = ? AND state = 'pending'",
                [.integer(reminderID), .integer(round.millisecondsSince1970)])
        }
    }

    /// The summary was posted as `postID` (or, with nil, is no longer owed: everyone finished the round late,
    /// or Mattermost refused it for good).
    public func finishTeamSummary(reminderID: Int64, round: Date, postID: String?, at now: Date) async throws {
        try await write { database in
            try database.execute(
                """
                UPDATE team_summaries SET state = ?, post_id = ?, posted_at_ms = ?
                WHERE reminder_id = ? AND round_ms = ? AND state = 'pending'
                """,
                [.text(postID == nil ? "dropped" : "posted"), postID.map { .text($0) } ?? .null,
                 .integer(now.millisecondsSince1970), .integer(reminderID), .integer(round.millisecondsSince1970)])
        }
    }
}
