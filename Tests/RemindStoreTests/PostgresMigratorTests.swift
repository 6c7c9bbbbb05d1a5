import Foundation
import TestSupport
import Testing
@testable import RemindStore

/// The PostgreSQL migrations: embedded exactly as on disk, applied from every earlier version on a real
/// server, with the same refusals as on SQLite.
@Suite("Migrator on PostgreSQL")
struct PostgresMigratorTests {
    @Test("the embedded PostgreSQL migrations are exactly the files in migrations/postgresql/")
    func embeddedMatchesFiles() throws {
        let folder = migrationsDirectory.appendingPathComponent("postgresql")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(Migration.embeddedPostgreSQL.map(\.fileName) == names)
        for migration in Migration.embeddedPostgreSQL {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(migration.fileName), encoding: .utf8)
            #expect(migration.sql == onDisk, "\(migration.fileName) differs from the embedded copy")
        }
        #expect(Migration.embeddedPostgreSQL.map(\.version) == Array(1...Migration.embeddedPostgreSQL.count))
    }

    @Test("every earlier version migrates to the latest; a second run does nothing", .enabled(if: PostgresTestCluster.isEnabled),
          arguments: 0..<Migration.embeddedPostgreSQL.count)
    func fromEveryVersion(_ version: Int) async throws {
        let url = try await PostgresTestCluster.shared().makeDatabase()
        let connection = try PostgresConnection(settings: try #require(PostgresSettings(url: url)))
        defer { connection.close() }
        let all = Migration.embeddedPostgreSQL
        try Migrator(migrations: Array(all.prefix(version))).migrate(connection, now: t0)
        let applied = try Migrator(migrations: all).migrate(connection, now: t0)
        #expect(applied == all.dropFirst(version).map(\.fileName))
        #expect(try Migrator(migrations: all).migrate(connection, now: t0).isEmpty)
        #expect(try Migrator(migrations: all).currentVersion(connection) == all.count)
    }

    @Test("0006 fills in the members of team reminders made before it", .enabled(if: PostgresTestCluster.isEnabled))
    func membersBackfill() async throws {
        let url = try await PostgresTestCluster.shared().makeDatabase()
        let connection = try PostgresConnection(settings: try #require(PostgresSettings(url: url)))
        defer { connection.close() }
        let all = Migration.embeddedPostgreSQL
        let before = try #require(all.firstIndex { $0.fileName.hasSuffix("_reminder_members.sql") })
        try Migrator(migrations: Array(all.prefix(before))).migrate(connection, now: t0)
        try connection.execute("""
            INSERT INTO reminders (id, group_id, creator_id, creator_name, team_id, origin_channel_id, target_kind,
                target_id, target_name, message, phrase, time_zone, next_fire_at_ms, created_at_ms, updated_at_ms,
                team_members)
            VALUES (7, 7, 'u1', 'ana', 'tm', 'c1', 'channel', 'c1', 'town', 'notes', 'notes as a team', 'UTC', 2000,
                500, 500, 'u1:ana u9:zed')
            """)
        try Migrator(migrations: all).migrate(connection, now: t0)
        let members = try connection.rows("SELECT user_id FROM reminder_members WHERE reminder_id = 7 ORDER BY user_id")
        #expect(try members.map { try $0.string(0) } == ["u1", "u9"])
    }

    @Test("a changed migration and a newer database are refused", .enabled(if: PostgresTestCluster.isEnabled))
    func refusals() async throws {
        let url = try await PostgresTestCluster.shared().makeDatabase()
        let connection = try PostgresConnection(settings: try #require(PostgresSettings(url: url)))
        defer { connection.close() }
        let all = Migration.embeddedPostgreSQL
        try Migrator(migrations: all).migrate(connection, now: t0)
        var edited = all
        edited[0] = Migration(fileName: all[0].fileName, sql: all[0].sql + "\n-- edited\n")
        #expect(throws: MigrationError.self) { try Migrator(migrations: edited).migrate(connection, now: t0) }
        #expect(throws: MigrationError.databaseIsNewer(databaseVersion: all.count, knownVersion: all.count - 1)) {
            try Migrator(migrations: Array(all.dropLast())).migrate(connection, now: t0)
        }
    }
}
