import Foundation
import Mattermost

/// `remindd setup`: with a system admin's token, brings a Mattermost server and this host to a working
/// `/remind` in one run: the bot account (created or reused), its team memberships, its access token
/// (kept in a 0600 file), `/remind` registered in each team, Mattermost allowed to call an internal
/// `--public-url` (on request), the env file (0640), and then what `remindd check` says.
///
/// Idempotent: every step first reads what is there and changes only what differs, so a second run
/// reports "nothing changed". Each step is one ✔/!/✘ line with the fix; secrets (the bot token, the
/// command tokens) are printed only when asked to.
public struct RemindSetup: Sendable {
    /// What to set up.
    public struct Options: Sendable {
        public var mattermostURL: URL
        public var adminToken: String
        /// Team URL names.
        public var teams: [String]
        /// Where Mattermost reaches remindd (`REMIND_PUBLIC_URL`).
        public var publicURL: URL
        /// The env file to write (the bot token goes beside it, in `bot-token`); nil prints it instead.
        public var environmentFilePath: String?
        /// Add the public URL's host to `AllowedUntrustedInternalConnections` when it is internal.
        public var allowInternal = false
        /// Print the bot token and command tokens.
        public var printSecrets = false
        public var botUsername = RemindSetup.defaultBotUsername
        public var trigger = "remind"
        /// Further settings for the env file (`REMIND_DATABASE`, `REMIND_LISTEN`, … from flags);
        /// `REMIND_BOT_TOKEN_FILE` among them says where the bot token goes.
        public var extraSettings: [(name: String, value: String)] = []
        /// The system user remindd runs as: when setup runs as root, it gets the token file and the env
        /// file's group.
        public var serviceUser = "remindd"
        /// Resolve the public URL's host on this machine (off in tests that must not touch DNS).
        public var resolveNames = true
        public var requestTimeout: Duration = .seconds(10)

        /// Options with the required values; the rest at their defaults.
        public init(mattermostURL: URL, adminToken: String, teams: [String], publicURL: URL) {
            self.mattermostURL = mattermostURL
            self.adminToken = adminToken
            self.teams = teams
            self.publicURL = publicURL
        }
    }

    /// What a run did and found.
    public struct Result: Sendable {
        /// One finding per step.
        public var report: AdminReport
        /// What was changed, in order (empty: nothing changed).
        public var changes: [String]
        /// The env file's text when it was not written (secrets hidden unless asked), else nil.
        public var printedEnvironment: String?
        /// What `remindd check` says with the new configuration (nil when setup stopped early).
        public var check: AdminReport?

        /// True when no step and no check failed.
        public var succeeded: Bool { report.succeeded && (check?.succeeded ?? false) }
        /// 0 when everything worked, 1 otherwise.
        public var exitStatus: Int32 { succeeded ? 0 : 1 }

        /// The whole output.
        public var rendered: String {
            var text = report.rendered + "\n"
            text += changes.isEmpty
                ? "nothing changed: everything was already set up\n"
                : "changed: " + changes.joined(separator: "; ") + "\n"
            if let printedEnvironment {
                text += "\nremindd's environment (write it with --write-env PATH):\n" + printedEnvironment
            }
            if let check { text += "\nremindd check:\n" + check.rendered + "\n" }
            return text
        }
    }

    /// The bot's username unless `--bot-username` says otherwise.
    public static let defaultBotUsername = "remindd"
    /// The env keys whose values are secrets.
    static let secretKeys: Set<String> = ["REMIND_BOT_TOKEN", "REMIND_COMMAND_TOKENS", "REMIND_ADMIN_TOKEN"]

    let options: Options

    /// A setup with these options.
    public init(options: Options) {
        self.options = options
    }

    /// Runs every step in order; a step that leaves nothing to build on ends the run there.
    public func run() async -> Result {
        var run = SetupRun(options: options)
        let outcome = await run.perform()
        var result = Result(report: run.report, changes: run.changes)
        guard let outcome else { return result }
        if options.environmentFilePath == nil {
            result.printedEnvironment = options.printSecrets ? outcome.text : outcome.text(hiding: Self.secretKeys)
        }
        // As systemd would pass the file on; a token that was only printed is checked too.
        var environment = outcome.values
        if options.environmentFilePath == nil, let token = run.botToken { environment["REMIND_BOT_TOKEN"] = token }
        result.check = await SetupCheck.run(
            environment: environment, arguments: [], teams: options.teams, resolveNames: options.resolveNames,
            requestTimeout: options.requestTimeout)
        return result
    }
}

