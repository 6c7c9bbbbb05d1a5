import Foundation
import Mattermost
import TestSupport
import Testing

extension EndToEnd {
    /// The process: health, metrics, logs, configuration errors, path prefixes, migrate.
    @Suite("End to end: runtime")
    struct RuntimeTests {
        @Test("healthz, metrics, one JSON log line per request without secrets, SIGTERM exits 0")
        func observability() async throws {
            let stage = try await Stage.start(environment: ["REMIND_LOG_FORMAT": "json"])
            try await stage.run("me to stretch in 1 hour")
            let health = try await stage.remind.request("GET", "/healthz")
            #expect(health.status == 200)
            #expect(String(decoding: health.body, as: UTF8.self) == "ok")
            let metrics = String(decoding: try await stage.remind.request("GET", "/metrics").body, as: UTF8.self)
            #expect(metrics.contains("remind_http_requests_total{route=\"/command\",status=\"200\"} 1"))
            #expect(metrics.contains("remind_http_request_duration_seconds_bucket{route=\"/command\""))
            #expect(metrics.contains("remind_reminders_created_total{kind=\"once\",target=\"user\"} 1"))
            try await stage.finish()
            let log = stage.remind.log
            let commandLine = try #require(log.split(separator: "\n").first { $0.contains("\"path\":\"/command\"") })
            #expect(commandLine.contains("\"status\":\"200\"") && commandLine.contains("\"request_id\":"))
            #expect(commandLine.contains("\"ms\":"))
            #expect(log.contains("\"msg\":\"stopped\""))
            #expect(!log.contains(stage.fake.botToken))
            #expect(!log.contains(stage.remind.commandToken))
        }

        @Test("a public URL with a path prefix is used for every callback URL")
        func pathPrefix() async throws {
            let stage = try await Stage.start(environment: ["REMIND_PUBLIC_URL": "https://chat.example.com/remind/"])
            try await stage.run("me to stretch in 1 second")
            let confirmation = try #require(await stage.lastEphemeral(for: stage.ana))
            #expect(confirmation.attachments.first?.actions?.first?.integration?.url == "https://chat.example.com/remind/action")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first)
            let stored = await stage.fake.post(id: post.post.id)
            #expect(stored?.attachments.first?.actions?.allSatisfy { $0.integration?.url == "https://chat.example.com/remind/action" } == true)
            _ = try await stage.fake.runSlashCommand("", user: stage.ana, channel: stage.office)
            #expect(await stage.fake.openedDialogs.last?.request.url == "https://chat.example.com/remind/dialog")
            try await stage.finish()
        }

        @Test("missing configuration: the problems on stderr and exit 78")
        func badConfiguration() async throws {
            let missing = try await RemindProcess.run(["serve"], environment: [:])
            #expect(missing.status == 78)
            #expect(missing.stderr.contains("REMIND_MATTERMOST_URL is required"))
            #expect(missing.stderr.contains("REMIND_COMMAND_TOKENS is required"))
            let invalid = try await RemindProcess.run(["serve"], environment: ["REMIND_LOG_FORMAT": "xml", "REMIND_LISTEN": "nowhere"])
            #expect(invalid.status == 78)
            #expect(invalid.stderr.contains("REMIND_LOG_FORMAT must be text or json"))
            #expect(invalid.stderr.contains("REMIND_LISTEN must be address:port"))
        }

        @Test("migrate applies the schema and exits; --help on serve and migrate")
        func migrateAndHelp() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-migrate-\(UUID().uuidString).sqlite").path
            let first = try await RemindProcess.run(["migrate"], environment: ["REMIND_DATABASE": path])
            #expect(first.status == 0)
            #expect(first.stdout.contains("applied 0001_initial.sql"))
            let second = try await RemindProcess.run(["migrate", "--database", path], environment: [:])
            #expect(second.stdout.contains("up to date"))
            #expect(try await RemindProcess.run(["serve", "--help"], environment: [:]).stdout.contains("REMIND_PUBLIC_URL"))
            #expect(try await RemindProcess.run(["migrate", "--help"], environment: [:]).status == 0)
        }
    }
}
