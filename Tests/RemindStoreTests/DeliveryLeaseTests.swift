import Foundation
import TestSupport
import Testing
@testable import RemindStore

/// The delivery lease on a real PostgreSQL: one holder at a time, a new epoch per takeover, and claims
/// fenced by the epoch (SQLite grants epoch 0 to its one node).
@Suite("ReminderStore: delivery lease", .enabled(if: PostgresTestCluster.isEnabled))
struct DeliveryLeaseTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test("one holder at a time; renewal keeps the epoch; a lapsed lease goes to the next node at a higher epoch")
    func oneHolderAtATime() async throws {
        let store = try await StoreBackend.postgresql.makeStore(in: directory)
        let first = try #require(try await store.acquireDeliveryLease(holder: "node-a", duration: .seconds(30)))
        #expect(first.epoch == 1)
        #expect(try await store.acquireDeliveryLease(holder: "node-b", duration: .seconds(5)) == nil)
        #expect(try await store.acquireDeliveryLease(holder: "node-a", duration: .seconds(5)) == nil,
                "a holder whose lease is live does not take it twice")
        #expect(try await store.deliveryLease()?.fence == first)
        // A last renewal for a moment only; once it has passed, the lease has lapsed.
        #expect(try await store.renewDeliveryLease(first, duration: .milliseconds(300)))
        try await Task.sleep(for: .milliseconds(400))
        let second = try #require(try await store.acquireDeliveryLease(holder: "node-b", duration: .seconds(5)))
        #expect(second == LeaseFence(holder: "node-b", epoch: 2))
        #expect(try await store.renewDeliveryLease(first, duration: .seconds(5)) == false, "the ex-leader cannot renew")
        let lease = try #require(try await store.deliveryLease())
        #expect(lease.fence == second && lease.expiresAt > lease.acquiredAt)
    }

    @Test("a claim under an old epoch is refused and changes nothing; under the live one it succeeds")
    func claimsAreFenced() async throws {
        let store = try await StoreBackend.postgresql.makeStore(in: directory)
        let due = t0.addingTimeInterval(3_600)
        let reminder = try #require(try await store.create([newReminder(fireAt: due)], at: t0).first)
        let old = try #require(try await store.acquireDeliveryLease(holder: "node-a", duration: .milliseconds(200)))
        try await Task.sleep(for: .milliseconds(300))
        let current = try #require(try await store.acquireDeliveryLease(holder: "node-b", duration: .seconds(5)))
        await #expect(throws: ReminderStoreError.fencedOut(holder: "node-a", epoch: old.epoch)) {
            try await store.claimOccurrence(reminderID: reminder.id, dueAt: due, kind: .scheduled, nextFireAt: nil, fence: old, now: due)
        }
        #expect(try await store.reminder(id: reminder.id)?.nextFireAt == due, "the refused claim moved nothing")
        let claim = try await store.claimOccurrence(
            reminderID: reminder.id, dueAt: due, kind: .scheduled, nextFireAt: nil, fence: current, now: due)
        #expect(claim.isNew)
    }

    @Test("a released lease is taken at once by a standby")
    func release() async throws {
        let store = try await StoreBackend.postgresql.makeStore(in: directory)
        let first = try #require(try await store.acquireDeliveryLease(holder: "node-a", duration: .seconds(30)))
        try await store.releaseDeliveryLease(first)
        #expect(try await store.acquireDeliveryLease(holder: "node-b", duration: .seconds(30))?.epoch == 2)
    }

    @Test("a node stalled inside a claim does not hold up the takeover: the server ends its session, and its lock")
    func stalledHolderIsCutOff() async throws {
        let url = try await PostgresTestCluster.shared().makeDatabase()
        let stalled = try ReminderStore(location: url)
        let standby = try ReminderStore(location: url)
        defer {
            stalled.close()
            standby.close()
        }
        let fence = try #require(try await stalled.acquireDeliveryLease(holder: "node-a", duration: .milliseconds(500)))
        // node-a stops inside a claim's transaction (as a paused process would), holding the lease row's share lock.
        let stall = Task {
            try await stalled.write { database in
                try ReminderStore.requireLease(fence, in: database)
                Thread.sleep(forTimeInterval: 4.5)
            }
        }
        try await Task.sleep(for: .milliseconds(700))  // the lease has lapsed; node-a's lock is still held
        let began = ContinuousClock.now
        let takeover = try await standby.acquireDeliveryLease(holder: "node-b", duration: .seconds(5))
        #expect(takeover == LeaseFence(holder: "node-b", epoch: fence.epoch + 1))
        #expect(ContinuousClock.now - began < .seconds(3.5), "the takeover waited for the stalled node to wake")
        await #expect(throws: (any Error).self, "the stalled transaction was rolled back") { try await stall.value }
    }

    @Test("concurrent takeovers of a lapsed lease: exactly one node wins")
    func concurrentTakeover() async throws {
        let store = try await StoreBackend.postgresql.makeStore(in: directory)
        let winners = try await withThrowingTaskGroup(of: LeaseFence?.self) { group in
            for node in 0..<8 {
                group.addTask { try await store.acquireDeliveryLease(holder: "node-\(node)", duration: .seconds(30)) }
            }
            return try await group.reduce(into: [LeaseFence]()) { if let fence = $1 { $0.append(fence) } }
        }
        #expect(winners.count == 1)
        #expect(winners.first?.epoch == 1)
    }

    @Test("on SQLite the one node always holds epoch 0")
    func sqliteAlwaysLeads() async throws {
        let store = try await StoreBackend.sqlite.makeStore(in: directory)
        #expect(try await store.acquireDeliveryLease(holder: "only", duration: .seconds(1)) == LeaseFence(holder: "only", epoch: 0))
        #expect(try await store.renewDeliveryLease(LeaseFence(holder: "only", epoch: 0), duration: .seconds(1)))
        #expect(try await store.deliveryLease() == nil)
    }
}

/// The PostgreSQL pool after the server dropped its connections (a restart, a failover of the database,
/// an admin's `pg_terminate_backend`): a call on a dead connection fails (it may have committed, so it is
/// not retried), and the next call reconnects.
@Suite("PostgreSQL pool: lost connections", .enabled(if: PostgresTestCluster.isEnabled))
struct PostgresReconnectTests {
    @Test("after the server kills every connection, calls fail at most once per connection, then work again")
    func reconnects() async throws {
        let url = try await PostgresTestCluster.shared().makeDatabase()
        var configuration = ReminderStore.Configuration()
        configuration.postgresConnections = 2
        let store = try ReminderStore(location: url, configuration: configuration)
        defer { store.close() }
        for _ in 0..<4 { _ = try await store.create([newReminder()], at: t0) }

        let admin = try PostgresConnection(settings: try #require(PostgresSettings(url: url)))
        defer { admin.close() }
        let killed = try admin.rows(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        #expect((1...2).contains(killed.count), "the pool's open connections were killed")

        var failures = 0
        var successes = 0
        for _ in 0..<6 {
            do {
                _ = try await store.countActive()
                successes += 1
            } catch let error as PostgresError {
                #expect(error.isConnectionFailure, "\(error)")
                failures += 1
            }
        }
        #expect(failures <= killed.count, "at most one failure per dropped connection")
        #expect(successes >= 4)
        #expect(try await store.countActive() == 4, "nothing was lost")
    }
}
