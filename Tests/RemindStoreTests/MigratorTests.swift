import Foundation
import Testing
@testable import RemindStore

@Suite("Migrator")
struct MigratorTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    @Test("the embedded migrations are exactly the files in migrations/")
    func embeddedMatchesFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: migrationsDirectory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(Migration.embedded.map(\.fileName) == names)
        for migration in Migration.embedded {
            let onDisk = try String(contentsOf: migrationsDirectory.appendingPathComponent(migration.fileName), encoding: .utf8)
            #expect(migration.sql == onDisk, "\(migration.fileName) differs from the embedded copy")
            #expect(migration.checksum == MigrationChecksum.of(onDisk))
        }
        #expect(Migration.embedded.map(\.version) == Array(1...Migration.embedded.count))
    }

    @Test("the checksum is FNV-1a 64 of the bytes")
    func checksum() {
        // Reference values of FNV-1a 64 for "" and "a".
        #expect(MigrationChecksum.of("") == "fnv1a64:cbf29ce484222325")
        #expect(MigrationChecksum.of("a") == "fnv1a64:af63dc4c8601ec8c")
    }

    @Test("an empty database migrates to the latest version and records every file")
    func fromEmpty() throws {
        let database = try Database(path: directory.path("db.sqlite"))
        let applied = try Migrator().migrate(database, now: t0)
        #expect(applied == Migration.embedded.map(\.fileName))
        #expect(try Migrator().currentVersion(database) == Migration.embedded.count)
        let rows = try database.rows("SELECT version, name, checksum, applied_at_ms FROM schema_migrations ORDER BY version")
        #expect(try rows.map { try $0.string(1) } == Migration.embedded.map(\.fileName))
        #expect(try rows.map { try $0.string(2) } == Migration.embedded.map(\.checksum))
        #expect(try rows.allSatisfy { try $0.int64(3) == Int64(t0.timeIntervalSince1970 * 1000) })
        #expect(try Migrator().migrate(database).isEmpty, "a second run applies nothing")
        #expect(try database.row("PRAGMA integrity_check")?.string(0) == "ok")
        #expect(try database.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test("the record decoders name every column of their tables, and only those")
    func decodersMatchTheSchema() throws {
        let database = try Database(path: directory.path("db.sqlite"))
        try Migrator().migrate(database, now: t0)
        func columns(_ table: String) throws -> Set<String> {
            Set(try database.rows("SELECT name FROM pragma_table_info('\(table)')").map { try $0.string(0) })
        }
        #expect(try columns("reminders") == Set(ReminderColumn.allCases.map(\.name)))
        #expect(try columns("occurrences") == Set(OccurrenceColumn.allCases.map(\.name)))
        #expect(Columns.reminderCount == ReminderColumn.allCases.count)
    }

    @Test("every earlier version migrates to the latest with its data preserved",
          arguments: 1..<Migration.embedded.count)
    func fromEarlierVersion(version: Int) async throws {
        let path = directory.path("v\(version).sqlite")
        do {
            let database = try Database(path: path)
            try Migrator(migrations: Array(Migration.embedded.prefix(version))).migrate(database, now: t0)
            // Rows written with only the columns every version has.
            try database.execute("""
                INSERT INTO reminders (id, group_id, creator_id, creator_name, team_id, origin_channel_id,
                    target_kind, target_id, target_name, message, phrase, time_zone, rrule, dtstart_ms,
                    next_fire_at_ms, fired_count, created_at_ms, updated_at_ms)
                VALUES (7, 7, 'u1', 'ana', 'tm', 'c1', 'user', 'u1', 'ana', 'stretch', 'me to stretch every day',
                        'UTC', 'FREQ=DAILY', 1000, 2000, 1, 500, 500)
                """)
            try database.execute("""
                INSERT INTO occurrences (reminder_id, due_at_ms, kind, state, action_token, claimed_at_ms)
                VALUES (7, 1000, 'scheduled', 'posted', 'aa', 1000)
                """)
            try database.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
            if (9..<12).contains(version) {
                // A team reminder from before reminder_members: 0012 fills the members in from team_members.
                try database.execute("UPDATE reminders SET team_members = 'u1:ana u9:zed' WHERE id = 7")
            }
            if version < 10 {
                try database.execute("INSERT INTO settings (key, value) VALUES ('list_post.u1', 'p1'), ('user_secret.u1', 's1'), ('user_secret.u2', 's2')")
            }
            try database.close()
        }
        let store = try ReminderStore(path: path, now: t0)
        let reminder = try #require(try await store.reminder(id: 7))
        #expect(reminder.message == "stretch")
        #expect(reminder.rrule == "FREQ=DAILY")
        #expect(reminder.nextFireAt == Date(millisecondsSince1970: 2000))
        #expect(reminder.thread == nil, "0004: rows from before thread reminders have no thread")
        #expect(try await store.skippedOccurrences(forUser: "u1").isEmpty, "0005: nothing skipped yet")
        let fired = try await store.history(forUser: "u1", limit: 5)
        #expect(fired.map(\.occurrence.dueAt) == [Date(millisecondsSince1970: 1000)], "the ledger reads back as history")
        #expect(fired.first?.occurrence.completedBy == nil && fired.first?.occurrence.snoozedBy == nil, "0006")
        #expect(try await store.calendarFeed(userID: "u1") == nil, "0007: no feeds yet")
        #expect(reminder.nag == nil && reminder.nagsSent == 0, "0008: older reminders do not nag")
        if (9..<12).contains(version) {
            #expect(reminder.team?.map(\.username) == ["ana", "zed"])
            #expect(try await store.reminders(forUser: "u9", limit: 5).reminders.map(\.id) == [7], "0012: a member's list finds it")
        } else {
            #expect(reminder.team == nil, "0009: nor are they a team's")
            #expect(try await store.reminders(forUser: "u9", limit: 5).total == 0)
        }
        #expect(try await store.teamCompletions(reminderID: 7, round: Date(millisecondsSince1970: 1000)).isEmpty)
        if version < 2 {
            #expect(reminder.lastFiredAt == Date(millisecondsSince1970: 1000), "0002 backfills from the ledger")
        }
        #expect(try await store.setting("k") == "v")
        if version < 10 {
            #expect(try await store.listPostID(of: "u1") == "p1", "0010 moves the list post to user_state")
            #expect(try await store.legacyButtonSecret(of: "u1") == "s1")
            #expect(try await store.legacyButtonSecret(of: "u2") == "s2")
            #expect(try await store.setting("list_post.u1") == nil, "and out of settings")
            #expect(try await store.setting("user_secret.u1") == nil)
            #expect(try await store.replaceListPost(of: "u1", with: "p2") == "p1")
            #expect(try await store.replaceListPost(of: "u2", with: "p3") == nil, "u2 had a secret but no list post")
            #expect(try await store.listPostID(of: "u1") == "p2")
            #expect(try await store.legacyButtonSecret(of: "u2") == "s2")
        }
        #expect(try await store.pendingTeamSummaries().isEmpty, "0011: no team summaries owed")
        #expect(try await store.countActive() == 1)
        let check = try Database(path: path)
        #expect(try Migrator().currentVersion(check) == Migration.embedded.count)
        #expect(try check.row("PRAGMA integrity_check")?.string(0) == "ok")
    }

    @Test("an applied migration whose file changed is refused, naming the file")
    func editedMigration() throws {
        let database = try Database(path: directory.path("db.sqlite"))
        try Migrator().migrate(database)
        var edited = Migration.embedded
        edited[0] = Migration(fileName: edited[0].fileName, sql: edited[0].sql + "\n-- edited\n")
        let error = #expect(throws: MigrationError.self) { try Migrator(migrations: edited).migrate(database) }
        guard case .checksumMismatch(let fileName, let recorded, let current)? = error else {
            Issue.record("expected checksumMismatch, got \(String(describing: error))")
            return
        }
        #expect(fileName == "0001_initial.sql")
        #expect(recorded == Migration.embedded[0].checksum)
        #expect(current == edited[0].checksum)
        #expect(error?.description.contains("0001_initial.sql") == true)
    }

    @Test("a database newer than the binary is refused and left untouched")
    func newerDatabase() throws {
        let database = try Database(path: directory.path("db.sqlite"))
        try Migrator().migrate(database)
        let future = Migration.embedded + [Migration(
            fileName: String(format: "%04d_future.sql", Migration.embedded.count + 1),
            sql: "CREATE TABLE future (id INTEGER PRIMARY KEY);")]
        try Migrator(migrations: future).migrate(database)
        let error = #expect(throws: MigrationError.self) { try Migrator().migrate(database) }
        #expect(error == .databaseIsNewer(databaseVersion: future.count, knownVersion: Migration.embedded.count))
        #expect(throws: MigrationError.self) { try ReminderStore(path: database.path) }
    }

    @Test("a store opened with migratesOnOpen off checks the schema and never changes it")
    func openWithoutMigrating() throws {
        var checkOnly = ReminderStore.Configuration()
        checkOnly.migratesOnOpen = false
        let behind = try Database(path: directory.path("behind.sqlite"))
        try Migrator(migrations: Array(Migration.embedded.prefix(2))).migrate(behind)
        let error = #expect(throws: MigrationError.self) { try ReminderStore(path: behind.path, configuration: checkOnly) }
        #expect(error == .databaseIsBehind(databaseVersion: 2, knownVersion: Migration.embedded.count))
        #expect(try Migrator().currentVersion(behind) == 2, "the check applied nothing")

        let current = try Database(path: directory.path("current.sqlite"))
        try Migrator().migrate(current)
        let store = try ReminderStore(path: current.path, configuration: checkOnly)
        #expect(store.path == current.path)
    }

    @Test("a failing migration is rolled back and not recorded")
    func failingMigration() throws {
        let database = try Database(path: directory.path("db.sqlite"))
        let broken = Migration.embedded + [Migration(
            fileName: String(format: "%04d_broken.sql", Migration.embedded.count + 1),
            sql: "CREATE TABLE half (id INTEGER);\nINSERT INTO missing VALUES (1);")]
        #expect(throws: SQLiteError.self) { try Migrator(migrations: broken).migrate(database) }
        #expect(try Migrator().currentVersion(database) == Migration.embedded.count)
        #expect(try database.int64("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") == 0)
    }

    @Test("a list with a gap in versions is refused")
    func gapInList() throws {
        let database = try Database(path: directory.path("db.sqlite"))
        let gappy = [Migration(fileName: "0001_a.sql", sql: "SELECT 1;"), Migration(fileName: "0003_c.sql", sql: "SELECT 1;")]
        #expect(throws: MigrationError.self) { try Migrator(migrations: gappy).migrate(database) }
    }
}
