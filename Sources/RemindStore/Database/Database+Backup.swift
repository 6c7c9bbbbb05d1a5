import CSQLite
import Foundation

/// Online backup through SQLite's backup API.
extension Database {
    /// Copies this database to `path` while other connections keep writing.
    ///
    /// The copy is a consistent snapshot: a read transaction is held on this connection for the
    /// whole copy (WAL lets writers go on meanwhile), so the backup holds exactly what was committed
    /// when it began and never restarts. Pages are copied `pagesPerStep` at a time into
    /// `path.partial`, which is renamed over `path` only when complete, so a reader of `path` never
    /// sees a half-written backup.
    public func backup(to path: String, pagesPerStep: Int32 = 1_024) throws {
        let source = try openHandle()
        let partialPath = path + ".partial"
        unlink(partialPath)
        var destination: OpaquePointer?
        let openResult = sqlite3_open_v2(
            partialPath, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close_v2(destination) }
        guard openResult == SQLITE_OK, let destination else {
            throw SQLiteError(resultCode: openResult, connection: destination, sql: "backup to \(path)")
        }
        let pinSnapshot = !isInTransaction
        if pinSnapshot {
            try execute("BEGIN DEFERRED TRANSACTION")
            _ = try rows("SELECT count(*) FROM sqlite_schema")
        }
        defer { if pinSnapshot { try? execute("COMMIT TRANSACTION") } }

        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteError(resultCode: sqlite3_errcode(destination), connection: destination,
                              sql: "backup to \(path)")
        }
        var stepResult = SQLITE_OK
        repeat {
            stepResult = sqlite3_backup_step(backup, pagesPerStep)
            if stepResult == SQLITE_BUSY || stepResult == SQLITE_LOCKED { sqlite3_sleep(5) }
        } while stepResult == SQLITE_OK || stepResult == SQLITE_BUSY || stepResult == SQLITE_LOCKED
        let finishResult = sqlite3_backup_finish(backup)
        guard stepResult == SQLITE_DONE, finishResult == SQLITE_OK else {
            let failure = stepResult == SQLITE_DONE ? finishResult : stepResult
            throw SQLiteError(resultCode: failure, connection: destination, sql: "backup to \(path)")
        }
        guard rename(partialPath, path) == 0 else {
            throw SQLiteError(code: .cannotOpen, message: "cannot rename \(partialPath) to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
