import CPostgreSQL
import Foundation

/// An error reported by PostgreSQL or libpq, with the SQLSTATE that classifies it.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The five-character SQLSTATE (`40001`, `23505`, …); nil for a client-side failure (no
    /// connection, a lost socket) that never reached the server's error reporting.
    public let sqlState: String?
    /// The server's or libpq's message.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    /// Creates an error from its parts.
    public init(sqlState: String?, message: String, sql: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    /// Reads the error of `result` (or of `connection` when there is no result).
    init(result: OpaquePointer?, connection: OpaquePointer?, sql: String?) {
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let text = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) }
            .flatMap { $0.isEmpty ? nil : $0 }
            ?? connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) }
            ?? "unknown libpq failure"
        self.init(sqlState: state, message: text.trimmingCharacters(in: .whitespacesAndNewlines), sql: sql)
    }

    /// True when running the whole transaction again may succeed: a serialization failure
    /// (`40001`) or a deadlock (`40P01`).
    public var isRetryableTransactionFailure: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// True when the connection itself is gone or unusable (class 08, an admin shutdown, or a
    /// client-side failure): the pool reconnects before the next use.
    public var isConnectionFailure: Bool {
        guard let sqlState else { return true }
        return sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }

    /// "PostgreSQL error 40001: could not serialize access … — while executing `UPDATE …`".
    public var description: String {
        var text = "PostgreSQL error \(sqlState ?? "(no SQLSTATE)"): \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }
}
