import Foundation
import Mattermost
import RemindService
import TestSupport
import Testing

@Suite("register-command against the fake Mattermost on a socket")
struct CommandRegistrarTests {
    let publicURL = URL(string: "https://remindd.example.com/command")!

    @Test("creates /remind with method P, autocomplete hint, description and URL, and prints the token line")
    func creates() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)

        let registration = try await registrar.register(
            teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: ["older-team-token"])
        await fake.stop()

        #expect(registration.outcome == .created)
        let stored = await fake.registeredCommands(inTeam: fake.team)
        #expect(stored.count == 1)
        let command = try #require(stored.first)
        #expect(command.trigger == "remind")
        #expect(command.method == "P")
        #expect(command.url == "https://remindd.example.com/command")
        #expect(command.autoComplete)
        #expect(command.autoCompleteHint == "[@someone or ~channel] [what] [when]")
        #expect(command.displayName == "Remind")
        #expect(!command.description.isEmpty && !command.autoCompleteDesc.isEmpty)
        #expect(!command.token.isEmpty && registration.command.token == command.token)
        #expect(registration.environmentLine == "REMIND_COMMAND_TOKENS=older-team-token,\(command.token)")
    }

    @Test("running it again with the same trigger updates the one command (new URL, same token)")
    func idempotentUpdate() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)

        let first = try await registrar.register(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
        let moved = URL(string: "https://reminders.example.org/command")!
        let second = try await registrar.register(teamName: "acme", trigger: "/Remind", url: moved, configuredTokens: [first.command.token])
        let stored = await fake.registeredCommands(inTeam: fake.team)
        await fake.stop()

        #expect(second.outcome == .updated)
        #expect(stored.count == 1, "no second command")
        #expect(stored.first?.id == first.command.id)
        #expect(stored.first?.url == moved.absoluteString)
        #expect(stored.first?.token == first.command.token)
        #expect(second.environmentLine == "REMIND_COMMAND_TOKENS=\(first.command.token)", "a token already configured is not repeated")
    }

    @Test("registering the same command again sends nothing and says unchanged")
    func unchanged() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)
        let first = try await registrar.register(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
        let second = try await registrar.register(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
        let updates = await fake.requests.filter { $0.method == "PUT" }
        await fake.stop()
        #expect(second.outcome == .unchanged)
        #expect(second.command == first.command)
        #expect(updates.isEmpty)
    }

    @Test("a token without permission (the bot's) gets 403 and advice to use a team/system admin token")
    func forbidden() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.botToken), usesAdminToken: false)

        let output = await registrar.report(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
        await fake.stop()

        #expect(!output.succeeded)
        #expect(output.registration == nil)
        let failure = try #require(output.report.failures.first)
        #expect(failure.summary.contains("403"))
        #expect(failure.fix.contains("team admin") && failure.fix.contains("system admin"))
        #expect(failure.fix.contains("REMIND_ADMIN_TOKEN"))
        #expect(output.text.hasPrefix("✘ "))
        #expect(await fake.registeredCommands(inTeam: fake.team).isEmpty)
    }

    @Test("an unknown team is named, with how to find the URL name")
    func unknownTeam() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)
        let output = await registrar.report(teamName: "nope", trigger: "remind", url: publicURL, configuredTokens: [])
        await fake.stop()
        let failure = try #require(output.report.failures.first)
        #expect(failure.summary.contains("team nope") && failure.summary.contains("404"))
        #expect(failure.fix.contains("URL name"))
    }

    @Test("the printed output carries the token line, and warns when the URL is loopback")
    func outputText() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)
        let output = await registrar.report(
            teamName: "acme", trigger: "remind", url: URL(string: "http://127.0.0.1:8066/command")!, configuredTokens: [])
        await fake.stop()
        let token = try #require(output.registration?.command.token)
        #expect(output.succeeded)
        #expect(output.text.contains("\nREMIND_COMMAND_TOKENS=\(token)"))
        #expect(output.report.warnings.first?.fix.contains("add 127.0.0.1 to Mattermost's AllowedUntrustedInternalConnections") == true)
    }
}

@Suite("REMIND_ADMIN_TOKEN")
struct AdminTokenConfigurationTests {
    @Test("read from the environment, overridden by --admin-token, absent when empty")
    func adminToken() throws {
        #expect(try ServiceConfiguration.load(environment: ["REMIND_ADMIN_TOKEN": "env"]).adminToken == "env")
        #expect(try ServiceConfiguration.load(environment: ["REMIND_ADMIN_TOKEN": "env"], arguments: ["--admin-token", "flag"]).adminToken == "flag")
        #expect(try ServiceConfiguration.load(environment: ["REMIND_ADMIN_TOKEN": ""]).adminToken == nil)
        #expect(ServiceConfiguration.variables.contains { $0.name == "REMIND_ADMIN_TOKEN" })
    }
}

@Suite("register-command: what Mattermost refuses, and what an admin set")
struct CommandRegistrarStrictnessTests {
    let publicURL = URL(string: "https://remindd.example.com/command")!

    @Test("re-registering keeps the username and icon an admin set on the command")
    func keepsOverrides() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)
        let first = try await registrar.register(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
        await fake.overrideCommand(id: first.command.id, username: "Reminders", iconURL: "https://chat.example.com/bell.png")
        _ = try await registrar.register(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
        let stored = try #require(await fake.registeredCommands(inTeam: fake.team).first)
        await fake.stop()
        #expect(stored.username == "Reminders" && stored.iconURL == "https://chat.example.com/bell.png")
    }

    @Test("bad and built-in triggers are refused before any call, with what is allowed", arguments: [
        "re mind", "", String(repeating: "r", count: 129), "erinnerung!", "échéance", "me", "away", "shrug",
    ])
    func badTriggers(trigger: String) async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: fake.adminToken), usesAdminToken: true)
        await #expect(throws: CommandRegistrar.Failure.self) {
            try await registrar.register(teamName: "acme", trigger: trigger, url: publicURL, configuredTokens: [])
        }
        #expect(await fake.registeredCommands(inTeam: fake.team).isEmpty)
        #expect(await fake.requests.isEmpty, "nothing was sent")
        await fake.stop()
        #expect(CommandRegistrar.triggerProblem("remind.v2/x_y-z") == nil)
    }

    @Test("a trigger another user registered, hidden from a token without manage_others, is explained as such")
    func hiddenDuplicate() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        _ = await fake.registerSlashCommand(url: publicURL)
        let dev = await fake.addUser("dev")
        await fake.allowOwnSlashCommands(dev, team: fake.team)
        let token = await fake.issueToken(for: dev)
        let registrar = CommandRegistrar(client: MattermostClient(baseURL: base, token: token), usesAdminToken: true)
        do {
            _ = try await registrar.register(teamName: "acme", trigger: "remind", url: publicURL, configuredTokens: [])
            Issue.record("registration should fail")
        } catch {
            #expect(error.summary.contains("another user already registered"), "\(error)")
            #expect(error.fix.contains("manage_others_slash_commands"))
        }
        #expect(await fake.registeredCommands(inTeam: fake.team).count == 1)
        await fake.stop()
    }
}
