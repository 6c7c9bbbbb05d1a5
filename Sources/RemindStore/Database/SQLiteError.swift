import CSQLite

/// An error reported by SQLite, with everything needed to understand it from a log line alone:
/// the primary and extended result codes, SQLite's own message and the SQL that failed.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`.constraint`, `.busy`, …).
    public let code: ResultCode
    /// The extended result code (`.constraintUnique`, …); equals `code` when there is none.
    public let extendedCode: ResultCode
    /// SQLite's message, e.g. "UNIQUE constraint failed: occurrences.reminder_id, …".
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    /// Creates an error from its parts; `extendedCode` defaults to `code`.
    public init(code: ResultCode, extendedCode: ResultCode? = nil, message: String, sql: String? = nil) {
        self.code = code.primary
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// Reads the error state of `connection` after a call returned `resultCode`.
    init(resultCode: Int32, connection: OpaquePointer?, sql: String? = nil) {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? resultCode
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(resultCode))
        self.init(code: ResultCode(rawValue: resultCode), extendedCode: ResultCode(rawValue: extended), message: message, sql: sql)
    }

    /// "SQLite error 19 (extended 2067) UNIQUE constraint failed: t.a — while executing `INSERT …`".
    public var description: String {
        var text = "SQLite error \(code.rawValue)"
        if extendedCode != code { text += " (extended \(extendedCode.rawValue))" }
        text += ": \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }
}

/// A SQLite result code, primary (`.constraint`) or extended (`.constraintUnique`), typed so that callers
/// match errors by name instead of by number (GRDB's habit):
///
/// ```swift
/// do { try store.insert(…) } catch ResultCode.constraint { … }
/// ```
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// SQLite's number for the code.
    public let rawValue: Int32

    /// The code with SQLite's number `rawValue`.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code of an extended one (its low eight bits); a primary code is its own.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xff) }

    /// SQLite's own name for the code ("constraint failed", "database is locked", …).
    public var description: String { String(cString: sqlite3_errstr(rawValue)) }

    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    /// A UNIQUE constraint failed (extended code).
    public static let constraintUnique = ResultCode(rawValue: 2067)
    /// A PRIMARY KEY constraint failed (extended code).
    public static let constraintPrimaryKey = ResultCode(rawValue: 1555)
    /// A FOREIGN KEY constraint failed (extended code).
    public static let constraintForeignKey = ResultCode(rawValue: 787)

    /// Whether `error` is a `SQLiteError` with this code: a primary code matches every extended code of
    /// its family, an extended code only itself.
    public static func ~= (pattern: ResultCode, error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        return pattern.primary == pattern ? error.code == pattern : error.extendedCode == pattern
    }
}
