import Foundation
import Mattermost

/// The Mattermost part of `remindd check`: the server answers (and which version), `SiteURL` is
/// set, the bot token is valid and belongs to a bot, and the bot is a member of the given teams.
public struct MattermostCheck: Sendable {
    private let client: MattermostClient
    private let baseURL: URL

    /// A check through `client` (carrying the bot token).
    public init(client: MattermostClient) {
        self.client = client
        baseURL = client.baseURL
    }

    /// Runs the checks in order; later ones are skipped when the server cannot be reached.
    public func run(teams: [String]) async -> AdminReport {
        var report = AdminReport()
        guard await checkReachable(into: &report) else { return report }
        await checkSiteURL(into: &report)
        guard let bot = await checkBot(into: &report) else { return report }
        for team in teams {
            await checkMembership(of: bot, inTeam: team, into: &report)
        }
        return report
    }

    private func checkReachable(into report: inout AdminReport) async -> Bool {
        do {
            try await client.ping()
        } catch {
            report.fail("Mattermost at \(baseURL.absoluteString) cannot be reached: \(error)",
                        fix: "check REMIND_MATTERMOST_URL (scheme, host, port, path prefix) and that this host can reach it (DNS, firewall, TLS certificate)")
            return false
        }
        let version = client.serverVersion
        report.pass("Mattermost at \(baseURL.absoluteString) answers" + (version.map { " (X-Version-Id \($0))" } ?? ""))
        return true
    }

    private func checkSiteURL(into report: inout AdminReport) async {
        do {
            let config = try await client.clientConfig()
            if !config.version.isEmpty { report.pass("Mattermost version \(config.version)") }
            if config.siteURL.isEmpty {
                report.fail("Mattermost's SiteURL is not set: it refuses custom slash commands without it",
                            fix: "set System Console › Environment › Web Server › Site URL (ServiceSettings.SiteURL) to the address users open, e.g. https://chat.example.com")
            } else {
                report.pass("Mattermost SiteURL is \(config.siteURL)")
            }
        } catch {
            report.fail("Mattermost's client configuration cannot be read: \(error)",
                        fix: "check that REMIND_MATTERMOST_URL points at Mattermost itself (not a login page or another service)")
        }
    }

    private func checkBot(into report: inout AdminReport) async -> User? {
        let user: User
        do {
            user = try await client.me()
        } catch {
            if error.status == 401 {
                report.fail("REMIND_BOT_TOKEN is not accepted by Mattermost (401)",
                            fix: "create a new token for the bot (System Console › Integrations › Bot Accounts › Create New Token) and put it in REMIND_BOT_TOKEN or REMIND_BOT_TOKEN_FILE")
            } else {
                report.fail("the bot token's user cannot be read: \(error)",
                            fix: "check REMIND_BOT_TOKEN and that Mattermost is healthy")
            }
            return nil
        }
        guard user.isBot else {
            report.fail("REMIND_BOT_TOKEN belongs to @\(user.username), a person, not a bot",
                        fix: "reminders would be posted as that person: create a bot account (System Console › Integrations › Bot Accounts) and use its token")
            return nil
        }
        guard !user.isDeactivated else {
            report.fail("the bot @\(user.username) is disabled",
                        fix: "enable it again in System Console › Integrations › Bot Accounts")
            return nil
        }
        report.pass("bot token belongs to the bot @\(user.username)")
        return user
    }

    private func checkMembership(of bot: User, inTeam teamName: String, into report: inout AdminReport) async {
        do {
            let team = try await client.team(name: teamName)
            if let member = try await client.teamMember(teamID: team.id, userID: bot.id), member.deleteAt == 0 {
                report.pass("bot @\(bot.username) is a member of team \(teamName)")
            } else {
                report.fail("bot @\(bot.username) is not a member of team \(teamName)",
                            fix: "add it: Main Menu › Add people to the team, or `mmctl team users add \(teamName) \(bot.username)`; also add it to the channels it should post in")
            }
        } catch {
            if error.status == 404 || error.status == 403 {
                report.fail("team \(teamName) is not visible to the bot (\(error.status ?? 0))",
                            fix: "use the team's URL name (https://chat.example.com/<name>) and add @\(bot.username) to the team")
            } else {
                report.fail("team \(teamName) cannot be checked: \(error)", fix: "check Mattermost and try again")
            }
        }
    }
}
