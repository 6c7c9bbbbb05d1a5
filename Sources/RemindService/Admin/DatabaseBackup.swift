import Foundation
import RemindStore

/// `remindd backup PATH`: an online, consistent copy of the database through the sqlite3 backup
/// API (the server may keep writing), verified with `PRAGMA integrity_check` afterwards.
public enum DatabaseBackup {
    /// A verified backup.
    public struct Summary: Sendable, Equatable {
        /// Where the copy is.
        public var path: String
        /// Reminders in the copy, and how many of them are active.
        public var reminderCount: Int
        public var activeReminderCount: Int
        /// The copy's schema version.
        public var schemaVersion: Int
        /// The copy's size in bytes.
        public var bytes: Int64
    }

    /// Why no verified backup was made.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Copies the database at `databasePath` to `destination` and verifies the copy. Refuses to
    /// replace an existing `destination` unless `force`. The copy holds every write committed
    /// before it began; it is written beside `destination` and renamed into place when complete,
    /// and is a self-contained file (rollback-journal mode; remindd switches it back to WAL when it
    /// opens it after a restore).
    public static func run(
        databasePath: String, destination: String, force: Bool, pagesPerStep: Int32 = 1_024
    ) async throws(Failure) -> Summary {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw Failure(message: "no database at \(databasePath) (check REMIND_DATABASE)")
        }
        if FileManager.default.fileExists(atPath: destination), !force {
            throw Failure(message: "\(destination) exists; choose another path or pass --force to replace it")
        }
        if URL(fileURLWithPath: destination).standardizedFileURL == URL(fileURLWithPath: databasePath).standardizedFileURL {
            throw Failure(message: "the backup path is the database itself")
        }
        do {
            return try await onUtilityQueue {
                var configuration = Database.Configuration()
                configuration.readOnly = true
                let source = try Database(path: databasePath, configuration: configuration)
                try source.backup(to: destination, pagesPerStep: pagesPerStep)
                try source.close()
                return try verify(destination)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "backup to \(destination) failed: \(error)")
        }
    }

    /// Opens the copy, makes it self-contained, and checks it.
    private static func verify(_ path: String) throws -> Summary {
        let copy = try Database(path: path)
        defer { try? copy.close() }
        try copy.execute("PRAGMA journal_mode = DELETE")
        let messages = try copy.rows("PRAGMA integrity_check").map { try $0.string(0) }
        guard messages == ["ok"] else {
            throw Failure(message: "the backup at \(path) failed integrity_check: \(messages.prefix(3).joined(separator: "; "))")
        }
        let total = Int(try copy.int64("SELECT count(*) FROM reminders") ?? 0)
        let active = Int(try copy.int64("SELECT count(*) FROM reminders WHERE state = 'active'") ?? 0)
        let version = try Migrator().currentVersion(copy)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return Summary(path: path, reminderCount: total, activeReminderCount: active, schemaVersion: version, bytes: size)
    }

    /// Runs blocking SQLite work off the cooperative thread pool.
    private static func onUtilityQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
