import CSQLite
import Foundation
import Testing
@testable import RemindStore

@Suite("Database layer")
struct DatabaseTests {
    let directory: TemporaryDirectory
    let database: Database

    init() throws {
        directory = try TemporaryDirectory()
        database = try Database(path: directory.path("db.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB)")
    }

    @Test("every SQLValue type round-trips through binding")
    func bindingRoundTrip() throws {
        let blob = Data([0, 1, 2, 255])
        let text = "Grüße, 'quoted' ; DROP TABLE t; -- \u{1F600}"
        try database.execute(
            "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?)",
            [.integer(Int64.min), .real(-2.5), .text(text), .blob(blob)])
        try database.execute("INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?)", [nil, nil, nil, nil])
        try database.execute("INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?)",
                             [Int64.max.sqlValue, 3.sqlValue, Optional<String>.none.sqlValue, Data().sqlValue])
        let rows = try database.rows("SELECT i, r, s, b FROM t ORDER BY id")
        #expect(rows.count == 3)
        #expect(try rows[0].int64(0) == Int64.min)
        #expect(try rows[0].double(1) == -2.5)
        #expect(try rows[0].string(2) == text)
        #expect(try rows[0].data(3) == blob)
        #expect(rows[1].values == [.null, .null, .null, .null])
        #expect(try rows[1].optionalInt64(0) == nil)
        #expect(try rows[1].optionalString(2) == nil)
        #expect(try rows[2].int64(0) == Int64.max)
        #expect(try rows[2].double(1) == 3)  // INTEGER stored in a REAL column reads back as 3.0
        #expect(try rows[2].data(3) == Data())
        #expect(try database.int64("SELECT count(*) FROM t WHERE s = ?", [.text(text)]) == 1)
        #expect(try database.int64("SELECT count(*) FROM sqlite_schema WHERE name = 't'") == 1)
    }

    @Test("a text value with an embedded NUL keeps every byte")
    func embeddedNul() throws {
        try database.execute("INSERT INTO t (s) VALUES (?)", [.text("a\u{0}b")])
        #expect(try database.row("SELECT s, length(CAST(s AS BLOB)) FROM t")?.string(0) == "a\u{0}b")
    }

    @Test("reading a column as the wrong type names the column")
    func typeMismatch() throws {
        try database.execute("INSERT INTO t (s) VALUES ('x')")
        let row = try #require(try database.row("SELECT s AS label FROM t"))
        let error = #expect(throws: SQLiteError.self) { try row.int64(0) }
        #expect(error?.code == .mismatch)
        #expect(error?.message.contains("label") == true)
    }

    @Test("errors carry the result codes, SQLite's message and the SQL")
    func errorsTellTheStory() throws {
        try database.execute("CREATE UNIQUE INDEX t_s ON t (s)")
        try database.execute("INSERT INTO t (s) VALUES (?)", [.text("dup")])
        let sql = "INSERT INTO t (s) VALUES (?)"
        let error = #expect(throws: SQLiteError.self) { try database.execute(sql, [.text("dup")]) }
        #expect(error?.code == .constraint)
        #expect(error?.extendedCode == .constraintUnique)
        #expect(error?.message == "UNIQUE constraint failed: t.s")
        #expect(error?.sql == sql)
        #expect(error?.description.contains("while executing `\(sql)`") == true)

        // Matched by name, as a caller would: a primary code matches its family, an extended code only itself.
        #expect(throws: Never.self) {
            do { try database.execute(sql, [.text("dup")]) } catch ResultCode.constraintForeignKey {
                Issue.record("a UNIQUE failure matched FOREIGN KEY")
            } catch ResultCode.constraintUnique {}
        }
        #expect(ResultCode.constraint ~= SQLiteError(code: .constraintUnique, message: ""))
        #expect(!(ResultCode.busy ~= SQLiteError(code: .constraint, message: "")))
        #expect(!(ResultCode.constraint ~= CancellationError()))

        let syntax = #expect(throws: SQLiteError.self) { try database.execute("SELEC 1") }
        #expect(syntax?.code == .error)
        #expect(syntax?.sql == "SELEC 1")
        #expect(syntax?.message.contains("syntax error") == true)
    }

