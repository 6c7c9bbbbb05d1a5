import Foundation
import Mattermost

/// `remindd register-command`: creates the `/remind` custom slash command in a team through the
/// REST API, or updates the one with the same trigger (idempotent), and says which token to put in
/// `REMIND_COMMAND_TOKENS`.
///
/// Managing commands needs `manage_slash_commands` on the team, which bots lack by default: the
/// client should carry `REMIND_ADMIN_TOKEN` (a team or system admin's token), else the bot's.
public struct CommandRegistrar: Sendable {
    /// What the registration did.
    public enum Outcome: String, Sendable, Equatable {
        /// No command had the trigger: one was created.
        case created
        /// The command with the trigger differed (URL, method, texts) and was rewritten.
        case updated
        /// The command with the trigger was already exactly this one: nothing was sent.
        case unchanged
    }

    /// A finished registration.
    public struct Registration: Sendable, Equatable {
        public var outcome: Outcome
        /// The command as the server stored it (with its `id` and `token`).
        public var command: Command
        /// The `REMIND_COMMAND_TOKENS=…` line: the tokens already configured plus this one.
        public var environmentLine: String
    }

    /// Why a registration failed, with what to do.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var summary: String
        public var fix: String
        public var description: String { "\(summary)\n\(fix)" }
    }

    /// The autocomplete hint shown after `/remind` (MATTERMOST.md §5: only hint and description show).
    public static let autocompleteHint = "[@someone or ~channel] [what] [when]"
    /// The autocomplete description.
    public static let autocompleteDescription = "Set a reminder: /remind me to call Sam tomorrow at 9am"
    /// The description in Integrations › Slash Commands.
    public static let commandDescription = "Reminders for people and channels, delivered by the remindd bot"
    /// The display name.
    public static let displayName = "Remind"

    /// Mattermost's built-in commands, whose triggers a custom command cannot take (`duplicate_trigger`).
    public static let builtInTriggers: Set<String> = [
        "away", "code", "collapse", "dnd", "echo", "expand", "groupmsg", "header", "help", "invite", "invite_people",
        "join", "kick", "leave", "logout", "me", "msg", "mute", "offline", "online", "open", "purpose", "remove",
        "rename", "search", "settings", "shortcuts", "shrug", "status",
    ]

    /// Why `trigger` (without `/`) cannot be registered, or nil: Mattermost takes 1–128 of
    /// `[A-Za-z0-9_./-]` (model/command.go) and no built-in name.
    public static func triggerProblem(_ trigger: String) -> String? {
        guard (1...128).contains(trigger.utf8.count),
              trigger.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./-".unicodeScalars.contains($0)) })
        else {
            return "a trigger is 1 to 128 letters, digits, or _ . / - (no spaces), e.g. --trigger remind"
        }
        if builtInTriggers.contains(trigger) { return "/\(trigger) is one of Mattermost's built-in commands; choose another trigger" }
        return nil
    }

    private let client: MattermostClient
    /// Whether the client carries `REMIND_ADMIN_TOKEN` (for the advice on 403).
    private let usesAdminToken: Bool

    /// A registrar calling Mattermost through `client`.
    public init(client: MattermostClient, usesAdminToken: Bool) {
        self.client = client
        self.usesAdminToken = usesAdminToken
    }

    /// Registers `/trigger` in the team with URL name `teamName`, pointing at `url`
    /// (`REMIND_PUBLIC_URL/command`). `configuredTokens` are the current `REMIND_COMMAND_TOKENS`.
    public func register(teamName: String, trigger: String, url: URL, configuredTokens: [String])
        async throws(Failure) -> Registration
    {
        let trigger = trigger.hasPrefix("/") ? String(trigger.dropFirst()).lowercased() : trigger.lowercased()
        if let problem = Self.triggerProblem(trigger) {
            throw Failure(summary: "the trigger /\(trigger) cannot be registered", fix: problem)
        }
        let team: Team
        do {
            team = try await client.team(name: teamName)
        } catch {
            throw failure(error, doing: "finding team \(teamName)",
                          notFound: "use the team's URL name (the part after the server address in its links, e.g. https://chat.example.com/acme → acme)")
        }
        let existing: [Command]
        do {
            existing = try await client.commands(teamID: team.id)
        } catch {
            throw failure(error, doing: "listing the slash commands of team \(teamName)", notFound: "")
        }
        var command = Command(
            teamID: team.id, trigger: trigger, method: "P", url: url.absoluteString, displayName: Self.displayName,
            description: Self.commandDescription, autoComplete: true, autoCompleteDesc: Self.autocompleteDescription,
            autoCompleteHint: Self.autocompleteHint)
        let stored: Command
        let outcome: Outcome
        do {
            if let current = existing.first(where: { $0.trigger.lowercased() == trigger }) {
                command.id = current.id
                command.token = current.token
                command.creatorID = current.creatorID
                // An update replaces every field: keep what an admin set by hand.
                command.username = current.username
                command.iconURL = current.iconURL
                command.teamID = current.teamID
                if command == current {
                    stored = current
                    outcome = .unchanged
                } else {
                    stored = try await client.updateCommand(command)
                    outcome = .updated
                }
            } else {
                stored = try await client.createCommand(command)
                outcome = .created
            }
        } catch {
            throw failure(error, doing: "saving /\(trigger) in team \(teamName)", notFound: "", listed: !existing.isEmpty)
        }
        var tokens = configuredTokens.filter { !$0.isEmpty }
        if !tokens.contains(stored.token) { tokens.append(stored.token) }
        return Registration(
            outcome: outcome, command: stored, environmentLine: "REMIND_COMMAND_TOKENS=" + tokens.joined(separator: ","))
    }

    private func failure(_ error: MattermostError, doing what: String, notFound: String, listed: Bool = true) -> Failure {
        switch error.status {
        case 401:
            return Failure(
                summary: "\(what): Mattermost did not accept the token (401)",
                fix: "check \(usesAdminToken ? "REMIND_ADMIN_TOKEN" : "REMIND_BOT_TOKEN"): it may be revoked or mistyped")
        case 403:
            return Failure(
                summary: "\(what): the token may not manage slash commands (403)",
                fix: """
                registering a command needs a team admin's or system admin's token (permission manage_slash_commands); \
                \(usesAdminToken ? "the REMIND_ADMIN_TOKEN given is not one" : "bots lack it by default")
                create a personal access token as a team or system admin (Profile › Security › Personal Access Tokens; \
                needs EnableUserAccessTokens) and run: REMIND_ADMIN_TOKEN=<token> remindd register-command --team …
                or register it by hand: Integrations › Slash Commands › Add (method POST)
                """)
        case 404 where !notFound.isEmpty:
            return Failure(summary: "\(what): not found (404)", fix: notFound)
        case 400 where error.appErrorID == "api.command.duplicate_trigger.app_error":
            // Not built in (checked first) and not among the commands this token could list: another user's,
            // hidden because listing shows only one's own commands without manage_others_slash_commands.
            return Failure(
                summary: "\(what): another user already registered this trigger in the team, and this token cannot see their command",
                fix: "listing other users' slash commands needs manage_others_slash_commands (team or system admin): "
                    + "run again with such a REMIND_ADMIN_TOKEN to update that command, delete it in Integrations › "
                    + "Slash Commands, or choose another trigger with --trigger"
                    + (listed ? "" : " (this token listed no commands in the team at all)"))
        default:
            return Failure(
                summary: "\(what): \(error)",
                fix: error.isRetryable ? "check REMIND_MATTERMOST_URL and that Mattermost is up, then try again"
                    : "see the message above; the command was not changed")
        }
    }
}

