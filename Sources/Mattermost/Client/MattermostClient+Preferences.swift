import Foundation

extension MattermostClient {
    /// One stored preference of a user, or nil when the user never set it (404).
    ///
    /// Mattermost lets only the user themselves or a holder of `edit_other_users` read it, so a plain bot
    /// token gets 403 (`MattermostError.server(status: 403, …)`): callers treat that as "unknown".
    public func preference(userID: String, category: String, name: String) async throws(MattermostError) -> Preference? {
        try await send(
            "GET", "/users/\(Self.segment(userID))/preferences/\(Self.segment(category))/name/\(Self.segment(name))",
            as: Preference.self, missingIsNil: true)
    }
}