    @Test("an argument count that does not match the statement is refused")
    func argumentCount() throws {
        let error = #expect(throws: SQLiteError.self) {
            try database.execute("INSERT INTO t (i, s) VALUES (?, ?)", [1])
        }
        #expect(error?.code == .range)
        #expect(try database.int64("SELECT count(*) FROM t") == 0)
    }

    @Test("a statement string holding two statements is refused")
    func oneStatementAtATime() throws {
        let error = #expect(throws: SQLiteError.self) {
            try database.execute("DELETE FROM t; DROP TABLE t")
        }
        #expect(error?.code == .misuse)
        #expect(try database.int64("SELECT count(*) FROM sqlite_schema WHERE name = 't'") == 1)
    }

    @Test("inTransaction commits on return")
    func transactionCommits() throws {
        let value = try database.inTransaction {
            try database.execute("INSERT INTO t (i) VALUES (1)")
            return 42
        }
        #expect(value == 42)
        #expect(!database.isInTransaction)
        #expect(try database.int64("SELECT count(*) FROM t") == 1)
    }

    @Test("inTransaction rolls back everything when the body throws")
    func transactionRollsBack() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try database.inTransaction {
                try database.execute("INSERT INTO t (i) VALUES (1)")
                try database.execute("INSERT INTO t (i) VALUES (2)")
                throw Boom()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try database.int64("SELECT count(*) FROM t") == 0)
    }

    @Test("a nested transaction is a savepoint: its failure keeps the outer work")
    func nestedTransaction() throws {
        struct Boom: Error {}
        try database.inTransaction {
            try database.execute("INSERT INTO t (i) VALUES (1)")
            #expect(throws: Boom.self) {
                try database.inTransaction {
                    try database.execute("INSERT INTO t (i) VALUES (2)")
                    throw Boom()
                }
            }
            #expect(database.isInTransaction)
        }
        #expect(try database.rows("SELECT i FROM t").map { try $0.int64(0) } == [1])
    }

    @Test("the statement cache returns the same prepared statement for the same SQL")
    func statementCache() throws {
        let sql = "SELECT count(*) FROM t WHERE i > ?"
        let first = try database.cachedStatement(sql)
        try database.execute("INSERT INTO t (i) VALUES (5)")
        #expect(try database.int64(sql, [1]) == 1)
        #expect(try database.int64(sql, [9]) == 0)
        #expect(try database.cachedStatement(sql) === first)
        #expect(try database.makeStatement(sql) !== first)
    }

    @Test("connections open in WAL with foreign keys and synchronous FULL; the settings are configurable")
    func connectionSettings() throws {
        #expect(try database.row("PRAGMA journal_mode")?.string(0) == "wal")
        #expect(try database.int64("PRAGMA foreign_keys") == 1)
        #expect(try database.int64("PRAGMA synchronous") == 2)  // FULL
        var configuration = Database.Configuration()
        configuration.synchronous = .normal
        let other = try Database(path: directory.path("other.sqlite"), configuration: configuration)
        #expect(try other.int64("PRAGMA synchronous") == 1)  // NORMAL
    }

    @Test("a read-only connection reads but cannot write")
    func readOnly() throws {
        try database.execute("INSERT INTO t (i) VALUES (7)")
        var configuration = Database.Configuration()
        configuration.readOnly = true
        let reader = try Database(path: database.path, configuration: configuration)
        #expect(try reader.int64("SELECT i FROM t") == 7)
        let error = #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t (i) VALUES (8)") }
        #expect(error?.code == .readOnly)
    }

    @Test("a closed database refuses work with SQLITE_MISUSE")
    func closed() throws {
        try database.close()
        try database.close()
        let error = #expect(throws: SQLiteError.self) { try database.execute("SELECT 1") }
        #expect(error?.code == .misuse)
    }

    @Test("a script runs statement by statement and a failure names the statement")
    func scripts() throws {
        try database.executeScript("""
            -- comment
            INSERT INTO t (i) VALUES (1);
            INSERT INTO t (i) VALUES (2);
            """)
        #expect(try database.int64("SELECT sum(i) FROM t") == 3)
        let error = #expect(throws: SQLiteError.self) {
            try database.executeScript("INSERT INTO t (i) VALUES (3);\nINSERT INTO nope VALUES (1);")
        }
        #expect(error?.sql == "INSERT INTO nope VALUES (1);")
    }
}

#if DEBUG
/// The debug-build check that a connection is used by one thread at a time.
@Suite("Database confinement (debug builds)")
struct DatabaseConfinementTests {
    @Test("nested calls from the owning thread are fine")
    func nestedCallsFromOneThread() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("db.sqlite"))
        try database.inTransaction {
            try database.execute("CREATE TABLE t (i INTEGER)")
            try database.inSavepoint { try database.execute("INSERT INTO t VALUES (1)") }
        }
        #expect(try database.int64("SELECT count(*) FROM t") == 1)
    }

    @Test("a second thread using the connection while the first is inside stops the process")
    func secondThreadStopsTheProcess() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("confine-\(UUID().uuidString).sqlite").path
            let database = try Database(path: path)
            let inside = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            // A holder inside a transaction on its own thread, waiting; this thread then uses the connection.
            nonisolated(unsafe) let shared = database
            Thread {
                try? shared.inTransaction {
                    inside.signal()
                    done.wait()
                }
            }.start()
            inside.wait()
            try database.execute("SELECT 1")
            done.signal()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("is used by two threads at once"), "\(message)")
    }
}
#endif
