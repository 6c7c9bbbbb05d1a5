/// Transactions as closures: no caller writes BEGIN/COMMIT by hand.
extension Database {
    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Takes a read snapshot on first read, the write lock on first write.
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN, so a write inside can never fail with SQLITE_BUSY midway.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws.
    /// Inside an open transaction it becomes a savepoint, so transactional helpers compose.
    public func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        // The whole transaction is one use of the connection: no other thread may step in between statements.
        try confinement.confined(path) { try transaction(kind, body) }
    }

    private func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        if isInTransaction { return try inSavepoint(body) }
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        do {
            let value = try body()
            try execute("COMMIT TRANSACTION")
            return value
        } catch {
            // SQLite may already have rolled back (e.g. on SQLITE_FULL); the original error is
            // what the caller needs, so a failing ROLLBACK is not reported over it.
            if isInTransaction { try? execute("ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// An immediate transaction (or a savepoint inside one): the `SQLConnection` entry point.
    public func withTransaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(.immediate, body)
    }

    /// Sets how the next commits reach the disk: `deferred` commits are not synced at once (`PRAGMA
    /// synchronous = NORMAL`: in WAL mode such a commit survives a crash of the process, and of the machine
    /// once the next synced commit or checkpoint has synced the log it is in, which is sequential); otherwise
    /// the configured level is restored. Only weakens a FULL or EXTRA configuration; call it outside a
    /// transaction.
    public func deferSyncing(_ deferred: Bool) throws {
        guard configuredSynchronous == .full || configuredSynchronous == .extra, deferred != isDeferringSync else { return }
        try execute("PRAGMA synchronous = \(deferred ? Synchronous.normal.rawValue : configuredSynchronous.rawValue)")
        isDeferringSync = deferred
    }

    /// Runs `body` inside a savepoint: its changes are kept when it returns and undone when it
    /// throws, without affecting the enclosing transaction's other changes.
    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try confinement.confined(path) { try savepoint(body) }
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT remind")
        do {
            let value = try body()
            try execute("RELEASE SAVEPOINT remind")
            return value
        } catch {
            // As above: the body's error is the one to report.
            if isInTransaction {
                try? execute("ROLLBACK TRANSACTION TO SAVEPOINT remind")
                try? execute("RELEASE SAVEPOINT remind")
            }
            throw error
        }
    }
}
