import CSQLite

/// An error reported by SQLite, with everything needed to understand it from a log line alone:
/// the primary and extended result codes, SQLite's own message and the SQL that failed.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); equals `code` when there is none.
    public let extendedCode: Int32
    /// SQLite's message, e.g. "UNIQUE constraint failed: occurrences.reminder_id, …".
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    /// Creates an error from its parts; `extendedCode` defaults to `code`.
    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// Reads the error state of `connection` after a call returned `resultCode`.
    init(resultCode: Int32, connection: OpaquePointer?, sql: String? = nil) {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? resultCode
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(resultCode))
        self.init(code: resultCode & 0xff, extendedCode: extended, message: message, sql: sql)
    }

    /// "SQLite error 19 (extended 2067) UNIQUE constraint failed: t.a — while executing `INSERT …`".
    public var description: String {
        var text = "SQLite error \(code)"
        if extendedCode != code { text += " (extended \(extendedCode))" }
        text += ": \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }

    /// True for constraint violations (UNIQUE, CHECK, FOREIGN KEY, NOT NULL).
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }
}
