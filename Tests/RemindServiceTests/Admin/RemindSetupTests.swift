import Foundation
import Mattermost
import RemindService
import TestSupport
import Testing

/// `RemindSetup` against the fake Mattermost on a socket: each way it can fail, and the edits it makes.
@Suite("remindd setup steps")
struct RemindSetupTests {
    /// Loopback on a closed port: no DNS, and the health probe is refused at once.
    private static let publicURL = URL(string: "http://127.0.0.1:1")!

    private func options(_ fake: FakeMattermost, _ base: URL, token: String? = nil, teams: [String] = ["acme"]) -> RemindSetup.Options {
        var options = RemindSetup.Options(mattermostURL: base, adminToken: token ?? fake.adminToken, teams: teams, publicURL: Self.publicURL)
        options.resolveNames = false
        options.requestTimeout = .seconds(5)
        // The closing check reads REMIND_DATABASE: a path that does not exist, never a file in the working directory.
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-setup-\(UUID().uuidString).sqlite")
        options.extraSettings = [("REMIND_DATABASE", database.path)]
        return options
    }

    private func emptyServer() async throws -> (FakeMattermost, URL) {
        let fake = FakeMattermost(withBot: false)
        let base = try await fake.start()
        await fake.setServiceSetting("EnableBotAccountCreation", true)
        return (fake, base)
    }

    @Test("a token without admin rights gets the server's 403 and the way to a system admin token; nothing is created")
    func noAdminRights() async throws {
        let (fake, base) = try await emptyServer()
        let sam = await fake.addUser("sam")
        let token = await fake.issueToken(for: sam)
        let result = await RemindSetup(options: options(fake, base, token: token)).run()
        await fake.stop()
        #expect(result.exitStatus == 1)
        #expect(result.report.warnings.first?.summary == "admin token belongs to @sam, who is not a system admin")
        let failure = try #require(result.report.failures.first)
        #expect(failure.summary == "creating the bot @remindd: the admin token may not do this (403 api.context.permissions.app_error)")
        #expect(failure.fix.contains("system admin's personal access token"))
        #expect(await fake.botAccounts().isEmpty)
        #expect(result.changes.isEmpty)
        #expect(result.check == nil)
    }

    @Test("a team that does not exist (404) stops setup before the bot is created")
    func teamMissing() async throws {
        let (fake, base) = try await emptyServer()
        let result = await RemindSetup(options: options(fake, base, teams: ["acme", "nope"])).run()
        await fake.stop()
        let failure = try #require(result.report.failures.first)
        #expect(failure.summary == "team nope not found (404)")
        #expect(failure.fix.contains("--team acme"))
        #expect(await fake.botAccounts().isEmpty)
        #expect(result.exitStatus == 1)
    }

    @Test("a person already called like the bot is not taken over")
    func usernameTakenByPerson() async throws {
        let (fake, base) = try await emptyServer()
        await fake.addUser("remindd")
        let result = await RemindSetup(options: options(fake, base)).run()
        await fake.stop()
        #expect(result.report.failures.map(\.summary) == ["@remindd is a person's account, not a bot"])
        #expect(result.report.failures.first?.fix.contains("--bot-username") == true)
    }

    @Test("without an env file no token is created unless it may be printed; printed, the env text shows it")
    func tokenNeedsAHome() async throws {
        let (fake, base) = try await emptyServer()
        let hidden = await RemindSetup(options: options(fake, base)).run()
        let bot = try #require(await fake.user(named: "remindd"))
        #expect(await fake.accessTokens(for: bot.id).isEmpty)
        #expect(hidden.report.failures.first?.summary.hasPrefix("no bot token was created") == true)
        let command = try #require(await fake.registeredCommands(inTeam: fake.team).first)
        let hiddenText = try #require(hidden.printedEnvironment)
        #expect(hiddenText.contains("REMIND_COMMAND_TOKENS=<hidden>") && !hiddenText.contains(command.token))

        var printing = options(fake, base)
        printing.printSecrets = true
        let shown = await RemindSetup(options: printing).run()
        let token = try #require(await fake.accessTokens(for: bot.id).first?.token)
        await fake.stop()
        let text = try #require(shown.printedEnvironment)
        #expect(text.contains("REMIND_BOT_TOKEN=\(token)\n") && text.contains("REMIND_COMMAND_TOKENS=\(command.token)\n"))
        #expect(shown.check?.findings.contains { $0.summary == "bot token belongs to the bot @remindd" } == true)
    }

