import Foundation

/// A user's private calendar feed, as stored: who it belongs to and the hash of its token.
public struct CalendarFeedRecord: Sendable, Hashable {
    public var userID: String
    /// Lower-case hex SHA-256 of the feed's token.
    public var tokenHash: String
    public var createdAt: Date
}

/// Calendar feeds: one per user, found by the hash of the token in its address.
extension ReminderStore {
    /// Gives `userID` a feed whose token hashes to `tokenHash`, replacing (and so revoking) any earlier one.
    @discardableResult
    public func replaceCalendarFeed(userID: String, tokenHash: String, at now: Date) async throws -> CalendarFeedRecord {
        try await write { database in
            try database.execute(
                """
                INSERT INTO calendar_feeds (user_id, token_hash, created_at_ms) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at_ms = excluded.created_at_ms
                """,
                [.text(userID), .text(tokenHash), .integer(now.millisecondsSince1970)])
            return CalendarFeedRecord(
                userID: userID, tokenHash: tokenHash, createdAt: Date(millisecondsSince1970: now.millisecondsSince1970))
        }
    }

    /// The feed of `userID`, or nil.
    public func calendarFeed(userID: String) async throws -> CalendarFeedRecord? {
        try await read { database in
            try database.row("SELECT user_id, token_hash, created_at_ms FROM calendar_feeds WHERE user_id = ?", [.text(userID)])
                .map(Self.feed)
        }
    }

    /// The feed whose token hashes to `tokenHash`, or nil.
    public func calendarFeed(tokenHash: String) async throws -> CalendarFeedRecord? {
        try await read { database in
            try database.row(
                "SELECT user_id, token_hash, created_at_ms FROM calendar_feeds WHERE token_hash = ?", [.text(tokenHash)]
            ).map(Self.feed)
        }
    }

    private static func feed(_ row: Row) throws -> CalendarFeedRecord {
        CalendarFeedRecord(userID: try row.string(0), tokenHash: try row.string(1), createdAt: try row.date(2))
    }
}
