import Foundation

/// The PostgreSQL backend's connections: a fixed number of slots, each a serial queue owning at most
/// one `PostgresConnection` (opened on first use and again after the server dropped it).
///
/// Every call runs in one SERIALIZABLE transaction, so the store's read-check-write bodies (the
/// per-user limit, the claim of an occurrence) keep the meaning they have on SQLite's single writer;
/// a transaction that fails to serialize (SQLSTATE 40001, or a deadlock, 40P01) is run again from
/// the start, a bounded number of times. A lost connection is not retried: a COMMIT whose answer was
/// lost may have committed, so the caller hears the failure instead of a second copy of its write.
final class PostgresPool: Sendable {
    /// A queue and the connection it owns (used, opened and replaced only on that queue).
    private final class Slot: @unchecked Sendable {
        let queue: DispatchQueue
        var connection: PostgresConnection?

        init(index: Int) {
            queue = DispatchQueue(label: "remindd.store.postgresql.\(index)", qos: .userInitiated)
        }
    }

    /// How often a transaction that failed to serialize is run again before its error is reported.
    static let maxAttempts = 30

    /// How long the server lets a session sit inside a transaction without sending its next statement
    /// before it ends the session (`idle_in_transaction_session_timeout`). The store's transactions send
    /// their statements back to back, so only a stalled node gets there: a process paused (SIGSTOP, a frozen
    /// VM) in the middle of a claim, whose share lock on the lease row would otherwise block every takeover
    /// for as long as it stays paused. Shorter than the delivery lease (3 s), so a standby takes over as soon
    /// as the lease lapses; the stalled node's transaction is rolled back and it finds itself fenced out.
    static let stalledTransactionTimeout = "2s"

    let settings: PostgresSettings
    private let slots: [Slot]
    private let balancer: LaneBalancer

    /// `size` slots for `settings`; connects `size` connections lazily.
    init(settings: PostgresSettings, size: Int) {
        self.settings = settings
        slots = (0..<max(1, size)).map(Slot.init)
        balancer = LaneBalancer(lanes: slots.count)
    }

    /// Runs `body` in one serializable transaction on a pooled connection, retrying serialization
    /// failures, and returns its result once committed.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let lane = balancer.checkOut()
        let slot = slots[lane]
        return try await withCheckedThrowingContinuation { continuation in
            slot.queue.async {
                let result = Result { try self.run(body, on: slot) }
                self.balancer.checkIn(lane)
                continuation.resume(with: result)
            }
        }
    }

    /// Closes every open connection (each on its own queue, after what it is running).
    func close() {
        for slot in slots {
            slot.queue.sync {
                slot.connection?.close()
                slot.connection = nil
            }
        }
    }

    private func run<T>(_ body: (PostgresConnection) throws -> T, on slot: Slot) throws -> T {
        var attempt = 1
        while true {
            let connection = try connection(of: slot)
            do {
                return try connection.withTransaction { try body(connection) }
            } catch let error as PostgresError where error.isRetryableTransactionFailure && attempt < Self.maxAttempts {
                attempt += 1
                // Jittered, growing pause so the transactions that collided do not collide again.
                usleep(UInt32.random(in: 0...UInt32(min(attempt, 10) * 400)))
            } catch let error as PostgresError where error.isConnectionFailure {
                slot.connection?.close()
                slot.connection = nil
                throw error
            }
        }
    }

    private func connection(of slot: Slot) throws -> PostgresConnection {
        if let connection = slot.connection, connection.isHealthy { return connection }
        slot.connection?.close()
        let connection = try PostgresConnection(settings: settings)
        try connection.execute("SET default_transaction_isolation = 'serializable'")
        try connection.execute("SET idle_in_transaction_session_timeout = '\(Self.stalledTransactionTimeout)'")
        slot.connection = connection
        return connection
    }
}
