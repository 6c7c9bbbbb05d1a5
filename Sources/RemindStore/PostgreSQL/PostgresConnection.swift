import CPostgreSQL
import Foundation

/// One libpq connection speaking the store's SQL: `?`/`?N` placeholders are rewritten to `$N`, every
/// statement is prepared once per connection (named, cached by SQL and argument types), arguments are
/// bound, never spliced, and result values come back as the same `SQLValue`s SQLite gives (integers,
/// reals, text, blobs; a boolean as 0 or 1).
///
/// Not thread-safe: owned by one queue (a connection of `PostgresPool`, or the listener).
public final class PostgresConnection: SQLConnection {
    /// PostgreSQL's.
    public var dialect: SQLDialect { .postgresql }
    private var handle: OpaquePointer?
    private var prepared: [String: String] = [:]
    private var translated: [String: String] = [:]
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public private(set) var changedRowCount = 0
    private var transactionDepth = 0

    /// Connects with `settings`; throws `PostgresError` (no SQLSTATE) when the server cannot be reached.
    public init(settings: PostgresSettings) throws {
        let (keywords, values) = settings.connectionParameters
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let error = PostgresError(result: nil, connection: connection, sql: nil)
            PQfinish(connection)
            throw error
        }
        handle = connection
        // Server notices (`DROP … IF EXISTS` skipping, …) are not errors; libpq would print them to stderr.
        _ = PQsetNoticeProcessor(connection, { _, _ in }, nil)
        // Every instant is UTC milliseconds in a BIGINT; the session zone only affects now() text.
        try execute("SET TIME ZONE 'UTC'")
    }

    deinit { PQfinish(handle) }

    /// Closes the connection; later calls throw. Closing twice does nothing.
    public func close() {
        PQfinish(handle)
        handle = nil
    }

    /// True while the socket is believed healthy (libpq's view after the last call).
    public var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// The server's version number, e.g. 150018 for 15.18.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// Runs one statement, ignoring result rows.
    public func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        _ = try run(sql, arguments, collectRows: false)
    }

    /// Runs one statement and returns its rows.
    public func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Row] {
        try run(sql, arguments, collectRows: true)
    }

    /// Runs a script of several statements (simple query protocol), for migrations.
    public func executeScript(_ script: String) throws {
        let connection = try openHandle(script)
        let result = PQexec(connection, script)
        defer { PQclear(result) }
        try check(result, connection: connection, sql: script)
    }

    /// True inside `withTransaction`.
    public var isInTransaction: Bool { transactionDepth > 0 }

    /// A transaction (BEGIN … COMMIT) or, inside one, a savepoint. The isolation level is the
    /// session's (the pool sets SERIALIZABLE for writers).
    public func withTransaction<T>(_ body: () throws -> T) throws -> T {
        let nested = transactionDepth > 0
        try execute(nested ? "SAVEPOINT remind" : "BEGIN")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let value = try body()
            try execute(nested ? "RELEASE SAVEPOINT remind" : "COMMIT")
            return value
        } catch {
            // A failed COMMIT has already ended the transaction (ROLLBACK then only warns); the
            // body's or the COMMIT's error is the one to report.
            if nested {
                try? execute("ROLLBACK TO SAVEPOINT remind")
                try? execute("RELEASE SAVEPOINT remind")
            } else {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }

    // MARK: - Notifications

    /// The notifications received since the last call, waiting up to `timeout` for the first one.
    /// Needs a `LISTEN channel` executed on this connection first.
    public func notifications(waitingUpTo timeout: Duration) throws -> [(channel: String, payload: String)] {
        let connection = try openHandle(nil)
        var received = drainNotifications(connection)
        if !received.isEmpty { return received }
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1_000
                                 + timeout.components.attoseconds / 1_000_000_000_000_000)
        if poll(&descriptor, 1, milliseconds) > 0 {
            guard PQconsumeInput(connection) == 1 else {
                throw PostgresError(result: nil, connection: connection, sql: nil)
            }
            received = drainNotifications(connection)
        }
        return received
    }

    private func drainNotifications(_ connection: OpaquePointer) -> [(channel: String, payload: String)] {
        var received: [(channel: String, payload: String)] = []
        while let notice = PQnotifies(connection) {
            received.append((String(cString: notice.pointee.relname), String(cString: notice.pointee.extra)))
            PQfreemem(notice)
        }
        return received
    }

    // MARK: - Running statements

    private func run(_ sql: String, _ arguments: [SQLValue], collectRows: Bool) throws -> [Row] {
        let connection = try openHandle(sql)
        let types = arguments.map(\.postgresType)
        let key = sql + "\u{0}" + types.map(String.init).joined(separator: ",")
        let name: String
        if let known = prepared[key] {
            name = known
        } else {
            name = "s\(prepared.count)"
            let text = translatedSQL(sql)
            let result = types.withUnsafeBufferPointer { typePointer in
                PQprepare(connection, name, text, Int32(types.count), typePointer.baseAddress)
            }
            defer { PQclear(result) }
            try check(result, connection: connection, sql: sql)
            prepared[key] = name
        }
        let encoded = arguments.map(\.postgresText)
        let formats = arguments.map { $0.isBinary ? Int32(1) : Int32(0) }
        let lengths = encoded.map { Int32($0?.count ?? 0) }
        let result = withByteArrays(encoded) { valuePointers in
            PQexecPrepared(connection, name, Int32(arguments.count), valuePointers, lengths, formats, 0)
        }
        defer { PQclear(result) }
        try check(result, connection: connection, sql: sql)
        changedRowCount = Int(String(cString: PQcmdTuples(result))) ?? 0
        return collectRows ? Self.rows(of: result) : []
    }

    private func translatedSQL(_ sql: String) -> String {
        if let known = translated[sql] { return known }
        let text = PostgresPlaceholders.translate(sql)
        translated[sql] = text
        return text
    }

    private func check(_ result: OpaquePointer?, connection: OpaquePointer, sql: String?) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let error = PostgresError(result: result, connection: connection, sql: sql)
            if error.isConnectionFailure || PQstatus(connection) != CONNECTION_OK {
                // The session (and its prepared statements) is gone with the socket.
                prepared.removeAll()
            }
            throw error
        }
    }

    private func openHandle(_ sql: String?) throws -> OpaquePointer {
        guard let handle else { throw PostgresError(sqlState: nil, message: "the connection is closed", sql: sql) }
        return handle
    }

    private static func rows(of result: OpaquePointer?) -> [Row] {
        guard let result else { return [] }
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let names = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [Row] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(.null)
                } else {
                    let text = String(cString: PQgetvalue(result, row, column))
                    values.append(SQLValue(postgresText: text, type: types[Int(column)]))
                }
            }
            rows.append(Row(columnNames: names, values: values))
        }
        return rows
    }
}

