import Foundation
import RemindStore

/// The database part of `remindd check`: the file opens, its schema is remindd's (pending
/// migrations named), it is writable, and `PRAGMA integrity_check` is clean. Changes nothing: no
/// migration is applied and the write probe is rolled back.
public enum DatabaseCheck {
    /// Checks the database at `path` against the migrations this binary knows.
    public static func run(path: String, migrations: [Migration] = Migration.embedded) -> AdminReport {
        var report = AdminReport()
        guard FileManager.default.fileExists(atPath: path) else {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if access(directory, W_OK) == 0 {
                report.warn("database \(path) does not exist yet",
                            fix: "`remindd migrate` (or the first `remindd serve`) creates it; check REMIND_DATABASE if you expected one")
            } else {
                report.fail("database \(path) does not exist and its folder \(directory) is not writable",
                            fix: "create \(directory) writable by the user remindd runs as, or point REMIND_DATABASE elsewhere")
            }
            return report
        }
        let database: Database
        do {
            database = try Database(path: path)
            _ = try database.int64("SELECT count(*) FROM sqlite_schema")
        } catch {
            report.fail("database \(path) cannot be opened: \(error)",
                        fix: "if the file is damaged, stop remindd and restore the latest `remindd backup`; check its owner and permissions")
            return report
        }
        defer { try? database.close() }
        checkSchema(database, path: path, migrations: migrations, into: &report)
        checkWritable(database, path: path, into: &report)
        checkIntegrity(database, path: path, into: &report)
        return report
    }

    static func checkSchema(_ database: any SQLConnection, path: String, migrations: [Migration], into report: inout AdminReport) {
        do {
            let migrator = Migrator(migrations: migrations)
            let version = try migrator.currentVersion(database)
            var applied: [Int: String] = [:]
            if version > 0 {
                for row in try database.rows("SELECT version, checksum FROM schema_migrations") {
                    applied[try row.int(0)] = try row.string(1)
                }
            }
            if version > migrator.latestVersion {
                report.fail("database schema version \(version) is newer than this remindd knows (\(migrator.latestVersion))",
                            fix: "run the newer remindd that migrated it, or restore a backup taken before the upgrade")
                return
            }
            let changed = migrations.filter { migration in
                applied[migration.version].map { $0 != migration.checksum } ?? false
            }
            if !changed.isEmpty {
                report.fail("database migrations changed after they were applied: \(changed.map(\.fileName).joined(separator: ", "))",
                            fix: "this binary's migrations differ from the ones that built the database: run the matching remindd version")
                return
            }
            let pending = migrations.filter { applied[$0.version] == nil }
            if pending.isEmpty {
                report.pass("database \(path): schema version \(version), up to date")
            } else {
                report.warn("database \(path): schema version \(version), \(pending.count) pending migration\(pending.count == 1 ? "" : "s"): \(pending.map(\.fileName).joined(separator: ", "))",
                            fix: "run `remindd migrate` (serve also applies them on start); take a `remindd backup` first")
            }
        } catch {
            report.fail("database \(path): cannot read its schema: \(error)",
                        fix: "is REMIND_DATABASE a remindd database? restore the latest backup if it is damaged")
        }
    }

    private static func checkWritable(_ database: Database, path: String, into report: inout AdminReport) {
        do {
            // A real write, rolled back: taking the write lock alone succeeds on a read-only file in WAL mode.
            try database.execute("BEGIN IMMEDIATE TRANSACTION")
            defer { try? database.execute("ROLLBACK TRANSACTION") }
            try database.execute("CREATE TABLE remindd_check_write_probe (x INTEGER)")
            report.pass("database \(path) is writable")
        } catch {
            report.fail("database \(path) is not writable: \(error)",
                        fix: "remindd needs write access to the file and its folder (for the -wal and -shm files): check owner, mode and mount options")
        }
    }

    private static func checkIntegrity(_ database: Database, path: String, into report: inout AdminReport) {
        do {
            let rows = try database.rows("PRAGMA integrity_check")
            let messages = try rows.map { try $0.string(0) }
            if messages == ["ok"] {
                report.pass("database \(path): integrity_check ok")
            } else {
                report.fail("database \(path) is damaged: \(messages.prefix(3).joined(separator: "; "))",
                            fix: "stop remindd and restore the latest `remindd backup` (or `sqlite3 \(path) .recover` into a new file)")
            }
        } catch {
            report.fail("database \(path) is damaged: integrity_check failed: \(error)",
                        fix: "stop remindd and restore the latest `remindd backup`")
        }
    }
}
