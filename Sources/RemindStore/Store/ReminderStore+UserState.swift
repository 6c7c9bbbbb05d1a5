import Foundation

/// Per-user state outside the reminders (`user_state`): the user's current list post, and the button
/// secret of the time before signed tokens.
extension ReminderStore {
    /// The post of `userID`'s current `/remind list`, if one was recorded.
    public func listPostID(of userID: String) async throws -> String? {
        try await read { database in
            try database.row("SELECT list_post_id FROM user_state WHERE user_id = ?", [.text(userID)])?.optionalString(0)
        }
    }

    /// Records `postID` as `userID`'s current list post and returns the one it replaces (nil when there
    /// was none), in one write, so two lists posted at once cannot both keep the same predecessor.
    public func replaceListPost(of userID: String, with postID: String) async throws -> String? {
        try await write { database in
            let previous = try database.row(
                "SELECT list_post_id FROM user_state WHERE user_id = ?", [.text(userID)])?.optionalString(0)
            try database.execute(
                """
                INSERT INTO user_state (user_id, list_post_id) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET list_post_id = excluded.list_post_id
                """,
                [.text(userID), .text(postID)])
            return previous
        }
    }

    /// The secret `userID`'s list and confirmation buttons carried before signed tokens, if they had one.
    public func legacyButtonSecret(of userID: String) async throws -> String? {
        try await read { database in
            try database.row(
                "SELECT legacy_button_secret FROM user_state WHERE user_id = ?", [.text(userID)])?.optionalString(0)
        }
    }
}
