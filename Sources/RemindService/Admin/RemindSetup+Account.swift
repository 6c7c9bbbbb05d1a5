import Foundation
import Mattermost

/// Where the bot's token lives in the env file.
enum BotTokenSetting: Equatable {
    /// `REMIND_BOT_TOKEN_FILE=path` (the token alone in a 0600 file).
    case file(String)
    /// `REMIND_BOT_TOKEN=token` (an existing file that had it inline, or printed output).
    case inline(String)
}

/// The bot account, its team memberships, its token and the slash commands.
extension SetupRun {
    /// Reuses the bot named `botUsername` (enabling it if disabled) or creates it.
    mutating func ensureBot() async -> User? {
        let name = options.botUsername
        let existing: User?
        do {
            existing = try await admin.userIfPresent(username: name)
        } catch {
            failCall(error, doing: "looking up @\(name)")
            return nil
        }
        if let existing {
            guard existing.isBot else {
                report.fail("@\(name) is a person's account, not a bot",
                            fix: "choose another name with --bot-username, e.g. --bot-username remind-bot")
                return nil
            }
            guard existing.isDeactivated else {
                report.pass("bot @\(name) exists (reused)")
                return existing
            }
            do {
                _ = try await admin.enableBot(userID: existing.id)
            } catch {
                failCall(error, doing: "enabling the disabled bot @\(name)")
                return nil
            }
            report.pass("bot @\(name) was disabled: enabled it again")
            changes.append("enabled bot @\(name)")
            var enabled = existing
            enabled.deleteAt = 0
            return enabled
        }
        do {
            let bot = try await admin.createBot(
                username: name, displayName: "Remind", description: "Reminders for people and channels (/remind), by remindd")
            report.pass("bot @\(name) created")
            changes.append("created bot @\(name)")
            return User(id: bot.userID, username: bot.username, isBot: true)
        } catch where error.appErrorID == "api.bot.create_disabled" {
            report.fail("Mattermost does not allow creating bot accounts (403 api.bot.create_disabled)",
                        fix: "turn on System Console › Integrations › Bot Accounts › Enable Bot Account Creation (ServiceSettings.EnableBotAccountCreation), then run setup again")
        } catch {
            failCall(error, doing: "creating the bot @\(name)")
        }
        return nil
    }

    /// Adds the bot to each team it is not in yet.
    mutating func ensureMembership(of bot: User, in teams: [Team]) async -> Bool {
        for team in teams {
            do {
                if let member = try await admin.teamMember(teamID: team.id, userID: bot.id), member.deleteAt == 0 {
                    report.pass("bot @\(bot.username) is a member of team \(team.name)")
                    continue
                }
                _ = try await admin.addTeamMember(teamID: team.id, userID: bot.id)
                report.pass("bot @\(bot.username) added to team \(team.name)")
                changes.append("added @\(bot.username) to team \(team.name)")
            } catch {
                failCall(error, doing: "adding @\(bot.username) to team \(team.name)")
                return false
            }
        }
        return true
    }