extension CommandRegistrar {
    /// What `remindd register-command` prints: the report, then the token and environment line.
    public struct Output: Sendable {
        public var report: AdminReport
        public var registration: Registration?
        /// The report followed, on success, by the line to put in the environment file.
        public var text: String {
            guard let registration else { return report.rendered }
            return report.rendered + """

                token: \(registration.command.token)
                Put this line in remindd's environment file (e.g. /etc/remindd/remindd.env) and restart remindd:
                \(registration.environmentLine)
                """
        }
        /// True when the command is registered.
        public var succeeded: Bool { registration != nil && report.succeeded }
    }

    /// Registers the command and describes what happened as an `AdminReport` (also warning when
    /// `url` is an address Mattermost will not call without `AllowedUntrustedInternalConnections`).
    public func report(
        teamName: String, trigger: String, url: URL, configuredTokens: [String], resolveNames: Bool = true
    ) async -> Output {
        var report = AdminReport()
        do {
            let registration = try await register(
                teamName: teamName, trigger: trigger, url: url, configuredTokens: configuredTokens)
            report.pass("/\(registration.command.trigger) \(registration.outcome.rawValue) in team \(teamName) → \(registration.command.url) (method POST, autocomplete \"\(Self.autocompleteHint)\")")
            let advice = PublicURLAdvice.finding(for: url, resolveNames: resolveNames)
            if advice.status != .passed { report.append(advice) }
            return Output(report: report, registration: registration)
        } catch {
            report.fail(error.summary, fix: error.fix)
            return Output(report: report, registration: nil)
        }
    }
}
