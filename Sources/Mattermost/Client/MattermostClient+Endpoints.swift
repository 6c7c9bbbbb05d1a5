import Foundation

/// The REST v4 calls remindd makes (MATTERMOST.md §5). Each throws `MattermostError`.
extension MattermostClient {
    private static func seg(_ value: String) -> String { segment(value) }

    // MARK: Users

    /// The token's own user (the bot).
    public func me() async throws(MattermostError) -> User {
        try await sendExpectingBody("GET", "/users/me", as: User.self)
    }

    /// A user by id.
    public func user(id: String) async throws(MattermostError) -> User {
        try await sendExpectingBody("GET", "/users/\(Self.seg(id))", as: User.self)
    }

    /// A user by username (without `@`).
    public func user(username: String) async throws(MattermostError) -> User {
        try await sendExpectingBody("GET", "/users/username/\(Self.seg(username))", as: User.self)
    }

    /// Users by id, in one request; unknown ids are left out.
    public func users(ids: [String]) async throws(MattermostError) -> [User] {
        try await sendExpectingBody("POST", "/users/ids", body: ids, as: [User].self)
    }

    // MARK: Teams and channels

    /// A team by URL name.
    public func team(name: String) async throws(MattermostError) -> Team {
        try await sendExpectingBody("GET", "/teams/name/\(Self.seg(name))", as: Team.self)
    }

    /// The user's membership in the team, or nil when not a member.
    public func teamMember(teamID: String, userID: String) async throws(MattermostError) -> TeamMember? {
        try await send(
            "GET", "/teams/\(Self.seg(teamID))/members/\(Self.seg(userID))", as: TeamMember.self, missingIsNil: true)
    }

    /// A channel by URL name within a team (a private one only if the token's user is a member).
    public func channel(teamID: String, name: String) async throws(MattermostError) -> Channel {
        try await sendExpectingBody("GET", "/teams/\(Self.seg(teamID))/channels/name/\(Self.seg(name))", as: Channel.self)
    }

    /// The user's membership in the channel, or nil when not a member.
    public func channelMember(channelID: String, userID: String) async throws(MattermostError) -> ChannelMember? {
        try await send(
            "GET", "/channels/\(Self.seg(channelID))/members/\(Self.seg(userID))", as: ChannelMember.self,
            missingIsNil: true)
    }

    /// One page of a channel's members (`perPage` at most 200, the server's cap), in no promised order.
    public func channelMembers(channelID: String, page: Int, perPage: Int) async throws(MattermostError) -> [ChannelMember] {
        try await sendExpectingBody(
            "GET", "/channels/\(Self.seg(channelID))/members",
            query: [URLQueryItem(name: "page", value: "\(page)"), URLQueryItem(name: "per_page", value: "\(perPage)")],
            as: [ChannelMember].self)
    }

    /// The direct-message channel between the bot and a user, created if needed (idempotent).
    public func directChannel(with userID: String, botID: String) async throws(MattermostError) -> Channel {
        try await sendExpectingBody("POST", "/channels/direct", body: [botID, userID], as: Channel.self)
    }

    // MARK: Posts

    /// Creates a post without marking the bot online. Set `pendingPostID` to let the server de-duplicate a
    /// quick retry (for 30 s only).
    public func createPost(_ post: Post) async throws(MattermostError) -> Post {
        try await sendExpectingBody(
            "POST", "/posts", query: [URLQueryItem(name: "set_online", value: "false")], body: post, as: Post.self)
    }

    /// A post by id (its actions come back without `integration`).
    public func getPost(id: String) async throws(MattermostError) -> Post {
        try await sendExpectingBody("GET", "/posts/\(Self.seg(id))", as: Post.self)
    }

    /// Changes a post's message and/or props; `props` replaces all props, so re-send the buttons.
    public func patchPost(id: String, message: String? = nil, props: [String: JSONValue]? = nil)
        async throws(MattermostError) -> Post
    {
        try await sendExpectingBody(
            "PUT", "/posts/\(Self.seg(id))/patch", body: PostPatch(message: message, props: props), as: Post.self)
    }

