import CSQLite
import Foundation

/// One SQLite connection with remindd's settings (WAL, busy timeout, foreign keys, synchronous=FULL
/// by default) and a cache of prepared statements keyed by SQL.
///
/// Not thread-safe by design: a `Database` belongs to one owner at a time (the store's writer role, or
/// one reader's queue) and is only ever used there, so it is opened with `SQLITE_OPEN_NOMUTEX` and skips
/// SQLite's per-call locking; debug builds check the rule (`ConfinementCheck`).
public final class Database: SQLConnection {
    /// SQLite's.
    public var dialect: SQLDialect { .sqlite }

    /// How SQLite syncs to disk at commit (`PRAGMA synchronous`).
    public enum Synchronous: String, Sendable {
        case off = "OFF", normal = "NORMAL", full = "FULL", extra = "EXTRA"
    }

    /// Connection settings with remindd's defaults.
    public struct Configuration: Sendable {
        /// Open read-only (`SQLITE_OPEN_READONLY`); the file must exist.
        public var readOnly = false
        /// Durability at commit; FULL so an acknowledged reminder survives power loss.
        public var synchronous = Synchronous.full
        /// How long a statement waits for another connection's lock before `SQLITE_BUSY`.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// Prepared statements kept; the cache is emptied when it would grow past this.
        public var statementCacheCapacity = 128

        /// The defaults: read-write, WAL, synchronous FULL, 5 s busy timeout.
        public init() {}
    }

    /// The file this connection opened.
    public let path: String
    private var handle: OpaquePointer?
    private var statementCache: [String: Statement] = [:]
    private let configuration: Configuration
    /// The `PRAGMA synchronous` level the connection was opened with.
    var configuredSynchronous: Synchronous { configuration.synchronous }
    /// Whether commits are currently not synced at once (`deferSyncing(_:)`).
    var isDeferringSync = false
    /// Debug builds: the check that one thread at a time uses the connection.
    let confinement = ConfinementCheck()

    /// Opens (creating if needed, unless read-only) the database at `path` and applies the settings.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.configuration = configuration
        var flags = configuration.readOnly
            ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        flags |= SQLITE_OPEN_NOMUTEX
        var connection: OpaquePointer?
        let result = sqlite3_open_v2(path, &connection, flags, nil)
        guard result == SQLITE_OK, let connection else {
            let error = SQLiteError(resultCode: result, connection: connection)
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, configuration.busyTimeoutMilliseconds)
        if !configuration.readOnly {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = \(configuration.synchronous.rawValue)")
            try execute("PRAGMA foreign_keys = ON")
        }
    }

    deinit {
        statementCache.removeAll()
        // close_v2 defers the close until any statement still held elsewhere is finalized.
        sqlite3_close_v2(handle)
    }

    /// Closes the connection; later calls throw `SQLITE_MISUSE`. Closing twice does nothing.
    public func close() throws {
        guard let connection = handle else { return }
        statementCache.removeAll()
        let result = sqlite3_close_v2(connection)
        handle = nil
        guard result == SQLITE_OK else { throw SQLiteError(resultCode: result, connection: nil) }
    }

    /// The prepared statement for `sql`, from the cache or freshly prepared and cached.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try makeStatement(sql)
        if statementCache.count >= configuration.statementCacheCapacity {
            statementCache.removeAll()
        }
        statementCache[sql] = statement
        return statement
    }

    /// Prepares `sql` (exactly one statement) without caching it.
    public func makeStatement(_ sql: String) throws -> Statement {
        let connection = try openHandle(for: sql)
        var statement: OpaquePointer?
        // `tail` points into the C string of `sql`, which lives only inside `withCString`: read it there
        // (a String passed straight to C gets a temporary buffer, and `tail` would dangle).
        let (result, rest) = sql.withCString { text -> (Int32, String) in
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v3(connection, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            return (result, tail.map { String(cString: $0) } ?? "")
        }
        guard result == SQLITE_OK else {
            throw SQLiteError(resultCode: result, connection: connection, sql: sql)
        }
        let prepared = statement.map { Statement(handle: $0, connection: connection, sql: sql) }
        guard let prepared, rest.allSatisfy(\.isWhitespace) else {
            throw SQLiteError(
                code: .misuse,
                message: prepared == nil ? "no statement in SQL" : "more than one statement in SQL",
                sql: sql)
        }
        return prepared
    }

    /// Runs one statement with `arguments` bound to its `?` parameters, ignoring result rows.
    public func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        try confinement.confined(path) { try cachedStatement(sql).execute(arguments) }
    }

    /// Runs one statement with `arguments` bound and returns all result rows.
    public func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Row] {
        try confinement.confined(path) { try cachedStatement(sql).rows(arguments) }
    }

    /// Runs a script of several statements with no parameters (migrations), one statement at a
    /// time so a failure names the statement that failed.
    public func executeScript(_ script: String) throws {
        try confinement.confined(path) { try runScript(script) }
    }

    private func runScript(_ script: String) throws {
        let connection = try openHandle(for: script)
        try script.withCString { start in
            var cursor: UnsafePointer<CChar>? = start
            while let current = cursor, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let result = sqlite3_prepare_v2(connection, current, -1, &statement, &tail)
                let length = tail.map { current.distance(to: $0) } ?? strlen(current)
                let text = String(decoding: UnsafeRawBufferPointer(start: current, count: length),
                                  as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard result == SQLITE_OK else {
                    throw SQLiteError(resultCode: result, connection: connection, sql: text)
                }
                if let statement {
                    try Statement(handle: statement, connection: connection, sql: text).execute()
                }
                cursor = tail
            }
        }
    }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    public var changedRowCount: Int {
        handle.map { Int(sqlite3_changes($0)) } ?? 0
    }

    /// The raw connection, for the backup API in this module.
    func openHandle(for sql: String? = nil) throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: .misuse, message: "the database is closed", sql: sql)
        }
        return handle
    }
}
