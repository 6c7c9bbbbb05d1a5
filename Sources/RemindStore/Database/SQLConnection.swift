/// The SQL dialects the store speaks. Statements are written once in the SQL both accept (`?` or `?N`
/// placeholders, `INSERT … RETURNING`, `ON CONFLICT`); the few places that differ ask the dialect.
public enum SQLDialect: String, Sendable {
    /// The embedded default: one file, one writer.
    case sqlite
    /// The optional shared backend for several nodes.
    case postgresql
}

/// One database connection, SQLite's or PostgreSQL's: what the store's reads and writes need.
///
/// Not thread-safe: a connection is owned by one queue (a writer or a reader of the store) and used
/// only there. Arguments are always bound, never spliced into the SQL.
public protocol SQLConnection: AnyObject {
    /// Which SQL this connection speaks.
    var dialect: SQLDialect { get }
    /// Runs one statement with `arguments` bound to its placeholders, ignoring result rows.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    /// Runs one statement with `arguments` bound to its placeholders and returns all result rows.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Row]
    /// Runs a script of several statements with no parameters (migrations).
    func executeScript(_ script: String) throws
    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    var changedRowCount: Int { get }
    /// True while a transaction is open on this connection.
    var isInTransaction: Bool { get }
    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws (a
    /// savepoint when one is already open).
    func withTransaction<T>(_ body: () throws -> T) throws -> T
}

extension SQLConnection {
    /// Runs one statement without arguments, ignoring result rows.
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// All result rows of a statement without arguments.
    public func rows(_ sql: String) throws -> [Row] { try rows(sql, []) }

    /// The first result row, or nil when there is none.
    public func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> Row? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row as an integer (e.g. `SELECT count(*) …`); nil if no row.
    public func int64(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64? {
        try row(sql, arguments)?.optionalInt64(0)
    }
}
