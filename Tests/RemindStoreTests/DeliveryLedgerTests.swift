import Foundation
import Testing
@testable import RemindStore

@Suite("ReminderStore: delivery ledger")
struct DeliveryLedgerTests {
    let directory: TemporaryDirectory
    let due = t0.addingTimeInterval(3_600)

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test("claiming a scheduled occurrence inserts the ledger row and moves a recurring reminder on", arguments: StoreBackend.all)
    func claimRecurring(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder(fireAt: due, rrule: "FREQ=DAILY")], at: t0).first)
        let next = due.addingTimeInterval(86_400)
        let claim = try await store.claimOccurrence(
            reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: next, now: due.addingTimeInterval(1))
        #expect(claim.isNew)
        let occurrence = claim.occurrence
        #expect(occurrence.reminderID == record.id)
        #expect(occurrence.dueAt == due && occurrence.kind == .scheduled && occurrence.state == .claimed)
        #expect(occurrence.claimedAt == due.addingTimeInterval(1))
        #expect(occurrence.attempts == 0 && occurrence.postID == nil && occurrence.completedAt == nil)
        #expect(occurrence.actionToken.count == 32)
        #expect(occurrence.actionToken.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let moved = try #require(try await store.reminder(id: record.id))
        #expect(moved.nextFireAt == next)
        #expect(moved.firedCount == 1)
        #expect(moved.lastFiredAt == due)
        #expect(moved.state == .active)
    }

    @Test("claiming twice returns the same row and changes nothing the second time", arguments: StoreBackend.all)
    func claimIsIdempotent(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder(fireAt: due, rrule: "FREQ=DAILY")], at: t0).first)
        let next = due.addingTimeInterval(86_400)
        let first = try await store.claimOccurrence(reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: next, now: due)
        let second = try await store.claimOccurrence(
            reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: next.addingTimeInterval(86_400), now: due)
        #expect(!second.isNew)
        #expect(second.occurrence == first.occurrence)
        let reminder = try #require(try await store.reminder(id: record.id))
        #expect(reminder.nextFireAt == next)
        #expect(reminder.firedCount == 1)
    }

    @Test("concurrent claims of one occurrence produce exactly one new row", arguments: StoreBackend.all)
    func concurrentClaims(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder(fireAt: due)], at: t0).first)
        let claims = try await withThrowingTaskGroup(of: OccurrenceClaim.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await store.claimOccurrence(reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(claims.filter(\.isNew).count == 1)
        #expect(Set(claims.map(\.occurrence.id)).count == 1)
        #expect(Set(claims.map(\.occurrence.actionToken)).count == 1)
    }

    @Test("a one-off's claim leaves nothing scheduled; a snooze claim clears the snooze only", arguments: StoreBackend.all)
    func claimOneOffThenSnooze(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder(fireAt: due)], at: t0).first)
        let first = try await store.claimOccurrence(reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due)
        #expect(try await store.reminder(id: record.id)?.nextFireAt == nil)
        #expect(try await store.dueReminders(before: due.addingTimeInterval(86_400), limit: 10).isEmpty)

        let until = due.addingTimeInterval(600)
        try await store.snooze(reminderID: record.id, until: until, at: due)
        #expect(try await store.dueReminders(before: until.addingTimeInterval(1), limit: 10).map(\.kind) == [.snooze])
        let snoozeClaim = try await store.claimOccurrence(reminderID: record.id, dueAt: until, kind: .snooze, nextFireAt: nil, now: until)
        #expect(snoozeClaim.isNew && snoozeClaim.occurrence.kind == .snooze)
        #expect(snoozeClaim.occurrence.actionToken != first.occurrence.actionToken)
        let after = try #require(try await store.reminder(id: record.id))
        #expect(after.snoozedUntil == nil)
        #expect(after.firedCount == 1, "a snooze re-fire is not a scheduled firing")
        #expect(after.snoozeCount == 1)
    }

    @Test("stale claims are refused: wrong time, ended reminder, unknown reminder, next fire not after due", arguments: StoreBackend.all)
    func staleClaims(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let records = try await store.create([newReminder(fireAt: due), newReminder(fireAt: due, rrule: "FREQ=DAILY")], at: t0)
        let oneOff = records[0].id, daily = records[1].id
        await #expect(throws: ReminderStoreError.notDue(reminderID: oneOff, dueAt: due.addingTimeInterval(1), kind: .scheduled)) {
            try await store.claimOccurrence(reminderID: oneOff, dueAt: due.addingTimeInterval(1), kind: .scheduled, nextFireAt: nil, now: due)
        }
        await #expect(throws: ReminderStoreError.notDue(reminderID: oneOff, dueAt: due, kind: .snooze)) {
            try await store.claimOccurrence(reminderID: oneOff, dueAt: due, kind: .snooze, nextFireAt: nil, now: due)
        }
        await #expect(throws: ReminderStoreError.nextFireNotAfterDue(reminderID: daily, dueAt: due, nextFireAt: due)) {
            try await store.claimOccurrence(reminderID: daily, dueAt: due, kind: .scheduled, nextFireAt: due, now: due)
        }
        try await store.delete(reminderID: oneOff, at: t0)
        await #expect(throws: ReminderStoreError.reminderNotActive(id: oneOff, state: .deleted)) {
            try await store.claimOccurrence(reminderID: oneOff, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due)
        }
        await #expect(throws: ReminderStoreError.noSuchReminder(999)) {
            try await store.claimOccurrence(reminderID: 999, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due)
        }
    }

    @Test("delivery outcomes: channel, failed attempts, posted; a failure after posting changes nothing", arguments: StoreBackend.all)
    func deliveryOutcomes(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder(fireAt: due)], at: t0).first)
        let id = try await store.claimOccurrence(reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due).occurrence.id
        let withChannel = try await store.recordDeliveryChannel(occurrenceID: id, channelID: "dm-1")
        #expect(withChannel.channelID == "dm-1")
        let retryAt = due.addingTimeInterval(30)
        let failedOnce = try await store.markAttemptFailed(occurrenceID: id, error: "HTTP 503", nextAttemptAt: retryAt)
        #expect(failedOnce.state == .claimed && failedOnce.attempts == 1)
        #expect(failedOnce.lastError == "HTTP 503" && failedOnce.nextAttemptAt == retryAt)

        let unfinished = try await store.unfinishedDeliveries()
        #expect(unfinished.map(\.occurrence) == [failedOnce])
        #expect(unfinished.first?.reminder.id == record.id)

        let posted = try await store.markPosted(occurrenceID: id, postID: "p-1", channelID: "dm-1", at: retryAt)
        #expect(posted.state == .posted && posted.attempts == 2)
        #expect(posted.postID == "p-1" && posted.postedAt == retryAt && posted.nextAttemptAt == nil)
        #expect(try await store.unfinishedDeliveries().isEmpty)
        #expect(try await store.markFailed(occurrenceID: id, error: "late") == posted)
        #expect(try await store.markAttemptFailed(occurrenceID: id, error: "late", nextAttemptAt: retryAt) == posted)
        #expect(try await store.occurrence(id: id) == posted)
        #expect(try await store.occurrence(id: 4_242) == nil)
        await #expect(throws: ReminderStoreError.noSuchOccurrence(4_242)) {
            try await store.markPosted(occurrenceID: 4_242, postID: "p", channelID: "c", at: due)
        }
    }

    @Test("a permanent failure ends the delivery; unfinished lists soonest retry first", arguments: StoreBackend.all)
    func permanentFailureAndRecoveryOrder(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let records = try await store.create([
            newReminder(target: "a", fireAt: due), newReminder(target: "b", fireAt: due), newReminder(target: "c", fireAt: due),
        ], at: t0)
        var ids: [Int64] = []
        for record in records {
            ids.append(try await store.claimOccurrence(
                reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due).occurrence.id)
        }
        try await store.markAttemptFailed(occurrenceID: ids[0], error: "timeout", nextAttemptAt: due.addingTimeInterval(60))
        let failed = try await store.markFailed(occurrenceID: ids[1], error: "HTTP 403")
        #expect(failed.state == .failed && failed.lastError == "HTTP 403" && failed.attempts == 1)
        // ids[2] was never attempted: it counts from its claim (due), before ids[0]'s retry.
        #expect(try await store.unfinishedDeliveries().map(\.occurrence.id) == [ids[2], ids[0]])
    }
}