    /// Deletes a post (soft delete).
    public func deletePost(id: String) async throws(MattermostError) {
        _ = try await send("DELETE", "/posts/\(Self.seg(id))", as: Empty.self)
    }

    /// Posts of a channel created or changed since a time (milliseconds since 1970), newest first.
    public func channelPosts(channelID: String, since milliseconds: Int64) async throws(MattermostError) -> PostList {
        try await sendExpectingBody(
            "GET", "/channels/\(Self.seg(channelID))/posts", query: [URLQueryItem(name: "since", value: "\(milliseconds)")],
            as: PostList.self)
    }

    /// One page of a channel's posts, newest first: the `perPage` (at most 200) created just before the
    /// post `before`, or the newest ones without it. Walking a channel back this way misses nothing when
    /// posts are added or deleted meanwhile, unlike page numbers.
    public func channelPosts(channelID: String, before postID: String?, perPage: Int) async throws(MattermostError) -> PostList {
        var query = [URLQueryItem(name: "page", value: "0"), URLQueryItem(name: "per_page", value: "\(perPage)")]
        if let postID { query.append(URLQueryItem(name: "before", value: postID)) }
        return try await sendExpectingBody("GET", "/channels/\(Self.seg(channelID))/posts", query: query, as: PostList.self)
    }

    // MARK: Dialogs, configuration, commands

    /// Opens a dialog for the user behind `request.triggerID` (valid 30 s from the command or click).
    public func openDialog(_ request: OpenDialogRequest) async throws(MattermostError) {
        _ = try await send("POST", "/actions/dialogs/open", body: request, as: Empty.self)
    }

    /// The client configuration (`SiteURL`, `Version`, `MaxPostSize`, …).
    public func clientConfig() async throws(MattermostError) -> ClientConfig {
        try await sendExpectingBody(
            "GET", "/config/client", query: [URLQueryItem(name: "format", value: "old")], as: ClientConfig.self)
    }

    /// The team's custom slash commands (needs a token allowed to manage them).
    public func commands(teamID: String) async throws(MattermostError) -> [Command] {
        try await sendExpectingBody(
            "GET", "/commands",
            query: [URLQueryItem(name: "team_id", value: teamID), URLQueryItem(name: "custom_only", value: "true")],
            as: [Command].self)
    }

    /// Registers a slash command; the answer carries its `id` and `token`.
    public func createCommand(_ command: Command) async throws(MattermostError) -> Command {
        try await sendExpectingBody("POST", "/commands", body: command, as: Command.self)
    }

    /// Replaces a registered command (its `id` must be set).
    public func updateCommand(_ command: Command) async throws(MattermostError) -> Command {
        try await sendExpectingBody("PUT", "/commands/\(Self.seg(command.id))", body: command, as: Command.self)
    }

    /// Checks that the server answers; `serverVersion` is set afterwards.
    public func ping() async throws(MattermostError) {
        _ = try await send("GET", "/system/ping", as: Empty.self)
    }
}

extension MattermostClient {
    /// Posts a late answer to a slash command through its `response_url` (MATTERMOST.md §2: 30 minutes,
    /// 5 uses). Only the hook id is taken from `responseURL`: the request goes to this client's own server,
    /// so a `response_url` naming another host cannot send remindd anywhere else. Throws `.encoding` when
    /// `responseURL` is not a command hook.
    public func respondToCommand(responseURL: String, _ response: CommandResponse) async throws(MattermostError) {
        guard let hookID = Self.commandHookID(responseURL) else { throw .encoding("not a command response_url") }
        _ = try await send("POST", "/hooks/commands/\(hookID)", body: response, as: Empty.self, underAPI: false)
    }

    /// The id in `…/hooks/commands/<id>`: letters and digits only, at most 64.
    static func commandHookID(_ responseURL: String) -> String? {
        guard let path = URLComponents(string: responseURL)?.path else { return nil }
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 3] == "hooks", parts[parts.count - 2] == "commands" else { return nil }
        let id = parts[parts.count - 1]
        guard (1...64).contains(id.utf8.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return String(id)
    }
}
