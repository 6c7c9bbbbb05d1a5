import Foundation
import Mattermost

/// Setup states an admin can get wrong, for `remindd check` and `register-command` tests.
extension FakeMattermost {
    /// Changes `ServiceSettings.SiteURL` as reported in the client config (empty = not set).
    public func setSiteURL(_ url: String) {
        siteURL = url
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
