import Foundation

/// remindd's persistence: reminders, the delivery ledger and settings, in one SQLite file (the
/// embedded default) or in a PostgreSQL database shared by several nodes.
///
/// Concurrency: safe to call from anywhere. On SQLite, writes go to one writer connection owned by a
/// serial queue (`WriteQueue`) that commits concurrent writes together (group commit); reads go to
/// separate read-only connections (`ReaderPool`) and never wait for the writer. On PostgreSQL every
/// call is one serializable transaction on a pooled connection (`PostgresPool`). Either way a call
/// returns only after its write is durable, and every value crossing in or out is a `Sendable` record.
public final class ReminderStore: Sendable {
    /// Store settings with production defaults.
    public struct Configuration: Sendable {
        /// SQLite connection settings (synchronous=FULL, busy timeout, …) for every connection.
        public var database = Database.Configuration()
        /// SQLite: read-only connections for queries.
        public var readerCount = 2
        /// SQLite: upper bound on writes committed in one transaction.
        public var maxWritesPerTransaction = 512
        /// SQLite: the schema migrations to apply on open.
        public var migrations = Migration.embedded
        /// Whether opening applies pending migrations (the default) or only checks that there are none
        /// (`MigrationError.databaseIsBehind` otherwise), for a store opened beside the service that owns it.
        public var migratesOnOpen = true
        /// PostgreSQL: the schema migrations to apply on open.
        public var postgresMigrations = Migration.embeddedPostgreSQL
        /// PostgreSQL: pooled connections (reads and writes share them).
        public var postgresConnections = 8

        /// The defaults.
        public init() {}

        /// Migrates `database`, or checks it is current when `migratesOnOpen` is off.
        func prepareSchema(_ migrator: Migrator, _ database: any SQLConnection, now: Date) throws {
            if migratesOnOpen {
                try migrator.migrate(database, now: now)
            } else {
                try migrator.requireCurrent(database)
            }
        }
    }

    /// Where the data lives and how it is reached.
    enum Backend: Sendable {
        case sqlite(writer: WriteQueue, readers: ReaderPool, connection: Database.Configuration)
        case postgresql(PostgresPool)
    }

    /// The SQLite file, or the PostgreSQL URL with its password redacted.
    public let path: String
    let backend: Backend

    /// Opens (creating if needed) the SQLite database at `path` and migrates it to the latest
    /// schema; `now` is recorded as the time of any migration applied.
    public init(path: String, configuration: Configuration = Configuration(), now: Date = Date()) throws {
        self.path = path
        var writerConfiguration = configuration.database
        writerConfiguration.readOnly = false
        let database = try Database(path: path, configuration: writerConfiguration)
        try configuration.prepareSchema(Migrator(migrations: configuration.migrations), database, now: now)
        backend = .sqlite(
            writer: WriteQueue(database: database, maxWritesPerTransaction: configuration.maxWritesPerTransaction),
            readers: try ReaderPool(path: path, count: configuration.readerCount, configuration: configuration.database),
            connection: configuration.database)
    }

    /// Connects to the PostgreSQL database of `settings` and migrates it to the latest schema (nodes
    /// starting together take turns: the migrator holds an advisory lock).
    public init(postgreSQL settings: PostgresSettings, configuration: Configuration = Configuration(), now: Date = Date()) throws {
        path = settings.redacted
        let connection = try PostgresConnection(settings: settings)
        defer { connection.close() }
        try configuration.prepareSchema(Migrator(migrations: configuration.postgresMigrations), connection, now: now)
        backend = .postgresql(PostgresPool(settings: settings, size: configuration.postgresConnections))
    }

    /// Opens `location`: a `postgresql://` or `postgres://` URL selects PostgreSQL (with
    /// `password`, from a password file, overriding the URL's), anything else is a SQLite path.
    public convenience init(location: String, password: String? = nil, configuration: Configuration = Configuration(), now: Date = Date()) throws {
        if let settings = PostgresSettings(url: location, password: password) {
            try self.init(postgreSQL: settings, configuration: configuration, now: now)
        } else {
            try self.init(path: location, configuration: configuration, now: now)
        }
    }

    /// Which backend this store uses.
    public var dialect: SQLDialect {
        switch backend {
        case .sqlite: return .sqlite
        case .postgresql: return .postgresql
        }
    }

    /// Runs `body` in a write transaction (group-committed with other writes on SQLite; retried on a
    /// serialization failure on PostgreSQL, so `body` must do nothing but database work).
    /// `announcing` marks a write that changes when something fires (a create, snooze, edit, skip,
    /// import): on PostgreSQL the same transaction notifies `scheduleChannel`, so the delivering node
    /// reloads its horizon at once, whichever node took the write.
    ///
    /// `durable: false` marks a write a crash of the machine (SQLite) or a failover (PostgreSQL) may lose
    /// because a restart recovers it another way: its commit is not synced to disk at once (SQLite,
    /// `WriteQueue.write(durable:_:)`) or not waited for on the WAL flush (`synchronous_commit = off`).
    func write<T: Sendable>(
        announcing: Bool = false, durable: Bool = true, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        switch backend {
        case .sqlite(let writer, _, _): return try await writer.write(durable: durable) { try body($0) }
        case .postgresql(let pool):
            return try await pool.transaction { connection in
                if !durable { try connection.execute("SET LOCAL synchronous_commit TO off", []) }
                let value = try body(connection)
                if announcing { try connection.execute("SELECT pg_notify(?, '')", [.text(Self.scheduleChannel)]) }
                return value
            }
        }
    }

