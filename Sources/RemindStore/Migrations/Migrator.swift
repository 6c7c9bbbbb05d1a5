import Foundation

/// Why the migrator refused to touch a database.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's file changed since it ran.
    case checksumMismatch(fileName: String, recorded: String, current: String)
    /// The database was migrated by a newer remindd than this one.
    case databaseIsNewer(databaseVersion: Int, knownVersion: Int)
    /// The database has migrations still to apply, and the caller asked not to apply them.
    case databaseIsBehind(databaseVersion: Int, knownVersion: Int)
    /// The migration list itself is malformed (not 1, 2, 3… in order).
    case invalidMigrationList(String)

    /// A sentence an operator can act on.
    public var description: String {
        switch self {
        case .checksumMismatch(let fileName, let recorded, let current):
            return "migration \(fileName) was changed after it was applied (recorded checksum \(recorded), file now \(current)); restore the file and add a new migration instead"
        case .databaseIsNewer(let databaseVersion, let knownVersion):
            return "the database is at schema version \(databaseVersion) but this remindd knows only up to \(knownVersion); run a newer remindd or restore a backup"
        case .databaseIsBehind(let databaseVersion, let knownVersion):
            return "the database is at schema version \(databaseVersion) but this remindd expects \(knownVersion); run `remindd migrate` first"
        case .invalidMigrationList(let problem):
            return "invalid migration list: \(problem)"
        }
    }
}

/// Brings a database's schema up to date from `migrations/*.sql`.
///
/// Each applied migration is recorded in `schema_migrations(version, name, checksum, applied_at_ms)`.
/// Pending migrations run in version order, each in its own transaction. Before changing anything
/// the migrator refuses a database whose applied migrations no longer match their files, and one
/// that has a version newer than it knows.
public struct Migrator: Sendable {
    /// The migrations this binary knows, in version order.
    public let migrations: [Migration]

    /// A migrator for `migrations` (by default those embedded at build time).
    public init(migrations: [Migration] = Migration.embedded) {
        self.migrations = migrations
    }

    /// The latest version this migrator knows (0 when it knows none).
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies every pending migration; returns the file names applied (empty when up to date).
    /// `now` is recorded as the application time. On SQLite each migration runs in its own
    /// transaction; on PostgreSQL all of them run in one, under an advisory lock, so nodes starting
    /// at once migrate one after the other and the second finds nothing left to do.
    @discardableResult
    public func migrate(_ database: any SQLConnection, now: Date = Date()) throws -> [String] {
        try validateList()
        switch database.dialect {
        case .sqlite:
            try prepareLedger(database)
            let applied = try appliedMigrations(database)
            try verify(applied: applied)
            var appliedNow: [String] = []
            for migration in migrations where applied[migration.version] == nil {
                try database.withTransaction { try apply(migration, to: database, now: now) }
                appliedNow.append(migration.fileName)
            }
            return appliedNow
        case .postgresql:
            return try database.withTransaction {
                try database.execute("SELECT pg_advisory_xact_lock(\(Self.postgresLockKey))")
                try prepareLedger(database)
                let applied = try appliedMigrations(database)
                try verify(applied: applied)
                let pending = migrations.filter { applied[$0.version] == nil }
                for migration in pending { try apply(migration, to: database, now: now) }
                return pending.map(\.fileName)
            }
        }
    }

    /// Checks, without changing anything, that `database` is at exactly the latest version with every
    /// applied migration unchanged: for a second opener (a reader beside a running service) that must not
    /// migrate a database it does not own.
    public func requireCurrent(_ database: any SQLConnection) throws {
        try validateList()
        let version = try currentVersion(database)
        guard version >= latestVersion else {
            throw MigrationError.databaseIsBehind(databaseVersion: version, knownVersion: latestVersion)
        }
        try verify(applied: try appliedMigrations(database))
    }

    /// The advisory lock the PostgreSQL migrator holds (an arbitrary constant: "remind" in ASCII).
    static let postgresLockKey: Int64 = 0x72_65_6d_69_6e_64

    /// The highest version recorded in `database` (0 for a new database).
    public func currentVersion(_ database: any SQLConnection) throws -> Int {
        let existsQuery = switch database.dialect {
        case .sqlite: "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
        case .postgresql:
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
        }
        guard try database.int64(existsQuery) == 1 else { return 0 }
        return Int(try database.int64("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0)
    }

    private func prepareLedger(_ database: any SQLConnection) throws {
        switch database.dialect {
        case .sqlite:
            try database.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                    applied_at_ms INTEGER NOT NULL) STRICT
                """)
        case .postgresql:
            try database.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                    applied_at_ms BIGINT NOT NULL)
                """)
        }
    }

    private func apply(_ migration: Migration, to database: any SQLConnection, now: Date) throws {
        try database.executeScript(migration.sql)
        try database.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at_ms) VALUES (?, ?, ?, ?)",
            [.integer(Int64(migration.version)), .text(migration.fileName),
             .text(migration.checksum), .integer(Int64((now.timeIntervalSince1970 * 1000).rounded()))])
    }

    private func appliedMigrations(_ database: any SQLConnection) throws -> [Int: (name: String, checksum: String)] {
        var applied: [Int: (name: String, checksum: String)] = [:]
        for row in try database.rows("SELECT version, name, checksum FROM schema_migrations") {
            applied[try row.int(0)] = (try row.string(1), try row.string(2))
        }
        return applied
    }

    private func verify(applied: [Int: (name: String, checksum: String)]) throws {
        if let newest = applied.keys.max(), newest > latestVersion {
            throw MigrationError.databaseIsNewer(databaseVersion: newest, knownVersion: latestVersion)
        }
        for migration in migrations {
            guard let record = applied[migration.version] else { continue }
            guard record.checksum == migration.checksum else {
                throw MigrationError.checksumMismatch(
                    fileName: migration.fileName, recorded: record.checksum, current: migration.checksum)
            }
        }
    }

    private func validateList() throws {
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw MigrationError.invalidMigrationList(
                "\(migration.fileName) should have version \(index + 1) (versions run 0001, 0002, … without gaps)")
        }
    }
}
