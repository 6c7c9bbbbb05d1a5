import Foundation

/// remindd's persistence: reminders, the delivery ledger and settings in one SQLite file.
///
/// Concurrency: safe to call from anywhere. Writes go to one writer connection owned by a serial
/// queue (`WriteQueue`) that commits concurrent writes together (group commit); a call returns
/// only after its write is durable. Reads go to separate read-only connections (`ReaderPool`) and
/// never wait for the writer. Every value crossing in or out is a `Sendable` record.
public final class ReminderStore: Sendable {
    /// Store settings with production defaults.
    public struct Configuration: Sendable {
        /// Connection settings (synchronous=FULL, busy timeout, …) for every connection.
        public var database = Database.Configuration()
        /// Read-only connections for queries.
        public var readerCount = 2
        /// Upper bound on writes committed in one transaction.
        public var maxWritesPerTransaction = 512
        /// The schema migrations to apply on open.
        public var migrations = Migration.embedded

        /// The defaults.
        public init() {}
    }

    /// The database file.
    public let path: String
    let writer: WriteQueue
    let readers: ReaderPool
    private let connectionConfiguration: Database.Configuration

    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema;
    /// `now` is recorded as the time of any migration applied.
    public init(path: String, configuration: Configuration = Configuration(), now: Date = Date()) throws {
        self.path = path
        connectionConfiguration = configuration.database
        var writerConfiguration = configuration.database
        writerConfiguration.readOnly = false
        let database = try Database(path: path, configuration: writerConfiguration)
        try Migrator(migrations: configuration.migrations).migrate(database, now: now)
        writer = WriteQueue(database: database, maxWritesPerTransaction: configuration.maxWritesPerTransaction)
        readers = try ReaderPool(path: path, count: configuration.readerCount, configuration: configuration.database)
    }

    /// Runs `body` on the writer connection (group-committed with other writes).
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    /// Runs `body` on a read-only connection inside one read transaction (a consistent snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await readers.read { database in try database.inTransaction(.deferred) { try body(database) } }
    }

    /// Transactions and writes committed since the store opened.
    public var writeStatistics: WriteStatistics { writer.statistics }

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
    static func activeCount(createdBy creatorID: String, in database: Database) throws -> Int {
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
