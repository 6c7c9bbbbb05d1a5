import Foundation
import Synchronization

/// The single writer connection, with group commit.
///
/// Ownership: `database` is used only by whoever holds the writer role (`isWriting`, taken and
/// given back under the `state` mutex): either a caller that found the writer idle, or `queue` (a serial
/// queue) draining what others enqueued meanwhile. One holder at a time is why the connection can
/// be opened with `SQLITE_OPEN_NOMUTEX`. `pending`, `isWriting` and `committed` live in that `Mutex`.
///
/// A write that finds the writer idle runs its own `BEGIN IMMEDIATE … COMMIT` on the caller's
/// thread: no hop to the writer queue and back, which is most of a lone write's overhead. Writes
/// that arrive while the writer is busy queue up, and `queue` drains everything pending into one
/// transaction, so one fsync serves every caller that arrived during the previous commit. Either
/// way a caller returns only after the COMMIT holding its write succeeded, so "returned" means
/// "durable" (with synchronous=FULL).
///
/// Trade-off of running on the caller's thread: that thread (a Swift concurrency thread) is blocked
/// for one durable commit (an fsync, typically well under a few milliseconds; at worst the busy
/// timeout if another process holds the write lock) instead of being free while a queue thread
/// waits. Only one caller at a time can hold the writer, so at most one thread is ever blocked
/// this way, and a caller that finds others waiting after its commit hands them to `queue`
/// rather than committing for them.
///
/// Inside a shared transaction the first write needs no savepoint (if it throws, the transaction
/// holding only it is rolled back and a new one begins); each later write runs in its own
/// savepoint, so a write that throws undoes only its own changes and fails only its own caller.
final class WriteQueue: @unchecked Sendable {
    /// A queued write: `perform` runs the caller's closure and returns how to resume the caller
    /// once the commit outcome is known; `fail` resumes it with its own error.
    private struct PendingWrite: Sendable {
        /// False for a write whose loss in a machine crash is recovered otherwise (`write(durable:_:)`).
        let durable: Bool
        let perform: @Sendable (Database) throws -> @Sendable (Error?) -> Void
        let fail: @Sendable (Error) -> Void
    }

    private let database: Database
    private let queue = DispatchQueue(label: "remindd.store.writer", qos: .userInitiated)
    /// Resumes the callers of a committed batch, off the writer's thread.
    private let resumer = DispatchQueue(label: "remindd.store.writer.resume", qos: .userInitiated)
    private let maxWritesPerTransaction: Int
    /// Who holds the writer role and what waits for it.
    private struct State {
        var pending: [PendingWrite] = []
        var isWriting = false
        var lastTransactionWrites = 1
        var committed = WriteStatistics()
    }

    private let state = Mutex(State())

    /// Writes waiting for the writer.
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// What has been committed so far.
    var statistics: WriteStatistics { state.withLock { $0.committed } }

    /// Takes ownership of `database`; nothing else may use it afterwards.
    init(database: Database, maxWritesPerTransaction: Int) {
        self.database = database
        self.maxWritesPerTransaction = max(1, maxWritesPerTransaction)
    }

    /// Runs `body` on the writer connection inside a transaction (shared with other callers when
    /// they write at the same time) and returns its result once that transaction committed.
    ///
    /// `durable: false` is for a write that a machine crash may lose because something else recovers it
    /// (a post recorded in the ledger: a restart looks the post up in its channel). Its commit is not synced
    /// at once (`Database.deferSyncing`), unless it shares a transaction with a durable write.
    func write<T: Sendable>(durable: Bool = true, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if takeWriterIfIdle() {
            defer { releaseWriter() }
            return try commitAlone(durable: durable, body)
        }
        return try await withCheckedThrowingContinuation { continuation in
            let write = PendingWrite(
                durable: durable,
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

    // MARK: - The writer role

    private func takeWriterIfIdle() -> Bool {
        state.withLock { state in
            guard !state.isWriting, state.lastTransactionWrites <= 1 else { return false }
            state.isWriting = true
            return true
        }
    }

    /// Gives the writer role back, or passes it to `queue` when writes queued up meanwhile.
    private func releaseWriter() {
        let handOff = state.withLock { state in
            if state.pending.isEmpty { state.isWriting = false }
            return !state.pending.isEmpty
        }
        if handOff { queue.async { self.drain() } }
    }

    private func enqueue(_ write: PendingWrite) {
        let startDraining = state.withLock { state in
            state.pending.append(write)
            defer { state.isWriting = true }
            return !state.isWriting
        }
        if startDraining { queue.async { self.drain() } }
    }

    // MARK: - Committing (only by the holder of the writer role)

    /// One transaction holding only `body`: the path of a write that found the writer idle.
    private func commitAlone<T>(durable: Bool, _ body: (Database) throws -> T) throws -> T {
        try database.deferSyncing(!durable)
        let value = try database.inTransaction(.immediate) { try body(database) }
        state.withLock { state in
            state.committed.transactions += 1
            state.committed.writes += 1
            state.lastTransactionWrites = 1
        }
        return value
    }

    /// On `queue`: commits batches until nothing is pending, then gives the writer role back.
    private func drain() {
        while let batch = nextBatch() { commit(batch) }
    }

    private func nextBatch() -> [PendingWrite]? {
        state.withLock { state in
            guard !state.pending.isEmpty else {
                state.isWriting = false
                return nil
            }
            let batch = Array(state.pending.prefix(maxWritesPerTransaction))
            state.pending.removeFirst(batch.count)
            return batch
        }
    }

    /// On `queue`: one transaction for `batch`; every write but the transaction's first in its
    /// own savepoint.
    private func commit(_ batch: [PendingWrite]) {
        var awaitingCommit: [@Sendable (Error?) -> Void] = []
        awaitingCommit.reserveCapacity(batch.count)
        let durable = batch.contains { $0.durable }
        for write in batch {
            do {
                if database.isInTransaction {
                    awaitingCommit.append(try database.inSavepoint { try write.perform(database) })
                } else {
                    try database.deferSyncing(!durable)
                    try database.execute("BEGIN IMMEDIATE TRANSACTION")
                    awaitingCommit.append(try write.perform(database))
                }
            } catch {
                write.fail(error)
                if awaitingCommit.isEmpty {
                    // The transaction's first write failed: it holds nothing else, so roll it back
                    // whole (no savepoint was needed); the next write begins a fresh one.
                    if database.isInTransaction { try? database.execute("ROLLBACK TRANSACTION") }
                } else if !database.isInTransaction {
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
            let count = awaitingCommit.count
            state.withLock { state in
                state.committed.transactions += 1
                state.committed.writes += count
                state.lastTransactionWrites = count
            }
            // The callers are resumed from another thread: each resume wakes a thread, and the writer
            // should be on to the next batch meanwhile (CPU per row on the writer is what bounds group commit).
            let resumes = awaitingCommit
            resumer.async { resumes.forEach { $0(nil) } }
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