/// Rewrites SQLite-style placeholders to PostgreSQL's: `?N` becomes `$N` and each bare `?` the next
/// `$k`. Quoted text ('…', "…") and comments are left alone.
enum PostgresPlaceholders {
    static func translate(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var next = 1
        var characters = Array(sql.unicodeScalars)[...]
        while let character = characters.popFirst() {
            switch character {
            case "'", "\"":
                output.unicodeScalars.append(character)
                while let inner = characters.popFirst() {
                    output.unicodeScalars.append(inner)
                    if inner == character { break }
                }
            case "-" where characters.first == "-":
                output.unicodeScalars.append(character)
                while let inner = characters.popFirst() {
                    output.unicodeScalars.append(inner)
                    if inner == "\n" { break }
                }
            case "?":
                var digits = ""
                while let digit = characters.first, ("0"..."9").contains(digit) {
                    digits.unicodeScalars.append(digit)
                    characters.removeFirst()
                }
                if digits.isEmpty {
                    output += "$\(next)"
                    next += 1
                } else {
                    output += "$" + digits
                }
            default:
                output.unicodeScalars.append(character)
            }
        }
        return output
    }
}

extension SQLValue {
    /// The parameter type declared at PREPARE: int8, float8, text, bytea, or unknown for NULL.
    fileprivate var postgresType: Oid {
        switch self {
        case .integer: return 20
        case .real: return 701
        case .text: return 25
        case .blob: return 17
        case .null: return 0
        }
    }

    fileprivate var isBinary: Bool { if case .blob = self { return true } else { return false } }

    /// The bytes sent for the parameter (text format, except a blob's raw bytes); nil for NULL.
    fileprivate var postgresText: [UInt8]? {
        switch self {
        case .integer(let value): return Array(String(value).utf8)
        case .real(let value): return Array("\(value)".utf8)
        case .text(let value): return Array(value.utf8)
        case .blob(let value): return Array(value)
        case .null: return nil
        }
    }

    /// A text-format result value of type `type` (an OID) as the value SQLite would have returned.
    fileprivate init(postgresText text: String, type: Oid) {
        switch type {
        case 16: self = .integer(text == "t" ? 1 : 0)
        case 20, 21, 23, 26: self = Int64(text).map(SQLValue.integer) ?? .text(text)
        case 700, 701: self = Double(text).map(SQLValue.real) ?? .text(text)
        case 1700: self = Int64(text).map(SQLValue.integer) ?? Double(text).map(SQLValue.real) ?? .text(text)
        case 17: self = .blob(Self.decodeHexBytea(text))
        default: self = .text(text)
        }
    }

    private static func decodeHexBytea(_ text: String) -> Data {
        var bytes = Data()
        var high: UInt8?
        for scalar in text.utf8.dropFirst(2) {
            let nibble: UInt8
            switch scalar {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = scalar - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = scalar - UInt8(ascii: "a") + 10
            default: continue
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }
}

/// Calls `body` with a C array of C strings for `strings`, NULL-terminated (libpq's keyword lists).
private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Calls `body` with a C array of byte buffers (nil for NULL) for libpq's parameter values.
private func withByteArrays<R>(_ values: [[UInt8]?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = values.map { bytes in
        guard let bytes else { return nil }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, bytes.count + 1))
        bytes.withUnsafeBufferPointer { source in
            for (index, byte) in source.enumerated() { buffer[index] = CChar(bitPattern: byte) }
        }
        buffer[bytes.count] = 0
        return buffer
    }
    defer { copies.forEach { $0?.deallocate() } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
