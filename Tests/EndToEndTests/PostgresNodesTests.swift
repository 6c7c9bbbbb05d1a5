import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// The admin commands and the change notifications on PostgreSQL, through the real binary.
    @Suite("End to end: PostgreSQL nodes and admin commands", .enabled(if: PostgresTestCluster.isEnabled))
    struct PostgresNodes {
        @Test("migrate, check (version, schema, rights, who leads), backup refused with the right tools, SQLite → PostgreSQL by export and import")
        func adminCommands() async throws {
            let url = try await PostgresTestCluster.shared().makeDatabase()
            let environment = ["REMIND_DATABASE": url]
            let migrated = try await RemindProcess.run(["migrate"], environment: environment)
            #expect(migrated.status == 0, "\(migrated.stderr)")
            #expect(migrated.stdout.contains("now at schema version \(Migration.embeddedPostgreSQL.count)"))
            let again = try await RemindProcess.run(["migrate"], environment: environment)
            #expect(again.stdout.contains("up to date"))

            let check = try await RemindProcess.run(["check"], environment: environment)
            let output = check.stdout + check.stderr
            #expect(output.contains("server version"))
            #expect(output.contains("up to date"))
            #expect(output.contains("the role may read and write remindd's tables"))
            #expect(output.contains("no node has led yet"))

            let backup = try await RemindProcess.run(["backup", "/tmp/never-written.sqlite"], environment: environment)
            #expect(backup.status == 1)
            #expect(backup.stderr.contains("pg_dump"))

            // SQLite → PostgreSQL: a reminder made in a SQLite file moves over by export and import.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-pg-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let sqlitePath = directory.appendingPathComponent("old.sqlite").path
            let archive = directory.appendingPathComponent("reminders.json").path
            let source = try ReminderStore(path: sqlitePath)
            let due = Date().addingTimeInterval(86_400)
            _ = try await source.create([NewReminder(
                creatorID: "u1", creatorName: "ana", teamID: "t1", originChannelID: "c1", targetKind: .user, targetID: "u1",
                targetName: "ana", message: "moved over", phrase: "me to moved over tomorrow", timeZone: "UTC", rrule: nil,
                recurrenceStart: nil, firstFireAt: due)], at: Date())
            let exported = try await RemindProcess.run(["export", archive], environment: ["REMIND_DATABASE": sqlitePath])
            #expect(exported.status == 0, "\(exported.stderr)")
            for _ in 0..<2 {
                let imported = try await RemindProcess.run(["import", archive], environment: environment)
                #expect(imported.status == 0, "\(imported.stderr)")
            }
            let target = try ReminderStore(location: url)
            defer { target.close() }
            let page = try await target.reminders(forUser: "u1", limit: 10)
            #expect(page.reminders.map(\.message) == ["moved over"], "imported once, the second import skipped it")
        }

        @Test("a reminder set on the standby reaches the leader's wheel at once (NOTIFY), not at the next periodic load")
        func changesReachTheLeader() async throws {
            let url = try await PostgresTestCluster.shared().makeDatabase()
            let observer = try ReminderStore(location: url)
            defer { observer.close() }
            let fake = FakeMattermost()
            let mattermostURL = try await fake.start()
            let ana = await fake.addUser("ana", timezone: .manual("UTC"))
            let office = await fake.addChannel("office", members: [ana])
            let token = "notify-command-token"
            let first = try await RemindProcess.start(
                mattermostURL: mattermostURL, botToken: fake.botToken, commandToken: token, databasePath: url,
                environment: ["REMIND_NODE_ID": "first"])
            // The first node leads before the second starts.
            let deadline = ContinuousClock.now + .seconds(10)
            while try await observer.deliveryLease()?.fence.holder != "first", ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(25))
            }
            let second = try await RemindProcess.start(
                mattermostURL: mattermostURL, botToken: fake.botToken, commandToken: token, databasePath: url,
                environment: ["REMIND_NODE_ID": "second"])
            await fake.registerSlashCommand(url: second.baseURL.appendingPathComponent("command"), token: token)
            let metrics = try await second.request("GET", "metrics")
            #expect(String(decoding: metrics.body, as: UTF8.self).contains("remind_leader 0"), "the standby does not lead")
            #expect(try await second.request("GET", "healthz").status == 200, "a standby is healthy: it serves")

            let sent = Date()
            let reply = try await fake.runSlashCommand("me to stand up in 2 seconds", user: ana, channel: office)
            #expect(reply.response?.text?.contains("I will remind") == true)
            let channel = await fake.directChannel(fake.bot, ana)
            var posted: RecordedPost?
            while posted == nil, ContinuousClock.now < deadline + .seconds(10) {
                posted = await fake.posts(inChannel: channel).first { $0.post.message.contains("stand up") }
                try await Task.sleep(for: .milliseconds(20))
            }
            let post = try #require(posted, "the leader posted the standby's reminder; log:\n\(first.log)")
            // Without the notification the leader would see it at its next load, up to 30 s later.
            #expect(post.receivedAt.timeIntervalSince(sent) < 4.5, "posted \(post.receivedAt.timeIntervalSince(sent)) s after the command")
            #expect(first.log.contains("leading delivery"))
            try await second.stop()
            try await first.stop()
            await fake.stop()
        }
    }
}
