import Foundation

/// A value SQLite stores: the five storage classes. Binding one of these is the only way a value
/// reaches SQL, so user text is never spliced into a statement.
public enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case null
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    /// `42` in an argument list binds an INTEGER.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `1.5` in an argument list binds a REAL.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// `"text"` in an argument list binds TEXT.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `nil` in an argument list binds NULL.
    public init(nilLiteral: ()) { self = .null }
}

/// A Swift value that has a natural SQLite representation.
public protocol SQLValueConvertible {
    /// The value to bind.
    var sqlValue: SQLValue { get }
}

extension Int64: SQLValueConvertible {
    /// Binds as INTEGER.
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLValueConvertible {
    /// Binds as INTEGER.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLValueConvertible {
    /// Binds as REAL.
    public var sqlValue: SQLValue { .real(self) }
}

extension String: SQLValueConvertible {
    /// Binds as TEXT.
    public var sqlValue: SQLValue { .text(self) }
}

extension Data: SQLValueConvertible {
    /// Binds as BLOB.
    public var sqlValue: SQLValue { .blob(self) }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    /// Binds the wrapped value, or NULL.
    public var sqlValue: SQLValue { map(\.sqlValue) ?? .null }
}