    /// Keeps the bot token the env file already names when Mattermost still accepts it for this bot;
    /// otherwise creates one and keeps it in the token file (or, without an env file, prints it when
    /// asked: a token is shown once, so none is created when it would be lost).
    mutating func ensureToken(for bot: User) async -> BotTokenSetting? {
        let chosenPath = options.extraSettings.last { $0.name == "REMIND_BOT_TOKEN_FILE" }?.value
        let tokenPath = (chosenPath ?? existingEnvironment?.value("REMIND_BOT_TOKEN_FILE")).flatMap { $0.isEmpty ? nil : $0 }
            ?? options.environmentFilePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("bot-token").path }
        let inline = existingEnvironment?.value("REMIND_BOT_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        let fromFile = tokenPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if let current = inline ?? fromFile {
            let place = inline != nil ? "REMIND_BOT_TOKEN" : tokenPath ?? ""
            let client = MattermostClient(baseURL: options.mattermostURL, token: current, requestTimeout: options.requestTimeout)
            do {
                let user = try await client.me()
                if user.id == bot.id {
                    report.pass("the bot token in \(place) works (kept)")
                    botToken = current
                    if inline != nil { return .inline(current) }
                    if let tokenPath, SecretFile.currentMode(tokenPath) != 0o600 {
                        writeToken(current, to: tokenPath)
                    }
                    return tokenPath.map(BotTokenSetting.file)
                }
                report.warn("the token in \(place) belongs to @\(user.username), not @\(bot.username): replacing it",
                            fix: "nothing to do: setup creates a token for @\(bot.username)")
            } catch where error.status == 401 {
                report.warn("the bot token in \(place) is no longer accepted (401): replacing it",
                            fix: "nothing to do: setup creates a new one (revoke the old one in System Console › Bot Accounts if it leaked)")
            } catch {
                report.fail("the bot token in \(place) cannot be checked: \(error)",
                            fix: "check that Mattermost is up and run setup again; the token was left as it is")
                return nil
            }
        }
        guard tokenPath != nil || options.printSecrets else {
            report.fail("no bot token was created: Mattermost shows a token only once, and there is nowhere to keep it",
                        fix: "run again with --write-env /etc/remindd/remindd.env (keeps the token in a 0600 file beside it) or with --print-secrets")
            return nil
        }
        let token: UserAccessToken
        do {
            let host = ProcessInfo.processInfo.hostName
            token = try await admin.createToken(userID: bot.id, description: "remindd on \(host.isEmpty ? "this host" : host)")
        } catch {
            failCall(error, doing: "creating an access token for @\(bot.username)")
            return nil
        }
        botToken = token.token
        changes.append("created an access token for @\(bot.username)")
        guard let tokenPath else {
            report.pass("access token for @\(bot.username) created (printed below: keep it, it is not shown again)")
            return .inline(token.token)
        }
        report.pass("access token for @\(bot.username) created")
        guard writeToken(token.token, to: tokenPath) else { return nil }
        return .file(tokenPath)
    }

    @discardableResult
    private mutating func writeToken(_ token: String, to path: String) -> Bool {
        do {
            _ = try SecretFile.write(token + "\n", to: path, mode: 0o600)
        } catch {
            report.fail("\(error)", fix: "run setup as a user that may write there (e.g. with sudo), or choose another --write-env folder")
            return false
        }
        let owner = SecretFile.handOver(path, to: options.serviceUser, groupOnly: false)
        report.pass("bot token written to \(path) (mode 0600\(owner.map { ", owner \($0)" } ?? ""))")
        changes.append("wrote \(path)")
        return true
    }

    /// Registers (or updates) `/trigger` in each team; returns the command tokens for the env file.
    mutating func registerCommands(in teams: [Team]) async -> [String]? {
        let registrar = CommandRegistrar(client: admin, usesAdminToken: true)
        let url = options.publicURL.appendingPathComponent("command")
        var tokens = (existingEnvironment?.value("REMIND_COMMAND_TOKENS") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for team in teams {
            do {
                let registration = try await registrar.register(
                    teamName: team.name, trigger: options.trigger, url: url, configuredTokens: tokens)
                let command = registration.command
                if !tokens.contains(command.token) { tokens.append(command.token) }
                switch registration.outcome {
                case .unchanged:
                    report.pass("/\(command.trigger) in team \(team.name) already points at \(command.url) (unchanged)")
                case .created, .updated:
                    report.pass("/\(command.trigger) \(registration.outcome.rawValue) in team \(team.name) → \(command.url) (POST, autocomplete)")
                    changes.append("\(registration.outcome.rawValue) /\(command.trigger) in team \(team.name)")
                }
            } catch {
                report.fail(error.summary, fix: error.fix)
                return nil
            }
        }
        return tokens
    }
}