/// The state of one run: the findings and changes so far, and what earlier steps learned.
struct SetupRun {
    let options: RemindSetup.Options
    let admin: MattermostClient
    var report = AdminReport()
    var changes: [String] = []
    /// The env file as it was (nil: none yet).
    var existingEnvironment: EnvironmentFile?
    /// The bot token in use (kept or new).
    var botToken: String?

    init(options: RemindSetup.Options) {
        self.options = options
        admin = MattermostClient(baseURL: options.mattermostURL, token: options.adminToken, requestTimeout: options.requestTimeout)
    }

    /// The steps; returns the env file's new content, or nil when a step stopped the run.
    mutating func perform() async -> EnvironmentFile? {
        if let path = options.environmentFilePath {
            do {
                existingEnvironment = try EnvironmentFile.read(path: path)
            } catch {
                report.fail("cannot read \(path): \(error)", fix: "run setup as a user that may read and write it (e.g. with sudo)")
                return nil
            }
        }
        guard await checkServer(), await checkAdmin() else { return nil }
        guard let teams = await resolveTeams() else { return nil }
        guard let bot = await ensureBot() else { return nil }
        guard await ensureMembership(of: bot, in: teams) else { return nil }
        let token = await ensureToken(for: bot)
        guard let tokens = await registerCommands(in: teams) else { return nil }
        await allowInternalAddress()
        await probeReachability(in: teams)
        let environment = environmentFile(token: token, commandTokens: tokens)
        if let path = options.environmentFilePath { write(environment, to: path) }
        return environment
    }

    /// What to do when the admin token lacks a permission.
    static let adminFix = """
        setup needs a system admin's personal access token: as a system admin, Profile › Security › Personal \
        Access Tokens › Create (needs System Console › Integrations › Integration Management › Enable Personal \
        Access Tokens), then pass it with --admin-token or REMIND_ADMIN_TOKEN
        """

    /// A failure for a call the admin token made.
    mutating func failCall(_ error: MattermostError, doing what: String) {
        switch error.status {
        case 401:
            report.fail("\(what): Mattermost did not accept the admin token (401)", fix: Self.adminFix)
        case 403:
            report.fail("\(what): the admin token may not do this (403 \(error.appErrorID ?? "forbidden"))", fix: Self.adminFix)
        default:
            report.fail("\(what): \(error)", fix: error.isRetryable
                ? "check --mattermost-url and that Mattermost is up, then run setup again (it continues where it stopped)"
                : "see Mattermost's message above; nothing further was changed")
        }
    }

    private mutating func checkServer() async -> Bool {
        do {
            try await admin.ping()
        } catch {
            report.fail("Mattermost at \(options.mattermostURL.absoluteString) cannot be reached: \(error)",
                        fix: "check --mattermost-url (scheme, host, port, path prefix) and that this host can reach it")
            return false
        }
        do {
            let config = try await admin.clientConfig()
            if config.siteURL.isEmpty {
                report.fail("Mattermost's SiteURL is not set: it refuses every custom slash command without it",
                            fix: "set System Console › Environment › Web Server › Site URL (ServiceSettings.SiteURL), e.g. https://chat.example.com")
            } else {
                report.pass("Mattermost \(config.version) at \(options.mattermostURL.absoluteString) answers (SiteURL \(config.siteURL))")
            }
        } catch {
            report.fail("Mattermost's client configuration cannot be read: \(error)",
                        fix: "check that --mattermost-url points at Mattermost itself")
            return false
        }
        return true
    }

    private mutating func checkAdmin() async -> Bool {
        do {
            let user = try await admin.me()
            if user.isSystemAdmin {
                report.pass("admin token belongs to @\(user.username), a system admin")
            } else {
                report.warn("admin token belongs to @\(user.username), who is not a system admin",
                            fix: "steps that need a system admin will fail with 403; " + Self.adminFix)
            }
            return true
        } catch {
            failCall(error, doing: "reading the admin token's user")
            return false
        }
    }

    private mutating func resolveTeams() async -> [Team]? {
        var found: [Team] = []
        for name in options.teams {
            do {
                found.append(try await admin.team(name: name))
            } catch where error.status == 404 {
                report.fail("team \(name) not found (404)",
                            fix: "use the team's URL name, the part after the server address in its links (https://chat.example.com/acme → --team acme); create the team first if it does not exist")
            } catch {
                failCall(error, doing: "finding team \(name)")
            }
        }
        guard found.count == options.teams.count else { return nil }
        report.pass("team\(found.count == 1 ? "" : "s") \(found.map(\.name).joined(separator: ", ")) found")
        return found
    }
}
