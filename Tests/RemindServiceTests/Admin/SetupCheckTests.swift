import Foundation
import Mattermost
import RemindService
import RemindStore
import TestSupport
import Testing

@Suite("remindd check")
struct SetupCheckTests {
    let directory: AdminScratchDirectory
    let databasePath: String

    init() throws {
        directory = try AdminScratchDirectory()
        databasePath = directory.path("remind.sqlite")
        _ = try ReminderStore(path: databasePath, now: adminT0)
    }

    /// A complete, correct environment for `fake`.
    func environment(_ fake: FakeMattermost, _ base: URL, _ overrides: [String: String] = [:]) -> [String: String] {
        [
            "REMIND_DATABASE": databasePath, "REMIND_MATTERMOST_URL": base.absoluteString,
            "REMIND_BOT_TOKEN": fake.botToken, "REMIND_COMMAND_TOKENS": "command-token",
            "REMIND_PUBLIC_URL": "https://93.184.215.14:8066",  // public: the TEST-NETs are internal to Mattermost
        ].merging(overrides) { $1 }
    }

    func check(_ environment: [String: String], teams: [String] = ["acme"]) async -> AdminReport {
        await SetupCheck.run(
            environment: environment, arguments: [], teams: teams, resolveNames: false, requestTimeout: .seconds(15))
    }

    func failure(_ report: AdminReport, containing text: String) -> AdminReport.Finding? {
        report.failures.first { $0.summary.contains(text) }
    }

