import Foundation

/// The system-admin calls `remindd setup` makes (bots, tokens, team membership, server configuration,
/// running a command). Each needs an admin's token; the server answers 403 `api.context.permissions.app_error`
/// otherwise.
extension MattermostClient {
    private static func seg(_ value: String) -> String { segment(value) }

    /// A user by username, or nil when there is none.
    public func userIfPresent(username: String) async throws(MattermostError) -> User? {
        try await send("GET", "/users/username/\(Self.seg(username))", as: User.self, missingIsNil: true)
    }

    /// Creates a bot owned by the token's user (403 `api.bot.create_disabled` while
    /// `ServiceSettings.EnableBotAccountCreation` is off).
    public func createBot(username: String, displayName: String, description: String) async throws(MattermostError) -> Bot {
        try await sendExpectingBody(
            "POST", "/bots", body: Bot(username: username, displayName: displayName, description: description), as: Bot.self)
    }

    /// Enables a disabled bot again.
    public func enableBot(userID: String) async throws(MattermostError) -> Bot {
        try await sendExpectingBody("POST", "/bots/\(Self.seg(userID))/enable", as: Bot.self)
    }

    /// Creates an access token for a user or bot; the answer is the only time its secret is shown.
    public func createToken(userID: String, description: String) async throws(MattermostError) -> UserAccessToken {
        try await sendExpectingBody(
            "POST", "/users/\(Self.seg(userID))/tokens", body: UserAccessToken(description: description),
            as: UserAccessToken.self)
    }

    /// Adds a user to a team (201; idempotent for a current member).
    public func addTeamMember(teamID: String, userID: String) async throws(MattermostError) -> TeamMember {
        try await sendExpectingBody(
            "POST", "/teams/\(Self.seg(teamID))/members", body: ["team_id": teamID, "user_id": userID],
            as: TeamMember.self)
    }

    /// The server configuration (`GET /api/v4/config`, secrets masked), as a JSON tree.
    public func serverConfig() async throws(MattermostError) -> JSONValue {
        try await sendExpectingBody("GET", "/config", as: JSONValue.self)
    }

    /// Merges `patch` (a partial configuration, e.g. `{"ServiceSettings": {…}}`) into the server
    /// configuration (`PUT /api/v4/config/patch`) and returns the result.
    public func patchServerConfig(_ patch: JSONValue) async throws(MattermostError) -> JSONValue {
        try await sendExpectingBody("PUT", "/config/patch", body: patch, as: JSONValue.self)
    }

    /// Runs a slash command as the token's user (the server calls the command's URL and answers with
    /// its response; 500 `api.command.execute_command.failed.app_error` when it cannot reach it).
    public func executeCommand(_ execution: CommandExecution) async throws(MattermostError) -> CommandResponse {
        try await sendExpectingBody("POST", "/commands/execute", body: execution, as: CommandResponse.self)
    }

    /// A channel by URL name within a team, or nil when there is none (or it is private and hidden).
    public func channelIfPresent(teamID: String, name: String) async throws(MattermostError) -> Channel? {
        try await send(
            "GET", "/teams/\(Self.seg(teamID))/channels/name/\(Self.seg(name))", as: Channel.self, missingIsNil: true)
    }
}
