import CSQLite
import Foundation

/// One result row, copied out of the statement so it outlives the next `step`. Typed accessors
/// throw a `SQLiteError` (code `SQLITE_MISMATCH`) naming the column when the value has another type.
public struct Row: Sendable, Equatable {
    /// Column names, in result order.
    public let columnNames: [String]
    /// Values, in result order.
    public let values: [SQLValue]

    /// Creates a row; used by `Statement` when stepping.
    public init(columnNames: [String], values: [SQLValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    /// The raw value at `index`; `.null` past the end, like SQLite.
    public subscript(index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// INTEGER at `index`.
    public func int64(_ index: Int) throws -> Int64 {
        guard case .integer(let value) = self[index] else { throw mismatch(index, "INTEGER") }
        return value
    }

    /// INTEGER at `index` as `Int`.
    public func int(_ index: Int) throws -> Int { Int(try int64(index)) }

    /// INTEGER or NULL at `index`.
    public func optionalInt64(_ index: Int) throws -> Int64? {
        if case .null = self[index] { return nil }
        return try int64(index)
    }

    /// REAL at `index` (an INTEGER is widened).
    public func double(_ index: Int) throws -> Double {
        switch self[index] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw mismatch(index, "REAL")
        }
    }

    /// TEXT at `index`.
    public func string(_ index: Int) throws -> String {
        guard case .text(let value) = self[index] else { throw mismatch(index, "TEXT") }
        return value
    }

    /// TEXT or NULL at `index`.
    public func optionalString(_ index: Int) throws -> String? {
        if case .null = self[index] { return nil }
        return try string(index)
    }

    /// BLOB at `index` (an empty blob may come back as NULL from SQLite and reads as empty data).
    public func data(_ index: Int) throws -> Data {
        switch self[index] {
        case .blob(let value): return value
        case .null: return Data()
        default: throw mismatch(index, "BLOB")
        }
    }

    private func mismatch(_ index: Int, _ expected: String) -> SQLiteError {
        let name = columnNames.indices.contains(index) ? columnNames[index] : "#\(index)"
        return SQLiteError(
            code: .mismatch,
            message: "column \(index) (\(name)) holds \(self[index]), expected \(expected)"
        )
    }
}
