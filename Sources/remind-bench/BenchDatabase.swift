import Foundation
import RemindStore

/// Where a benchmark's store lives: a fresh SQLite file in the benchmark's folder, or, when
/// `REMIND_BENCH_POSTGRESQL` names a PostgreSQL server (a URL of a database the role may create
/// databases from, e.g. `postgresql://remind@127.0.0.1:5432/postgres`), a fresh database on it, so the
/// same figures are measured on both backends.
enum BenchDatabase {
    /// The server URL from the environment, or nil for SQLite.
    static var postgresServer: String? {
        ProcessInfo.processInfo.environment["REMIND_BENCH_POSTGRESQL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// "SQLite" or "PostgreSQL at …", for the report's first line.
    static var label: String { postgresServer.map { "PostgreSQL (\(PostgresSettings(url: $0)?.redacted ?? $0))" } ?? "SQLite" }

    /// A new, migrated store named `name`.
    static func store(folder: URL, name: String) throws -> ReminderStore {
        guard let server = postgresServer, let settings = PostgresSettings(url: server) else {
            return try ReminderStore(path: folder.appendingPathComponent("\(name).sqlite").path)
        }
        let database = "remind_bench_\(getpid())_\(name.filter { $0.isLetter || $0.isNumber })".lowercased()
        let admin = try PostgresConnection(settings: settings)
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(database)")
        try admin.execute("CREATE DATABASE \(database)")
        guard var components = URLComponents(string: server) else { throw ReminderStoreError.unsupported("bad URL \(server)") }
        components.path = "/" + database
        return try ReminderStore(location: components.string ?? server)
    }

    /// Each reminder's (only) occurrence id, read straight from the ledger of either backend.
    static func occurrenceIDs(of store: ReminderStore) throws -> [Int64: Int64] {
        let connection: any SQLConnection
        // `store.path` is the URL with any password redacted: benchmark servers take the password from
        // PGPASSWORD or ~/.pgpass, which libpq reads itself.
        if let settings = PostgresSettings(url: store.path) {
            connection = try PostgresConnection(settings: settings)
        } else {
            var configuration = Database.Configuration()
            configuration.readOnly = true
            connection = try Database(path: store.path, configuration: configuration)
        }
        var map: [Int64: Int64] = [:]
        for row in try connection.rows("SELECT reminder_id, id FROM occurrences") {
            map[try row.int64(0)] = try row.int64(1)
        }
        return map
    }
}
