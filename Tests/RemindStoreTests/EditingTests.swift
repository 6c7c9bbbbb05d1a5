import Foundation
import RemindStore
import Testing

@Suite("Skip and edit in the store")
struct EditingTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test("skipNext records the skip and moves on; a stale skip (the next time moved) changes nothing", arguments: StoreBackend.all)
    func skipNext(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let first = t0.addingTimeInterval(3_600)
        let record = try #require(try await store.create([newReminder(fireAt: first, rrule: "FREQ=DAILY")], at: t0).first)
        let next = first.addingTimeInterval(86_400)
        let skipped = try await store.skipNext(reminderID: record.id, skipped: first, next: next, by: "ana", at: t0)
        #expect(skipped.nextFireAt == next)
        let rows = try await store.skippedOccurrences(forUser: "u-creator")
        #expect(rows.map(\.reminderID) == [record.id] && rows.map(\.dueAt) == [first])
        #expect(rows.map(\.skippedBy) == ["ana"] && rows.map(\.skippedAt) == [t0])
        #expect(try await store.skippedOccurrences(forUser: "u-ana").count == 1, "the recipient sees it too")
        #expect(try await store.skippedOccurrences(forUser: "u-someone").isEmpty)

        await #expect(throws: ReminderStoreError.notDue(reminderID: record.id, dueAt: first, kind: .scheduled)) {
            try await store.skipNext(reminderID: record.id, skipped: first, next: next, by: "ana", at: t0)
        }
        #expect(try await store.reminder(id: record.id)?.nextFireAt == next)
        let oneOff = try #require(try await store.create([newReminder()], at: t0).first)
        await #expect(throws: ReminderStoreError.self) {
            try await store.skipNext(reminderID: oneOff.id, skipped: oneOff.nextFireAt ?? t0, next: nil, by: "ana", at: t0)
        }
    }

    @Test("a team member's Complete counts once per round; rounds are apart", arguments: StoreBackend.all)
    func teamCompletions(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        var row = newReminder(target: "c-town", kind: .channel)
        row.team = [TeamPerson(id: "u-ana", username: "ana"), TeamPerson(id: "u-ben", username: "ben")]
        let record = try #require(try await store.create([row], at: t0).first)
        #expect(try await store.reminder(id: record.id)?.team == row.team)
        let round = t0.addingTimeInterval(3_600)
        let first = try await store.completeTeamMember(reminderID: record.id, round: round, userID: "u-ben", username: "ben", at: t0)
        #expect(first.added && first.done.map(\.username) == ["ben"])
        let again = try await store.completeTeamMember(
            reminderID: record.id, round: round, userID: "u-ben", username: "ben", at: t0.addingTimeInterval(9))
        #expect(!again.added && again.done.map(\.completedAt) == [t0])
        #expect(try await store.teamCompletions(reminderID: record.id, round: round.addingTimeInterval(86_400)).isEmpty)
    }

    @Test("edit keeps id and counters; a new schedule drops the snooze, none keeps it; an ended reminder is refused", arguments: StoreBackend.all)
    func edit(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder()], at: t0).first)
        try await store.snooze(reminderID: record.id, until: t0.addingTimeInterval(600), at: t0)
        let wording = ReminderEdit(
            targetKind: .channel, targetID: "c-ops", targetName: "ops", message: "deploy", phrase: "~ops deploy in 1 hour",
            timeZone: "UTC", schedule: nil)
        let renamed = try await store.edit(reminderID: record.id, wording, at: t0.addingTimeInterval(5))
        #expect(renamed.id == record.id && renamed.message == "deploy" && renamed.targetKind == .channel)
        #expect(renamed.nextFireAt == record.nextFireAt && renamed.snoozedUntil == t0.addingTimeInterval(600))

        var moved = wording
        moved.schedule = .init(rrule: "FREQ=WEEKLY;BYDAY=MO", recurrenceStart: t0.addingTimeInterval(7_200),
                               firstFireAt: t0.addingTimeInterval(7_200))
        let rescheduled = try await store.edit(reminderID: record.id, moved, at: t0.addingTimeInterval(6))
        #expect(rescheduled.rrule == "FREQ=WEEKLY;BYDAY=MO" && rescheduled.nextFireAt == t0.addingTimeInterval(7_200))
        #expect(rescheduled.snoozedUntil == nil)
        #expect(rescheduled.createdAt == record.createdAt && rescheduled.groupID == record.groupID)

        try await store.delete(reminderID: record.id, at: t0)
        await #expect(throws: ReminderStoreError.reminderNotActive(id: record.id, state: .deleted)) {
            try await store.edit(reminderID: record.id, wording, at: t0)
        }
    }
}
