import Foundation
import Mattermost

/// Setup states an admin can get wrong, for `remindd check` and `register-command` tests.
extension FakeMattermost {
    /// Changes `ServiceSettings.SiteURL` as reported in the client config (empty = not set).
    public func setSiteURL(_ url: String) {
        siteURL = url
    }

    /// Changes `ServiceSettings.CollapsedThreads` (`always_on`, `default_on`, `default_off`, `disabled`).
    public func setCollapsedThreads(_ setting: String) {
        collapsedThreads = setting
    }

    /// Sets `ServiceSettings.PostEditTimeLimit` (seconds; nil for unlimited).
    public func setPostEditTimeLimit(_ seconds: Int?) {
        postEditTimeLimit = seconds
    }

    /// The ephemeral posts `user` can see in the channel view: with collapsed reply threads, none of those
    /// carrying a root id.
    public func visibleEphemeralPosts(for user: User) -> [EphemeralPost] {
        let threadsShown = collapsedThreads == "disabled" || collapsedThreads == "default_off"
        return ephemeralPosts.filter { $0.userID == user.id && (threadsShown || $0.rootID.isEmpty) }
    }

    /// A post `user` wrote in `channel` through the web app (a thread root to reply to); kept in the server's
    /// state but not among `createdPosts`, which records what the service under test posted.
    @discardableResult
    public func addUserPost(_ message: String, by user: User, in channel: Channel) -> Post {
        var post = Post(id: FakeID.make(), channelID: channel.id, userID: user.id, message: message)
        post.createAt = now.millisecondsSince1970
        post.updateAt = post.createAt
        posts[post.id] = post
        return post
    }

    /// Sets `MaxPostSize` (in runes), e.g. 4,000 as on a server with the old posts schema.
    public func setMaxPostSize(_ runes: Int) {
        maxPostSize = runes
    }

    /// A new personal access token for `user`.
    public func issueToken(for user: User) -> String {
        let token = FakeID.make()
        tokens[token] = user.id
        return token
    }

    /// Grants `user` manage_slash_commands in `team` without manage_others_slash_commands.
    public func allowOwnSlashCommands(_ user: User, team: Team) {
        ownCommandManagers.insert(Self.memberKey(team.id, user.id))
    }

    /// Changes a registered command as an admin would in Integrations (username and icon overrides).
    public func overrideCommand(id: String, username: String, iconURL: String) {
        commands[id]?.username = username
        commands[id]?.iconURL = iconURL
    }

    /// Removes a user from a team.
    public func removeFromTeam(_ user: User, team: Team) {
        teamMembers[Self.memberKey(team.id, user.id)] = nil
    }

    /// The custom slash commands registered in a team, by trigger.
    public func registeredCommands(inTeam team: Team) -> [Command] {
        commands.values.filter { $0.teamID == team.id }.sorted { $0.trigger < $1.trigger }
    }
}