    /// The PostgreSQL notification channel of schedule changes (see `write(announcing:_:)`).
    public static let scheduleChannel = "remind_schedule"

    /// Runs `body` inside one read transaction (a consistent snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, let readers, _):
            return try await readers.read { database in try database.inTransaction(.deferred) { try body(database) } }
        case .postgresql(let pool):
            return try await pool.transaction { try body($0) }
        }
    }

    /// SQLite: writes waiting for the writer (what group commit will batch); 0 on PostgreSQL.
    var pendingWriteCount: Int {
        if case .sqlite(let writer, _, _) = backend { return writer.pendingCount }
        return 0
    }

    /// Closes the PostgreSQL connections (SQLite's close when the store is released).
    public func close() {
        if case .postgresql(let pool) = backend { pool.close() }
    }

    /// Transactions and writes committed since the store opened.
    public var writeStatistics: WriteStatistics {
        switch backend {
        case .sqlite(let writer, _, _): return writer.statistics
        case .postgresql: return WriteStatistics()
        }
    }

    /// Number of active reminders.
    public func countActive() async throws -> Int {
        try await read { database in
            Int(try database.int64("SELECT count(*) FROM reminders WHERE state = 'active'") ?? 0)
        }
    }

    /// Number of active reminders, one-off and recurring.
    public func countActiveByKind() async throws -> (once: Int, recurring: Int) {
        try await read { database in
            var counts = (once: 0, recurring: 0)
            for row in try database.rows(
                "SELECT rrule IS NOT NULL, count(*) FROM reminders WHERE state = 'active' GROUP BY rrule IS NOT NULL")
            {
                if try row.int(0) == 0 { counts.once = try row.int(1) } else { counts.recurring = try row.int(1) }
            }
            return counts
        }
    }

    /// Number of active reminders a user created (the per-user limit counts these).
    public func countActive(createdBy creatorID: String) async throws -> Int {
        try await read { database in try Self.activeCount(createdBy: creatorID, in: database) }
    }

    /// The per-user count, on whichever connection (the writer's, inside `create`, for the limit).
    static func activeCount(createdBy creatorID: String, in database: any SQLConnection) throws -> Int {
        Int(try database.int64(
            "SELECT count(*) FROM reminders WHERE creator_id = ? AND state = 'active'", [.text(creatorID)]) ?? 0)
    }

    /// The value stored under `key`, or nil.
    public func setting(_ key: String) async throws -> String? {
        try await read { database in
            try database.row("SELECT value FROM settings WHERE key = ?", [.text(key)])?.string(0)
        }
    }

    /// Stores `value` under `key`, replacing any previous value.
    public func setSetting(_ key: String, to value: String) async throws {
        try await write { database in
            try database.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)])
        }
    }

    /// The value under `key`; when there is none, stores `initialValue` and returns it. Atomic, so
    /// concurrent first starts agree on one generated secret.
    public func setting(_ key: String, initialValue: String) async throws -> String {
        try await write { database in
            try database.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                [.text(key), .text(initialValue)])
            return try database.row("SELECT value FROM settings WHERE key = ?", [.text(key)])?.string(0)
                ?? initialValue
        }
    }

    /// Writes a consistent online copy of the database to `destinationPath` (the sqlite3 backup
    /// API), while writes continue. Holds every write committed before the backup began; copies
    /// `pagesPerStep` pages at a time.
    public func backup(to destinationPath: String, pagesPerStep: Int32 = 1_024) async throws {
        guard case .sqlite(_, _, let connectionConfiguration) = backend else {
            throw ReminderStoreError.unsupported(
                "a PostgreSQL database is backed up with PostgreSQL's own tools (pg_dump, or base backups and WAL archiving); remindd backup copies SQLite files only")
        }
        var readOnly = connectionConfiguration
        readOnly.readOnly = true
        let configuration = readOnly
        let sourcePath = path
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            // A connection of its own, so a long backup never occupies a reader of the pool.
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result {
                    let source = try Database(path: sourcePath, configuration: configuration)
                    try source.backup(to: destinationPath, pagesPerStep: pagesPerStep)
                    try source.close()
                })
            }
        }
    }
}

extension SQLDialect {
    /// A one-row FROM item `next_id` with the id the next reminder takes: on SQLite max(id) + 1
    /// (the single writer holds the write lock, so it is free), on PostgreSQL the identity's sequence.
    var nextReminderID: String {
        switch self {
        case .sqlite: return "(SELECT coalesce(max(id), 0) + 1 AS next_id FROM reminders) AS next_row"
        case .postgresql: return "(SELECT nextval(pg_get_serial_sequence('reminders', 'id')) AS next_id) AS next_row"
        }
    }
}
