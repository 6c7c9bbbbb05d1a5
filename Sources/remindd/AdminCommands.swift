import Foundation
import Mattermost
import RemindService
import RemindStore

/// `remindd register-command --team NAME [--trigger remind] [--url URL]`.
enum RegisterCommandCommand {
    static let usage = """
    usage: remindd register-command --team NAME [--trigger remind] [--url URL] [configuration flags]

    Creates the /remind slash command in team NAME (its URL name) through the Mattermost API, or
    updates the command with the same trigger, and prints its token and the REMIND_COMMAND_TOKENS
    line for the environment file. Running it again is safe.
      --team NAME      the team's URL name (required)
      --trigger WORD   the trigger word (default: remind)
      --url URL        where Mattermost sends the command (default: REMIND_PUBLIC_URL/command)
    Needs a token allowed to manage slash commands: REMIND_ADMIN_TOKEN (--admin-token), a team or
    system admin's personal access token; without it the bot token is tried.
    """

    static func run(_ arguments: [String]) -> Int32 {
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let parsed = try CommandArguments.forCommand("register-command", arguments, usage: usage, valueOptions: ["--team", "--trigger", "--url"])
            guard let team = parsed.value("--team"), !team.isEmpty else {
                throw CommandExit.usage("register-command", "--team is required", usage: usage)
            }
            guard parsed.positionals.isEmpty else {
                throw CommandExit.usage("register-command", "unexpected argument \(parsed.positionals[0])", usage: usage)
            }
            let configuration = try parsed.serviceConfiguration(for: "register-command")
            guard let mattermostURL = configuration.mattermostURL,
                  let token = configuration.adminToken ?? configuration.botToken else {
                ServiceRuntime.printError("remindd register-command: set REMIND_MATTERMOST_URL and REMIND_ADMIN_TOKEN (or REMIND_BOT_TOKEN)")
                return 1
            }
            let url: URL
            if let given = parsed.value("--url") {
                guard let parsedURL = URL(string: given), ["http", "https"].contains(parsedURL.scheme?.lowercased() ?? "") else {
                    throw CommandExit.usage("register-command", "--url must be an http(s) URL", usage: usage)
                }
                url = parsedURL
            } else {
                url = configuration.publicURL.appendingPathComponent("command")
            }
            let trigger = parsed.value("--trigger") ?? "remind"
            let usesAdminToken = configuration.adminToken != nil
            return runBlocking {
                let registrar = CommandRegistrar(
                    client: MattermostClient(baseURL: mattermostURL, token: token), usesAdminToken: usesAdminToken)
                let output = await registrar.report(
                    teamName: team, trigger: trigger, url: url, configuredTokens: configuration.commandTokens)
                print(output.text)
                return output.succeeded ? 0 : 1
            }
        }
    }
}

/// `remindd check [--team NAME]…`.
enum CheckCommand {
    static let usage = """
    usage: remindd check [--team NAME]… [configuration flags]

    Checks the configuration (every variable), the database (opens, migrated, writable, integrity),
    Mattermost (reachable, version, SiteURL), the bot token (a bot), the bot's membership of each
    --team, and what Mattermost needs to reach REMIND_PUBLIC_URL. Prints ✔ passed, ! warning,
    ✘ failed with how to fix each; exits 1 when anything failed. Changes nothing.
      --team NAME   a team (URL name) the bot will be used in; repeatable
    """

    static func run(_ arguments: [String]) -> Int32 {
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let parsed = try CommandArguments.forCommand("check", arguments, usage: usage, valueOptions: ["--team"])
            guard parsed.positionals.isEmpty else {
                throw CommandExit.usage("check", "unexpected argument \(parsed.positionals[0])", usage: usage)
            }
            let environment = processEnvironment
            return runBlocking {
                let report = await SetupCheck.run(
                    environment: environment, arguments: parsed.configuration, teams: parsed.values["--team"] ?? [])
                print(report.rendered)
                return report.exitStatus
            }
        }
    }
}

/// `remindd backup PATH [--force]`.
enum BackupCommand {
    static let usage = """
    usage: remindd backup PATH [--force] [configuration flags]

    Copies the database (REMIND_DATABASE) to PATH while remindd keeps running (SQLite's online
    backup: a consistent snapshot of everything committed when it began), verifies the copy with
    PRAGMA integrity_check and prints how many reminders it holds. To restore: stop remindd,
    replace the database file with the copy (and remove any -wal/-shm files beside it), start it.
      --force   replace PATH if it exists
    """

    static func run(_ arguments: [String]) -> Int32 {
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let parsed = try CommandArguments.forCommand("backup", arguments, usage: usage, flagOptions: ["--force"])
            guard parsed.positionals.count == 1, let destination = parsed.positionals.first else {
                throw CommandExit.usage("backup", "give exactly one PATH to write the backup to", usage: usage)
            }
            let configuration = try parsed.serviceConfiguration(for: "backup")
            let force = parsed.flags.contains("--force")
            guard configuration.postgresSettings == nil else {
                ServiceRuntime.printError("""
                    ✘ remindd backup copies SQLite files only; back PostgreSQL up with its own tools:                     `pg_dump --format=custom` for a copy, or base backups with WAL archiving for point-in-time                     recovery. `remindd export` also writes every reminder as JSON.
                    """)
                return 1
            }
            return runBlocking {
                do {
                    let summary = try await DatabaseBackup.run(
                        databasePath: configuration.databasePath, destination: destination, force: force)
                    print("""
                        ✔ backup of \(configuration.databasePath) written to \(summary.path) (\(summary.bytes) bytes, schema version \(summary.schemaVersion))
                        ✔ integrity_check ok
                        ✔ \(summary.reminderCount) reminder\(summary.reminderCount == 1 ? "" : "s") in the backup (\(summary.activeReminderCount) active)
                        """)
                    return 0
                } catch {
                    ServiceRuntime.printError("✘ remindd backup: \(error)")
                    return 1
                }
            }
        }
    }
}
