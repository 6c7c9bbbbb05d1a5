import Foundation
import Mattermost
import TestSupport
import Testing

extension EndToEnd {
    /// `remindd setup` with the real binary against a fake Mattermost that starts with a team and an admin only.
    @Suite("End to end: remindd setup")
    struct SetupTests {
        @Test("from an empty server to a delivered reminder; the second run changes nothing")
        func emptyServerToDeliveredPost() async throws {
            let fake = FakeMattermost(withBot: false)
            let mattermostURL = try await fake.start()
            await fake.setServiceSetting("EnableBotAccountCreation", true)
            await fake.setServiceSetting("AllowedUntrustedInternalConnections", "mattermost.lan 10.1.0.0/16")
            await fake.setEnforcesUntrustedInternalConnections(true)
            let ana = await fake.addUser("ana", timezone: .manual("Europe/Berlin"))
            let town = await fake.addChannel("town-square", members: [ana, fake.admin], botIsMember: false)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-setup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let envPath = directory.appendingPathComponent("remindd.env").path
            let port = try RemindProcess.freePort()
            let publicURL = "http://127.0.0.1:\(port)"
            let arguments = [
                "setup", "--mattermost-url", mattermostURL.absoluteString, "--team", "acme", "--public-url", publicURL,
                "--write-env", envPath, "--allow-internal", "--listen", "127.0.0.1:\(port)",
                "--database", directory.appendingPathComponent("remind.sqlite").path,
            ]
            // The admin token through the environment: it must appear nowhere in the output either way.
            let first = try await RemindProcess.run(arguments, environment: ["REMIND_ADMIN_TOKEN": fake.adminToken])
            #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
            #expect(first.stdout.contains("✔ bot @remindd created"), "\(first.stdout)")
            #expect(first.stdout.contains("✔ bot @remindd added to team acme"))
            #expect(first.stdout.contains("✔ /remind created in team acme"))
            #expect(first.stdout.contains("✔ added 127.0.0.1 to Mattermost's AllowedUntrustedInternalConnections (kept: mattermost.lan 10.1.0.0/16)"))
            #expect(first.stdout.contains("! remindd does not answer at \(publicURL)/healthz yet"))
            #expect(first.stdout.contains("changed: created bot @remindd;"))
            #expect(first.stdout.contains("remindd check:\n"))

            let bot = try #require(await fake.user(named: "remindd"))
            #expect(bot.isBot)
            #expect(await fake.isTeamMember(bot.id, team: fake.team))
            let tokens = await fake.accessTokens(for: bot.id)
            #expect(tokens.count == 1)
            let botToken = try #require(tokens.first?.token)
            let command = try #require(await fake.registeredCommands(inTeam: fake.team).first)
            #expect(command.url == "\(publicURL)/command" && command.autoComplete && command.method == "P")
            #expect(await fake.serviceSetting("AllowedUntrustedInternalConnections") == .string("mattermost.lan 10.1.0.0/16 127.0.0.1"))
            for secret in [botToken, command.token, fake.adminToken] {
                #expect(!first.stdout.contains(secret) && !first.stderr.contains(secret), "a secret was printed")
            }

            let tokenPath = directory.appendingPathComponent("bot-token").path
            #expect(try String(contentsOfFile: tokenPath, encoding: .utf8) == botToken + "\n")
            #expect(try mode(of: tokenPath) == 0o600)
            #expect(try mode(of: envPath) == 0o640)
            let environment = try environmentFile(envPath)
            #expect(environment["REMIND_BOT_TOKEN_FILE"] == tokenPath)
            #expect(environment["REMIND_COMMAND_TOKENS"] == command.token)
            #expect(environment["REMIND_PUBLIC_URL"] == publicURL)
            #expect(environment["REMIND_MATTERMOST_URL"] == mattermostURL.absoluteString)

            // remindd with exactly that env file: /remind works and the bot delivers.
            let remind = try await RemindProcess.start(
                mattermostURL: mattermostURL, botToken: "", commandToken: environment["REMIND_COMMAND_TOKENS"] ?? "",
                port: port, databasePath: environment["REMIND_DATABASE"], environment: environment)
            let reply = try await fake.runSlashCommand("me to water the plants in 1 second", user: ana, channel: town)
            #expect(reply.status == 200)
            #expect(reply.response?.text?.hasPrefix("I will remind you to water the plants") == true, "\(reply.text)")
            let posts = try await fake.waitForPosts(count: 1, timeout: .seconds(8))
            let delivered = try #require(posts.first)
            #expect(delivered.post.userID == bot.id)
            #expect(delivered.post.message.contains("water the plants"))

            let requestsBefore = await fake.requests.count
            let second = try await RemindProcess.run(arguments, environment: ["REMIND_ADMIN_TOKEN": fake.adminToken])
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            #expect(second.stdout.contains("nothing changed: everything was already set up"), "\(second.stdout)")
            #expect(second.stdout.contains("✔ bot @remindd exists (reused)"))
            #expect(second.stdout.contains("✔ the bot token in \(tokenPath) works (kept)"))
            #expect(second.stdout.contains("✔ /remind in team acme already points at \(publicURL)/command (unchanged)"))
            #expect(second.stdout.contains("✔ Mattermost already allows calls to 127.0.0.1"))
            #expect(second.stdout.contains("✔ Mattermost reached remindd at \(publicURL)"))
            #expect(second.stdout.contains("✔ env file \(envPath) is up to date (unchanged)"))
            let writes = await fake.requests.dropFirst(requestsBefore).filter { $0.method != "GET" && $0.path != "/api/v4/commands/execute" }
            #expect(writes.isEmpty, "the second run changed the server: \(writes.map { "\($0.method) \($0.path)" })")
            #expect(await fake.accessTokens(for: bot.id).count == 1)
            try await remind.stop()
            await fake.stop()
        }