    @Test("--allow-internal keeps the entries there; a value fixed by Mattermost's environment is reported with the variable to change")
    func internalAllowList() async throws {
        let (fake, base) = try await emptyServer()
        var allow = options(fake, base)
        allow.allowInternal = true
        allow.printSecrets = true
        await fake.setServiceSetting("AllowedUntrustedInternalConnections", "mm.lan,10.0.0.0/8")
        let first = await RemindSetup(options: allow).run()
        #expect(first.report.findings.map(\.summary).contains("added 127.0.0.1 to Mattermost's AllowedUntrustedInternalConnections (kept: mm.lan 10.0.0.0/8)"))
        #expect(await fake.serviceSetting("AllowedUntrustedInternalConnections") == "mm.lan 10.0.0.0/8 127.0.0.1")

        await fake.setServiceSetting("AllowedUntrustedInternalConnections", "")
        await fake.overrideServiceSettingFromEnvironment("AllowedUntrustedInternalConnections", "mm.lan")
        let second = await RemindSetup(options: allow).run()
        await fake.stop()
        let failure = try #require(second.report.failures.first, "\(second.report.rendered)")
        #expect(failure.summary == "Mattermost kept AllowedUntrustedInternalConnections at \"mm.lan\": its environment sets it")
        #expect(failure.fix.contains("MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS"))
    }

    @Test("an existing env file keeps its other lines; a revoked token and a disabled bot are replaced and re-enabled")
    func repairsExistingInstall() async throws {
        let (fake, base) = try await emptyServer()
        let scratch = try AdminScratchDirectory()
        let envPath = scratch.path("remindd.env")
        var first = options(fake, base)
        first.environmentFilePath = envPath
        _ = await RemindSetup(options: first).run()
        let bot = try #require(await fake.user(named: "remindd"))
        var edited = try String(contentsOfFile: envPath, encoding: .utf8)
        edited = "# site notes\nREMIND_LOG_FORMAT=json\n" + edited
        try edited.write(toFile: envPath, atomically: true, encoding: .utf8)
        try "revoked-token\n".write(toFile: scratch.path("bot-token"), atomically: true, encoding: .utf8)
        await fake.disableBot(bot.id)

        let second = await RemindSetup(options: first).run()
        let tokens = await fake.accessTokens(for: bot.id)
        await fake.stop()
        #expect(second.report.succeeded, "\(second.report.rendered)")
        #expect(second.report.findings.map(\.summary).contains("bot @remindd was disabled: enabled it again"))
        #expect(second.report.warnings.map(\.summary).contains("the bot token in \(scratch.path("bot-token")) is no longer accepted (401): replacing it"))
        #expect(tokens.count == 2)
        let stored = try String(contentsOfFile: scratch.path("bot-token"), encoding: .utf8)
        #expect(stored != "revoked-token\n" && tokens.map { $0.token + "\n" }.contains(stored))
        let text = try String(contentsOfFile: envPath, encoding: .utf8)
        #expect(text.hasPrefix("# site notes\nREMIND_LOG_FORMAT=json\n"))
        #expect(text.components(separatedBy: "REMIND_COMMAND_TOKENS=").count == 2, "one line per setting")
        // The hand edit left the env file 0644: it is written again, to put 0640 back.
        #expect(second.changes == [
            "enabled bot @remindd", "created an access token for @remindd", "wrote \(scratch.path("bot-token"))", "wrote \(envPath)",
        ])
        #expect((try FileManager.default.attributesOfItem(atPath: envPath)[.posixPermissions] as? Int) == 0o640)
    }
}
