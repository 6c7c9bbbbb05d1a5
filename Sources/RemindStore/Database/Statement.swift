import CSQLite
import Foundation

/// A prepared statement: prepared once, then bound by index, stepped and reset for each use.
/// It belongs to the `Database` that prepared it and is used only where that connection is used
/// (see `Database`); `sqlite3_finalize` is called in exactly one place, `deinit`.
public final class Statement {
    /// The SQL text, for error messages.
    public let sql: String
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private lazy var columnNames: [String] = (0..<sqlite3_column_count(handle)).map {
        sqlite3_column_name(handle, $0).map { String(cString: $0) } ?? ""
    }

    /// Wraps a statement SQLite already prepared.
    init(handle: OpaquePointer, connection: OpaquePointer, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Number of `?` parameters the statement expects.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds `value` to the parameter at `index` (1-based, as in SQLite).
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let result: Int32
        switch value {
        case .integer(let integer):
            result = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            result = sqlite3_bind_double(handle, index, real)
        case .text(let text):
            result = sqlite3_bind_text64(
                handle, index, text, sqlite3_uint64(text.utf8.count), sqliteTransient,
                UInt8(SQLITE_UTF8))
        case .blob(let data):
            result = data.withUnsafeBytes { bytes in
                // A zero-length blob needs a non-NULL pointer or SQLite stores NULL.
                sqlite3_bind_blob64(
                    handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                    sqlite3_uint64(bytes.count), sqliteTransient)
            }
        case .null:
            result = sqlite3_bind_null(handle, index)
        }
        try check(result)
    }

    /// Resets the statement and binds `arguments` to parameters 1…n; the count must match.
    public func bind(_ arguments: [SQLValue]) throws {
        reset()
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                code: .range,
                message: "statement expects \(parameterCount) arguments, got \(arguments.count)",
                sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument, at: Int32(offset + 1))
        }
    }

    /// Makes the statement ready to run again; bindings are replaced by the next `bind`.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Advances to the next row; nil when the statement is done.
    public func step() throws -> Row? {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW:
            return Row(columnNames: columnNames, values: currentValues())
        case SQLITE_DONE:
            return nil
        default:
            let error = SQLiteError(resultCode: result, connection: connection, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Binds `arguments`, runs the statement to completion and returns every row.
    public func rows(_ arguments: [SQLValue] = []) throws -> [Row] {
        try bind(arguments)
        defer { reset() }
        var rows: [Row] = []
        while let row = try step() { rows.append(row) }
        return rows
    }

    /// Binds `arguments` and runs the statement to completion, ignoring any rows.
    public func execute(_ arguments: [SQLValue] = []) throws {
        try bind(arguments)
        defer { reset() }
        while try step() != nil {}
    }

    private func currentValues() -> [SQLValue] {
        (0..<sqlite3_column_count(handle)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER:
                return .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT:
                return .real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT:
                // Pointer first, then length: the order SQLite documents as safe.
                guard let bytes = sqlite3_column_text(handle, column) else { return .text("") }
                let count = Int(sqlite3_column_bytes(handle, column))
                return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
            case SQLITE_BLOB:
                guard let bytes = sqlite3_column_blob(handle, column) else { return .blob(Data()) }
                let count = Int(sqlite3_column_bytes(handle, column))
                return .blob(Data(bytes: bytes, count: count))
            default:
                return .null
            }
        }
    }

    private func check(_ result: Int32) throws {
        guard result == SQLITE_OK else {
            throw SQLiteError(resultCode: result, connection: connection, sql: sql)
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: "copy the bytes now", which the C macro spells as a cast of -1.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
