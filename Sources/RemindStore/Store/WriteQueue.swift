import Foundation

/// The single writer connection, with group commit.
///
/// Ownership: `database` is used only on `queue` (a serial queue), which is why it is opened with
/// `SQLITE_OPEN_NOMUTEX`; `pending`, `isDraining` and `committed` are guarded by `lock`.
///
/// Callers enqueue write closures. Whenever the queue is idle it drains everything pending into one
/// `BEGIN IMMEDIATE … COMMIT`, each closure inside its own savepoint, so a closure that throws
/// undoes only its own changes and fails only its own caller. Callers resume only after the COMMIT
/// holding their write succeeded, so "returned" means "durable" (with synchronous=FULL), while one
/// fsync serves every caller that arrived during the previous commit.
final class WriteQueue: @unchecked Sendable {
    /// A queued write: `perform` runs the caller's closure and returns how to resume the caller
    /// once the commit outcome is known; `fail` resumes it with its own error.
    private struct PendingWrite {
        let perform: (Database) throws -> @Sendable (Error?) -> Void
        let fail: @Sendable (Error) -> Void
    }

    private let database: Database
    private let queue = DispatchQueue(label: "remindd.store.writer", qos: .userInitiated)
    private let maxWritesPerTransaction: Int
    private let lock = NSLock()
    private var pending: [PendingWrite] = []
    private var isDraining = false
    private var committed = WriteStatistics()

    /// Writes waiting for the writer.
    var pendingCount: Int { lock.withLock { pending.count } }

    /// What has been committed so far.
    var statistics: WriteStatistics { lock.withLock { committed } }

    /// Takes ownership of `database`; nothing else may use it afterwards.
    init(database: Database, maxWritesPerTransaction: Int) {
        self.database = database
        self.maxWritesPerTransaction = max(1, maxWritesPerTransaction)
    }

    /// Runs `body` on the writer connection inside a transaction shared with other callers and
    /// returns its result once that transaction committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let write = PendingWrite(
                perform: { database in
                    let value = try body(database)
                    return { commitError in
                        if let commitError {
                            continuation.resume(throwing: commitError)
                        } else {
                            continuation.resume(returning: value)
                        }
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            enqueue(write)
        }
    }

    private func enqueue(_ write: PendingWrite) {
        let startDraining = lock.withLock {
            pending.append(write)
            defer { isDraining = true }
            return !isDraining
        }
        if startDraining { queue.async { self.drain() } }
    }

    /// On `queue`: commits batches until nothing is pending.
    private func drain() {
        while let batch = nextBatch() { commit(batch) }
    }

    private func nextBatch() -> [PendingWrite]? {
        lock.withLock {
            guard !pending.isEmpty else {
                isDraining = false
                return nil
            }
            let batch = Array(pending.prefix(maxWritesPerTransaction))
            pending.removeFirst(batch.count)
            return batch
        }
    }

    /// On `queue`: one transaction for `batch`, one savepoint per write.
    private func commit(_ batch: [PendingWrite]) {
        var awaitingCommit: [@Sendable (Error?) -> Void] = []
        for write in batch {
            do {
                if !database.isInTransaction {
                    try database.execute("BEGIN IMMEDIATE TRANSACTION")
                }
                awaitingCommit.append(try database.inSavepoint { try write.perform(database) })
            } catch {
                write.fail(error)
                if !database.isInTransaction {
                    // SQLite rolled the whole transaction back (e.g. disk full): the writes before
                    // this one are gone too. The next write begins a fresh transaction.
                    awaitingCommit.forEach { $0(error) }
                    awaitingCommit.removeAll()
                }
            }
        }
        guard database.isInTransaction else { return }
        do {
            try database.execute("COMMIT TRANSACTION")
            lock.withLock {
                committed.transactions += 1
                committed.writes += awaitingCommit.count
            }
            awaitingCommit.forEach { $0(nil) }
        } catch {
            // The COMMIT's error is the one every caller in the batch needs to see.
            if database.isInTransaction { try? database.execute("ROLLBACK TRANSACTION") }
            awaitingCommit.forEach { $0(error) }
        }
    }
}

/// Counters of the writer, for metrics and benchmarks: writes per transaction shows group commit.
public struct WriteStatistics: Sendable, Equatable {
    /// Transactions committed.
    public var transactions = 0
    /// Writes (calls) those transactions held.
    public var writes = 0
}