    @Test("a correct setup is all green: no failure, no warning, exit status 0")
    func allGreen() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let report = await check(environment(fake, base))
        await fake.stop()
        #expect(report.failures.isEmpty, "\(report.rendered)")
        #expect(report.warnings.isEmpty, "\(report.rendered)")
        #expect(report.exitStatus == 0)
        for expected in ["REMIND_LISTEN", "REMIND_DATABASE", "REMIND_MATTERMOST_URL", "REMIND_BOT_TOKEN", "REMIND_COMMAND_TOKENS",
                         "REMIND_PUBLIC_URL", "REMIND_LOG_FORMAT", "REMIND_MAX_POSTS_PER_SECOND", "REMIND_ADMIN_TOKEN",
                         "integrity_check ok", "is writable", "up to date", "X-Version-Id 10.5.0", "Mattermost version 10.5.0",
                         "SiteURL is \(base.absoluteString)", "bot @remindbot", "member of team acme"] {
            #expect(report.findings.contains { $0.status == .passed && $0.summary.contains(expected) }, "missing ✔ \(expected)")
        }
        #expect(!report.rendered.contains(fake.botToken), "the token is never printed")
        #expect(report.rendered.hasSuffix("all checks passed"))
    }

    @Test("bad configuration values: each named with a fix, the rest skipped, exit status 1")
    func badConfiguration() async {
        let report = await check(["REMIND_LISTEN": "nonsense", "REMIND_LOG_FORMAT": "xml", "REMIND_DATABASE": databasePath])
        #expect(failure(report, containing: "REMIND_LISTEN") != nil)
        #expect(failure(report, containing: "REMIND_LOG_FORMAT") != nil)
        #expect(report.failures.allSatisfy { !$0.fix.isEmpty })
        #expect(report.warnings.contains { $0.summary.contains("skipped") })
        #expect(report.exitStatus == 1)
        #expect(report.rendered.contains("✘ configuration: REMIND_LISTEN"))
    }

    @Test("missing required variables and an unknown REMIND_ variable")
    func missingVariables() async {
        let report = await check(["REMIND_DATABASE": databasePath, "REMIND_PUBLC_URL": "typo"])
        #expect(failure(report, containing: "REMIND_MATTERMOST_URL is not set") != nil)
        #expect(failure(report, containing: "REMIND_BOT_TOKEN") != nil)
        #expect(failure(report, containing: "REMIND_COMMAND_TOKENS")?.fix.contains("register-command") == true)
        #expect(report.warnings.contains { $0.summary.contains("REMIND_PUBLC_URL is not a remindd setting") })
        #expect(report.exitStatus == 1)
    }

    @Test("Mattermost unreachable")
    func unreachable() async throws {
        let fake = FakeMattermost()
        let report = await check(environment(fake, URL(string: "http://127.0.0.1:1")!))
        let finding = try #require(failure(report, containing: "cannot be reached"))
        #expect(finding.fix.contains("REMIND_MATTERMOST_URL"))
        #expect(report.exitStatus == 1)
    }

    @Test("a wrong bot token")
    func wrongToken() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let report = await check(environment(fake, base, ["REMIND_BOT_TOKEN": "not-a-token"]))
        await fake.stop()
        let finding = try #require(failure(report, containing: "not accepted by Mattermost (401)"))
        #expect(finding.fix.contains("Bot Accounts"))
        #expect(report.exitStatus == 1)
    }

    @Test("a person's token instead of a bot's")
    func notABot() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let report = await check(environment(fake, base, ["REMIND_BOT_TOKEN": fake.adminToken]))
        await fake.stop()
        #expect(failure(report, containing: "belongs to @admin, a person, not a bot") != nil)
        #expect(report.exitStatus == 1)
    }

    @Test("SiteURL not set")
    func siteURLEmpty() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        await fake.setSiteURL("")
        let report = await check(environment(fake, base))
        await fake.stop()
        let finding = try #require(failure(report, containing: "SiteURL is not set"))
        #expect(finding.fix.contains("Site URL"))
        #expect(report.failures.count == 1, "\(report.rendered)")
    }

    @Test("the bot is not in a team it will be used in, and an unknown team")
    func botNotInTeam() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let beta = await fake.addTeam("beta")
        await fake.removeFromTeam(fake.bot, team: beta)
        let report = await check(environment(fake, base), teams: ["acme", "beta", "nope"])
        await fake.stop()
        #expect(report.findings.contains { $0.status == .passed && $0.summary.contains("member of team acme") })
        #expect(failure(report, containing: "not a member of team beta")?.fix.contains("mmctl team users add beta remindbot") == true)
        #expect(failure(report, containing: "team nope") != nil)
        #expect(report.failures.count == 2)
    }

    @Test("a loopback PUBLIC_URL is a warning naming the exact AllowedUntrustedInternalConnections value")
    func loopbackPublicURL() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let report = await check(environment(fake, base, ["REMIND_PUBLIC_URL": "http://127.0.0.1:8066"]))
        await fake.stop()
        let warning = try #require(report.warnings.first { $0.summary.contains("REMIND_PUBLIC_URL") })
        #expect(warning.summary.contains("loopback"))
        #expect(warning.fix.contains("add 127.0.0.1 to Mattermost's AllowedUntrustedInternalConnections"))
        #expect(warning.fix.contains("SiteURL must be set"))
        #expect(report.exitStatus == 0, "a warning alone does not fail")
        #expect(report.rendered.contains("! REMIND_PUBLIC_URL http://127.0.0.1:8066"))
    }

    @Test("internal address classification follows Mattermost's blocklist")
    func classification() {
        for host in ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.20", "169.254.1.1",
                     "::1", "[::1]", "fd12:3456::1", "fc00::5", "fe80::1", "localhost", "LOCALHOST", "::ffff:10.0.0.1"] {
            #expect(InternalAddress.reason(forLiteral: host) != nil, "\(host) is internal")
        }
        for host in ["172.32.0.1", "172.15.255.255", "8.8.8.8", "203.0.114.10", "2001:db8::1", "remindd.example.com", "192.169.0.1"] {
            #expect(InternalAddress.reason(forLiteral: host) == nil, "\(host) is not internal by address")
        }
        let unspecified = PublicURLAdvice.finding(for: URL(string: "http://0.0.0.0:8066")!, resolveNames: false)
        #expect(unspecified.status == .failed)
        let ipv6 = PublicURLAdvice.finding(for: URL(string: "http://[fd00::7]:8066")!, resolveNames: false)
        #expect(ipv6.status == .warning && ipv6.fix.contains("add fd00::7 to"))
        let named = PublicURLAdvice.finding(for: URL(string: "http://localhost:8066")!, resolveNames: false)
        #expect(named.status == .warning && named.fix.contains("add localhost to"))
    }

    @Test("a database that is not a database")
    func garbageDatabase() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let path = directory.path("garbage.sqlite")
        try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: path))
        let report = await check(environment(fake, base, ["REMIND_DATABASE": path]))
        await fake.stop()
        let finding = try #require(failure(report, containing: "cannot be opened"))
        #expect(finding.fix.contains("remindd backup"))
        #expect(report.exitStatus == 1)
    }

    @Test("a database with damaged pages fails integrity_check")
    func damagedDatabase() async throws {
        let path = directory.path("damaged.sqlite")
        do {
            let store = try ReminderStore(path: path, now: adminT0)
            _ = try await store.create((0..<400).map { adminReminder("message \($0) " + String(repeating: "x", count: 200)) }, at: adminT0)
        }
        let checkpoint = try Database(path: path)
        try checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try checkpoint.execute("PRAGMA journal_mode = DELETE")
        try checkpoint.close()
        // Scribble over the middle of the file (table and index pages), keeping the header intact.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        try handle.close()

        let report = DatabaseCheck.run(path: path)
        let finding = try #require(report.failures.first, "\(report.rendered)")
        #expect(finding.summary.contains("damaged") || finding.summary.contains("cannot"))
        #expect(finding.fix.contains("backup"))
    }

    @Test("pending migrations are named", arguments: [1])
    func pendingMigrations(known: Int) throws {
        let path = directory.path("old.sqlite")
        let old = try Database(path: path)
        try Migrator(migrations: Array(Migration.embedded.prefix(known))).migrate(old, now: adminT0)
        try old.close()
        let report = DatabaseCheck.run(path: path)
        let pending = Migration.embedded.dropFirst(known).map(\.fileName)
        let warning = try #require(report.warnings.first)
        #expect(warning.summary.contains("\(pending.count) pending migration"))
        for name in pending { #expect(warning.summary.contains(name)) }
        #expect(warning.fix.contains("remindd migrate"))
        #expect(report.failures.isEmpty)
    }

    @Test("an unwritable database", .enabled(if: canMakeFilesUnwritable))
    func unwritableDatabase() throws {
        let path = directory.path("readonly.sqlite")
        do { _ = try ReminderStore(path: path, now: adminT0) }
        let undo = try #require(makeUnwritable(path))
        defer { undo() }
        let report = DatabaseCheck.run(path: path)
        let finding = try #require(report.failures.first, "\(report.rendered)")
        #expect(finding.summary.contains("not writable") || finding.summary.contains("cannot be opened"))
        #expect(finding.fix.contains("permissions") || finding.fix.contains("write access"))
    }
}
