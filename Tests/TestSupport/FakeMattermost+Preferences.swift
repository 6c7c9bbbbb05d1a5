import Foundation
import HTTPServer
import Mattermost

/// User preferences (`display_settings`/`use_military_time`) and clicks on ephemeral posts' buttons.
extension FakeMattermost {
    /// Sets one of a user's preferences, as the user would in their settings.
    public func setPreference(_ value: String, category: String, name: String, for user: User) {
        preferences[Self.memberKey(user.id, category + "|" + name)] = value
    }

    /// `GET /api/v4/users/{id}/preferences/{category}/name/{name}`. Like the server, only the user themselves or
    /// a system admin (who holds `edit_other_users`) may read it; `allowPreferenceReadsByBot` lifts that for
    /// tests that want the display setting to reach the service.
    func preference(_ call: FakeCall, userID: String, category: String, name: String) -> HTTPResponse {
        guard call.callerID == userID || systemAdmins.contains(call.callerID) || preferencesReadableByAnyone else {
            return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        guard let value = preferences[Self.memberKey(userID, category + "|" + name)] else {
            return call.error(404, "app.preference.get.app_error", "Unable to get preference.")
        }
        return call.json(Preference(userID: userID, category: category, name: name, value: value))
    }

    /// Lets any token read any user's preferences (a bot granted `edit_other_users`).
    public func allowPreferenceReadsByBot(_ allowed: Bool = true) {
        preferencesReadableByAnyone = allowed
    }

    /// Clicks a button on an ephemeral post (one of `ephemeralPosts`), as the server does through its encrypted
    /// cookie: the stored context goes to `integration.url`. An `update` in the reply cannot change an ephemeral
    /// post (there is no row), so only `ephemeral_text` is applied.
    public func clickEphemeralButton(
        _ ephemeral: EphemeralPost, actionID: String, user: User, selectedOption: String? = nil
    ) async throws -> CallbackReply<PostActionResponse> {
        guard let action = ephemeral.attachments.lazy.compactMap({ $0.actions?.first { $0.id == actionID } }).first,
            let integration = action.integration, let url = URL(string: integration.url)
        else { throw FakeMattermostError.notFound("action \(actionID) on the ephemeral post") }
        var context = integration.context ?? [:]
        if let selectedOption, action.type == .select { context["selected_option"] = .string(selectedOption) }
        let channel = channels[ephemeral.channelID]
        let ephemeralID = FakeID.make()
        let request = PostActionRequest(
            userID: user.id, userName: user.username, channelID: ephemeral.channelID, channelName: channel?.name ?? "",
            teamID: channel?.teamID ?? "", teamDomain: channel.flatMap { teams[$0.teamID]?.name } ?? "",
            postID: ephemeralID, triggerID: issueTrigger(userID: user.id, channelID: ephemeral.channelID, teamID: channel?.teamID ?? ""),
            type: action.type.rawValue, dataSource: action.dataSource ?? "", context: context)
        let reply: CallbackReply<PostActionResponse> = try await Self.call(
            url, method: "POST", headers: Self.jsonHeaders, body: try JSONEncoder().encode(request))
        if reply.status == 200, let text = reply.response?.ephemeralText, !text.isEmpty {
            ephemeralPosts.append(EphemeralPost(userID: user.id, channelID: ephemeral.channelID, rootID: ephemeralID, message: text))
        }
        return reply
    }
}
