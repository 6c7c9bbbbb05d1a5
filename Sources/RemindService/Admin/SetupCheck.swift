import Foundation
import RemindStore
import Mattermost

/// `remindd check`: configuration (every variable), database, Mattermost, bot, teams and the
/// public URL, as one `AdminReport`. Reads and probes only; it changes nothing.
public enum SetupCheck {
    /// Runs every check. `environment` and `arguments` are read like `serve` reads them; `teams`
    /// are the team URL names the bot will be used in. `resolveNames` lets the public-URL check
    /// resolve a host name on this machine.
    public static func run(
        environment: [String: String], arguments: [String], teams: [String],
        resolveNames: Bool = true, requestTimeout: Duration = .seconds(10)
    ) async -> AdminReport {
        var report = AdminReport()
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.load(environment: environment, arguments: arguments)
        } catch {
            for problem in error.problems {
                report.fail("configuration: \(problem)",
                            fix: "correct it in the environment file (e.g. /etc/remindd/remindd.env) or the flag of the same name")
            }
            report.warn("the other checks were skipped", fix: "fix the configuration first, then run `remindd check` again")
            return report
        }
        report.append(contentsOf: checkVariables(configuration, environment: environment, resolveNames: resolveNames))
        if configuration.postgresSettings != nil {
            report.append(contentsOf: PostgresDatabaseCheck.run(url: configuration.databasePath, password: configuration.databasePassword))
        } else {
            report.append(contentsOf: DatabaseCheck.run(path: configuration.databasePath))
        }
        if let url = configuration.mattermostURL, let token = configuration.botToken {
            let client = MattermostClient(baseURL: url, token: token, requestTimeout: requestTimeout)
            report.append(contentsOf: await MattermostCheck(client: client).run(teams: teams))
        } else {
            report.warn("Mattermost checks skipped", fix: "set REMIND_MATTERMOST_URL and REMIND_BOT_TOKEN first")
        }
        return report
    }

    /// One finding per variable: its effective value (secrets only as "set") or what is wrong.
    static func checkVariables(
        _ configuration: ServiceConfiguration, environment: [String: String], resolveNames: Bool
    ) -> AdminReport {
        var report = AdminReport()
        report.pass("REMIND_LISTEN \(configuration.listenHost):\(configuration.listenPort)")
        report.pass("REMIND_DATABASE \(configuration.databaseDisplayName)")
        if let url = configuration.mattermostURL {
            report.pass("REMIND_MATTERMOST_URL \(url.absoluteString)")
        } else {
            report.fail("REMIND_MATTERMOST_URL is not set", fix: "set it to Mattermost's base URL, e.g. https://chat.example.com")
        }
        if let token = configuration.botToken {
            report.pass("REMIND_BOT_TOKEN set (\(token.count) characters)")
        } else {
            report.fail("REMIND_BOT_TOKEN (or REMIND_BOT_TOKEN_FILE) is not set",
                        fix: "create a bot (System Console › Integrations › Bot Accounts), make a token for it, and set REMIND_BOT_TOKEN_FILE to a file holding it")
        }
        if configuration.commandTokens.isEmpty {
            report.fail("REMIND_COMMAND_TOKENS is not set: every /remind request would be refused",
                        fix: "run `remindd register-command --team <team>` and put the line it prints in the environment file")
        } else {
            let count = configuration.commandTokens.count
            report.pass("REMIND_COMMAND_TOKENS set (\(count) token\(count == 1 ? "" : "s"))")
        }
        if environment["REMIND_PUBLIC_URL"].map({ $0.isEmpty }) ?? true {
            report.warn("REMIND_PUBLIC_URL is not set: using \(configuration.publicURL.absoluteString) (from REMIND_LISTEN)",
                        fix: "set REMIND_PUBLIC_URL to the URL Mattermost uses to reach remindd (button clicks go there)")
        }
        report.append(PublicURLAdvice.finding(for: configuration.publicURL, resolveNames: resolveNames))
        report.pass("REMIND_LOG_FORMAT \(configuration.logFormat.rawValue)")
        report.pass("REMIND_MAX_POSTS_PER_SECOND " + (configuration.maxPostsPerSecond.map { "\($0)" } ?? "none (follows Mattermost's X-RateLimit headers)"))
        report.pass("REMIND_ADMIN_TOKEN " + (configuration.adminToken == nil ? "not set (register-command uses the bot token)" : "set"))
        let known = Set(ServiceConfiguration.variables.map(\.name) + ["REMIND_BOT_TOKEN_FILE"])
        for name in environment.keys.sorted() where name.hasPrefix("REMIND_") && !known.contains(name) {
            report.warn("\(name) is not a remindd setting and is ignored",
                        fix: "check its spelling; the settings are \(known.sorted().joined(separator: ", "))")
        }
        return report
    }
}
