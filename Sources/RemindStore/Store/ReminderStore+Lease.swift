import Foundation

/// The delivery lease a node holds on a shared database: which node, and which epoch of the lease.
/// Every takeover starts a new, higher epoch, so a claim made with an older fence is refused.
public struct LeaseFence: Sendable, Hashable, CustomStringConvertible {
    /// The node id (`REMIND_NODE_ID`, or host name and process id).
    public let holder: String
    /// The lease's epoch; 0 on SQLite, where the one node with the file always delivers.
    public let epoch: Int64

    /// A fence for `holder` at `epoch`.
    public init(holder: String, epoch: Int64) {
        self.holder = holder
        self.epoch = epoch
    }

    /// "node-a@7".
    public var description: String { "\(holder)@\(epoch)" }
}

/// The lease row as stored, for `remindd check` and metrics.
public struct DeliveryLease: Sendable, Equatable {
    /// The node holding (or last holding) the lease, and its epoch.
    public var fence: LeaseFence
    /// When it lapses unless renewed (the database server's clock).
    public var expiresAt: Date
    /// When this epoch began.
    public var acquiredAt: Date
}

/// Leadership on PostgreSQL: one row, `delivery_lease`, timed by the database server's clock (one clock
/// for every node). On SQLite there is one node per file and these calls always grant epoch 0.
extension ReminderStore {
    /// The server's clock, in UTC milliseconds, inside a statement.
    private static let databaseNow = "(extract(epoch from clock_timestamp()) * 1000)::bigint"

    /// Takes the delivery lease for `holder` when nobody holds a live one (it never existed, lapsed, or
    /// was released), starting a new epoch that lasts `duration`. Nil while another node's lease — or
    /// this holder's own earlier one — is live: a node that lost its lease must win it anew.
    public func acquireDeliveryLease(holder: String, duration: Duration) async throws -> LeaseFence? {
        guard dialect == .postgresql else { return LeaseFence(holder: holder, epoch: 0) }
        let milliseconds = Self.milliseconds(duration)
        return try await write { database in
            try database.int64(
                """
                INSERT INTO delivery_lease (name, holder, epoch, expires_at_ms, acquired_at_ms)
                VALUES ('deliverer', ?1, 1, \(Self.databaseNow) + ?2, \(Self.databaseNow))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, epoch = delivery_lease.epoch + 1,
                    expires_at_ms = excluded.expires_at_ms, acquired_at_ms = excluded.acquired_at_ms
                WHERE delivery_lease.expires_at_ms <= \(Self.databaseNow)
                RETURNING epoch
                """,
                [.text(holder), .integer(milliseconds)]
            ).map { LeaseFence(holder: holder, epoch: $0) }
        }
    }

    /// Extends the lease of `fence` by `duration` from now; false when it is no longer that fence's
    /// (it lapsed, or another node took it): the caller must stop delivering at once.
    public func renewDeliveryLease(_ fence: LeaseFence, duration: Duration) async throws -> Bool {
        guard dialect == .postgresql else { return true }
        let milliseconds = Self.milliseconds(duration)
        return try await write { database in
            try database.int64(
                """
                UPDATE delivery_lease SET expires_at_ms = \(Self.databaseNow) + ?3
                WHERE name = 'deliverer' AND holder = ?1 AND epoch = ?2 AND expires_at_ms > \(Self.databaseNow)
                RETURNING epoch
                """,
                [.text(fence.holder), .integer(fence.epoch), .integer(milliseconds)]) != nil
        }
    }

    /// Gives the lease up (a graceful stop), so a standby takes over on its next try instead of
    /// waiting for the lease to lapse. Does nothing when the fence is no longer current.
    public func releaseDeliveryLease(_ fence: LeaseFence) async throws {
        guard dialect == .postgresql else { return }
        try await write { database in
            try database.execute(
                "UPDATE delivery_lease SET expires_at_ms = 0 WHERE name = 'deliverer' AND holder = ? AND epoch = ?",
                [.text(fence.holder), .integer(fence.epoch)])
        }
    }

    /// The lease row, or nil when no node ever delivered (and always nil on SQLite).
    public func deliveryLease() async throws -> DeliveryLease? {
        guard dialect == .postgresql else { return nil }
        return try await read { database in
            try database.row("SELECT holder, epoch, expires_at_ms, acquired_at_ms FROM delivery_lease WHERE name = 'deliverer'")
                .map { row in
                    DeliveryLease(
                        fence: LeaseFence(holder: try row.string(0), epoch: try row.int64(1)),
                        expiresAt: Date(millisecondsSince1970: try row.int64(2)),
                        acquiredAt: Date(millisecondsSince1970: try row.int64(3)))
                }
        }
    }

    /// Inside a claim: throws `fencedOut` unless `fence` is the live lease, and share-locks the lease
    /// row so a takeover waits until this transaction ends (a claim and a takeover never interleave).
    static func requireLease(_ fence: LeaseFence?, in database: any SQLConnection) throws {
        guard let fence, database.dialect == .postgresql else { return }
        let current = try database.row(
            """
            SELECT 1 FROM delivery_lease
            WHERE name = 'deliverer' AND holder = ? AND epoch = ? AND expires_at_ms > \(databaseNow)
            FOR SHARE
            """,
            [.text(fence.holder), .integer(fence.epoch)])
        guard current != nil else { throw ReminderStoreError.fencedOut(holder: fence.holder, epoch: fence.epoch) }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