        /// A server that refuses one step, and the ✘ line (with its fix) setup must print for it.
        enum Refusal: String, CaseIterable, Sendable {
            case noAdminRights, botsDisabled, teamMissing
        }

        @Test("each refusal stops setup with exit 1, the server's reason and the fix, and creates no bot",
              arguments: Refusal.allCases)
        func refusals(_ refusal: Refusal) async throws {
            let fake = FakeMattermost(withBot: false)
            let mattermostURL = try await fake.start()
            await fake.setServiceSetting("EnableBotAccountCreation", .bool(refusal != .botsDisabled))
            var token = fake.adminToken
            if refusal == .noAdminRights { token = await fake.issueToken(for: fake.addUser("sam")) }
            let team = refusal == .teamMissing ? "acme,nope" : "acme"
            let result = try await RemindProcess.run(
                ["setup", "--mattermost-url", mattermostURL.absoluteString, "--team", team, "--public-url", "https://remind.example.com"],
                environment: ["REMIND_ADMIN_TOKEN": token])
            let expected: (line: String, fix: String) = switch refusal {
            case .noAdminRights:
                ("✘ creating the bot @remindd: the admin token may not do this (403 api.context.permissions.app_error)",
                 "setup needs a system admin's personal access token")
            case .botsDisabled:
                ("✘ Mattermost does not allow creating bot accounts (403 api.bot.create_disabled)", "Enable Bot Account Creation")
            case .teamMissing:
                ("✘ team nope not found (404)", "use the team's URL name")
            }
            #expect(result.status == 1, "\(result.stdout)")
            #expect(result.stdout.contains(expected.line + "\n    → "), "\(result.stdout)")
            #expect(result.stdout.contains(expected.fix), "\(result.stdout)")
            #expect(result.stdout.contains("nothing changed"))
            #expect(!result.stdout.contains(token) && !result.stderr.contains(token))
            #expect(await fake.botAccounts().isEmpty)
            await fake.stop()
        }

        @Test("missing or malformed options are refused with an example (exit 64)")
        func usage() async throws {
            let missing = try await RemindProcess.run(["setup", "--team", "acme"], environment: [:])
            #expect(missing.status == 64)
            #expect(missing.stderr.contains("--mattermost-url is required, e.g. --mattermost-url https://chat.example.com"))
            let badURL = try await RemindProcess.run(
                ["setup", "--mattermost-url", "chat", "--admin-token", "t", "--team", "acme", "--public-url", "x"], environment: [:])
            #expect(badURL.status == 64)
            #expect(badURL.stderr.contains("--mattermost-url must be an http(s) URL"))
            let secretFlag = try await RemindProcess.run(
                ["setup", "--mattermost-url", "https://chat.example.com", "--admin-token", "t", "--team", "acme",
                 "--public-url", "https://remind.example.com", "--bot-token", "abc"], environment: [:])
            #expect(secretFlag.status == 64)
            #expect(secretFlag.stderr.contains("--bot-token is made by setup itself"))
        }
    }
}

private func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int) ?? -1
}

/// The env file's settings, as systemd would pass them on.
private func environmentFile(_ path: String) throws -> [String: String] {
    var values: [String: String] = [:]
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2 { values[parts[0]] = parts[1] }
    }
    return values
}
