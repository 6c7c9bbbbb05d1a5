import Foundation
import Testing
@testable import RemindStore

@Suite("ReminderStore: reminders")
struct ReminderStoreTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test("create stores one row per recipient in one group and returns them with ids", arguments: StoreBackend.all)
    func create(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let records = try await store.create(
            [newReminder(target: "u-ana"), newReminder(target: "u-ben")], at: t0)
        #expect(records.count == 2)
        #expect(records.map(\.targetID) == ["u-ana", "u-ben"])
        #expect(records[0].groupID == records[0].id)
        #expect(records[1].groupID == records[0].id)
        #expect(records[1].id > records[0].id)
        let first = records[0]
        #expect(first.state == .active)
        #expect(first.nextFireAt == t0.addingTimeInterval(3_600))
        #expect(first.snoozedUntil == nil)
        #expect(first.createdAt == t0 && first.updatedAt == t0 && first.endedAt == nil)
        #expect(first.firedCount == 0 && first.snoozeCount == 0)
        #expect(first.phrase == "me to review the PR in 1 hour")
        #expect(first.timeZone == "Europe/Berlin")
        #expect(try await store.reminder(id: first.id) == first)
        #expect(try await store.reminder(id: 999) == nil)
        #expect(try await store.create([], at: t0).isEmpty)
        #expect(try await store.countActive() == 2)
    }

    @Test("each user's list post is replaced atomically, returning the one before", arguments: StoreBackend.all)
    func listPosts(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        #expect(try await store.listPostID(of: "u-ana") == nil)
        #expect(try await store.replaceListPost(of: "u-ana", with: "p1") == nil)
        #expect(try await store.replaceListPost(of: "u-ana", with: "p2") == "p1")
        #expect(try await store.replaceListPost(of: "u-ben", with: "p3") == nil, "users do not share a row")
        #expect(try await store.listPostID(of: "u-ana") == "p2")
        #expect(try await store.legacyButtonSecret(of: "u-ana") == nil)
        // Ten lists at once: every post but one is handed back as replaced, exactly once.
        let replaced = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<10 { group.addTask { try await store.replaceListPost(of: "u-cy", with: "q\(index)") } }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        let current = try #require(try await store.listPostID(of: "u-cy"))
        #expect(replaced.filter { $0 == nil }.count == 1)
        #expect(Set(replaced.compactMap { $0 }).union([current]) == Set((0..<10).map { "q\($0)" }))
    }

    @Test("a recurring reminder keeps its rule and start", arguments: StoreBackend.all)
    func recurring(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let created = try #require(try await store.create(
            [newReminder(rrule: "FREQ=WEEKLY;BYDAY=MO")], at: t0).first)
        let fetched = try #require(try await store.reminder(id: created.id))
        #expect(fetched.rrule == "FREQ=WEEKLY;BYDAY=MO")
        #expect(fetched.recurrenceStart == t0.addingTimeInterval(3_600))
        #expect(fetched.isRecurring)
    }

    @Test("a rule without a start violates the schema and nothing of the group is stored", arguments: StoreBackend.all)
    func invalidRowRollsBackGroup(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        var broken = newReminder(target: "u-ben")
        broken.rrule = "FREQ=DAILY"
        let error = await #expect(throws: (any Error).self) {
            try await store.create([newReminder(target: "u-ana"), broken], at: t0)
        }
        #expect(isConstraintViolation(error))
        #expect(try await store.countActive() == 0)
    }

    @Test("user listing: created by or addressed to the user, active first, soonest first, paged with a total", arguments: StoreBackend.all)
    func listForUser(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let due = { (m: Double) in t0.addingTimeInterval(minutes(m)) }
        let records = try await store.create([
            newReminder(creator: "u-me", target: "u-other", message: "a", fireAt: due(30)),
            newReminder(creator: "u-other", target: "u-me", message: "b", fireAt: due(10)),
            newReminder(creator: "u-other", target: "u-other", message: "not mine", fireAt: due(5)),
            newReminder(creator: "u-me", target: "c-me", kind: .channel, message: "c", fireAt: due(20)),
            newReminder(creator: "u-other", target: "u-me", kind: .channel, message: "channel id equal to user id", fireAt: due(1)),
            newReminder(creator: "u-me", target: "u-me", message: "done", fireAt: due(2)),
            newReminder(creator: "u-me", target: "u-me", message: "gone", fireAt: due(3)),
        ], at: t0)
        try await store.complete(reminderID: records[5].id, at: t0)
        try await store.delete(reminderID: records[6].id, at: t0)
        try await store.snooze(reminderID: records[0].id, until: due(15), at: t0)

        let page = try await store.reminders(forUser: "u-me", limit: 10)
        #expect(page.total == 3)
        #expect(page.reminders.map(\.message) == ["b", "a", "c"], "a is snoozed to 15 min, so it sorts before c at 20")

        let withCompleted = try await store.reminders(forUser: "u-me", includeCompleted: true, limit: 10)
        #expect(withCompleted.total == 4)
        #expect(withCompleted.reminders.map(\.message) == ["b", "a", "c", "done"])

        let second = try await store.reminders(forUser: "u-me", includeCompleted: true, limit: 2, offset: 2)
        #expect(second.total == 4)
        #expect(second.reminders.map(\.message) == ["c", "done"])
        let past = try await store.reminders(forUser: "u-me", limit: 2, offset: 10)
        #expect(past.total == 3 && past.reminders.isEmpty)
    }

    @Test("channel listing holds only reminders addressed to that channel", arguments: StoreBackend.all)
    func listForChannel(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        _ = try await store.create([
            newReminder(target: "c-1", kind: .channel, message: "one"),
            newReminder(target: "c-2", kind: .channel, message: "two"),
            newReminder(target: "c-1", kind: .user, message: "user with a channel-like id"),
        ], at: t0)
        let page = try await store.reminders(forChannel: "c-1", limit: 10)
        #expect(page.reminders.map(\.message) == ["one"])
        #expect(page.total == 1)
    }

    @Test("due reminders: scheduled and snoozed times before the bound, earliest first, limited", arguments: StoreBackend.all)
    func dueReminders(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let due = { (m: Double) in t0.addingTimeInterval(minutes(m)) }
        let records = try await store.create([
            newReminder(message: "at 10", fireAt: due(10)),
            newReminder(message: "at 5", fireAt: due(5)),
            newReminder(message: "at 60", fireAt: due(60)),
            newReminder(message: "deleted", fireAt: due(1)),
            newReminder(message: "at 9 exactly the bound", fireAt: due(20)),
        ], at: t0)
        try await store.delete(reminderID: records[3].id, at: t0)
        try await store.snooze(reminderID: records[2].id, until: due(7), at: t0)

        let dueNow = try await store.dueReminders(before: due(20), limit: 10)
        #expect(dueNow.map(\.reminder.message) == ["at 5", "at 60", "at 10"])
        #expect(dueNow.map(\.kind) == [.scheduled, .snooze, .scheduled])
        #expect(dueNow.map(\.dueAt) == [due(5), due(7), due(10)])
        #expect(try await store.dueReminders(before: due(20), limit: 2).count == 2)
        #expect(try await store.dueReminders(before: due(5), limit: 10).isEmpty, "the bound is exclusive")
    }

    @Test("a one-off that was completed ends; completing again changes nothing", arguments: StoreBackend.all)
    func completeOneOff(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder()], at: t0).first)
        let claim = try await store.claimOccurrence(
            reminderID: record.id, dueAt: record.nextFireAt ?? t0, kind: .scheduled, nextFireAt: nil, now: t0)
        try await store.snooze(reminderID: record.id, until: t0.addingTimeInterval(7_200), at: t0)
        let later = t0.addingTimeInterval(60)
        let completed = try await store.complete(reminderID: record.id, at: later)
        #expect(completed.state == .completed)
        #expect(completed.endedAt == later)
        #expect(completed.snoozedUntil == nil && completed.nextFireAt == nil)
        #expect(try await store.occurrence(id: claim.occurrence.id)?.completedAt == later)
        let again = try await store.complete(reminderID: record.id, at: later.addingTimeInterval(60))
        #expect(again == completed)
        #expect(try await store.countActive() == 0)
    }

    @Test("completing a recurring reminder ends only the current occurrence", arguments: StoreBackend.all)
    func completeRecurring(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let start = t0.addingTimeInterval(3_600)
        let record = try #require(try await store.create([newReminder(fireAt: start, rrule: "FREQ=DAILY")], at: t0).first)
        let next = start.addingTimeInterval(86_400)
        let claim = try await store.claimOccurrence(
            reminderID: record.id, dueAt: start, kind: .scheduled, nextFireAt: next, now: start)
        try await store.snooze(reminderID: record.id, until: start.addingTimeInterval(600), at: start)
        let completed = try await store.complete(
            reminderID: record.id, occurrenceID: claim.occurrence.id, at: start.addingTimeInterval(60))
        #expect(completed.state == .active)
        #expect(completed.nextFireAt == next)
        #expect(completed.snoozedUntil == nil, "the snoozed re-fire of the completed occurrence is dropped")
        #expect(completed.endedAt == nil)
        #expect(try await store.occurrence(id: claim.occurrence.id)?.completedAt == start.addingTimeInterval(60))
        await #expect(throws: ReminderStoreError.noSuchOccurrence(424_242)) {
            try await store.complete(reminderID: record.id, occurrenceID: 424_242, at: start)
        }
    }

    @Test("delete ends the series and is idempotent; snoozing a deleted reminder is refused", arguments: StoreBackend.all)
    func deleteAndSnooze(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        let record = try #require(try await store.create([newReminder(rrule: "FREQ=DAILY")], at: t0).first)
        let snoozed = try await store.snooze(reminderID: record.id, until: t0.addingTimeInterval(600), at: t0)
        #expect(snoozed.snoozedUntil == t0.addingTimeInterval(600))
        #expect(snoozed.snoozeCount == 1)
        let deleted = try await store.delete(reminderID: record.id, at: t0.addingTimeInterval(5))
        #expect(deleted.state == .deleted)
        #expect(deleted.nextFireAt == nil && deleted.snoozedUntil == nil)
        #expect(deleted.endedAt == t0.addingTimeInterval(5))
        #expect(try await store.delete(reminderID: record.id, at: t0.addingTimeInterval(9)) == deleted)
        await #expect(throws: ReminderStoreError.reminderNotActive(id: record.id, state: .deleted)) {
            try await store.snooze(reminderID: record.id, until: t0.addingTimeInterval(900), at: t0)
        }
        await #expect(throws: ReminderStoreError.noSuchReminder(31_337)) {
            try await store.delete(reminderID: 31_337, at: t0)
        }
        #expect(try await store.reminders(forUser: "u-ana", includeCompleted: true, limit: 5).total == 0)
    }

    @Test("settings: get, set, replace, and insert-if-absent keeps the first value", arguments: StoreBackend.all)
    func settings(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        #expect(try await store.setting("signing-key") == nil)
        try await store.setSetting("bot-id", to: "b1")
        try await store.setSetting("bot-id", to: "b2")
        #expect(try await store.setting("bot-id") == "b2")
        #expect(try await store.setting("signing-key", initialValue: "first") == "first")
        #expect(try await store.setting("signing-key", initialValue: "second") == "first")
    }

    @Test("the store reopens with everything it held")
    func reopen() async throws {
        let path = directory.path("reopen.sqlite")
        let id: Int64
        do {
            let first = try ReminderStore(path: path, now: t0)
            id = try #require(try await first.create([newReminder()], at: t0).first).id
        }
        let second = try ReminderStore(path: path, now: t0)
        #expect(try await second.reminder(id: id)?.message == "review the PR")
    }
}

@Suite("ReminderStore: stored precision")
struct StoredPrecisionTests {
    @Test("times are kept to the millisecond, and create returns exactly what a fetch returns", arguments: StoreBackend.all)
    func milliseconds(_ backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.makeStore(in: directory)
        let fireAt = t0.addingTimeInterval(90.123_456)
        let now = t0.addingTimeInterval(0.000_6)
        let created = try await store.create([newReminder(fireAt: fireAt, rrule: "FREQ=DAILY")], at: now)
        let first = try #require(created.first)
        #expect(try await store.reminder(id: first.id) == first)
        #expect(first.nextFireAt?.timeIntervalSince1970 == (fireAt.timeIntervalSince1970 * 1000).rounded() / 1000)
        #expect(first.createdAt == Date(timeIntervalSince1970: t0.timeIntervalSince1970 + 0.001))
    }
}

@Suite("Reminder store: limits and batches are atomic")
struct StoreAtomicityTests {
    @Test("60 concurrent creates against a limit of 50 store exactly 50, and the rest are told why", arguments: StoreBackend.all)
    func concurrentLimit(_ backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.makeStore(in: directory)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<60 {
                group.addTask {
                    do {
                        _ = try await store.create([newReminder(message: "task \(index)")], at: t0, activeLimit: 50)
                        return true
                    } catch ReminderStoreError.activeLimitReached(let active, let limit) {
                        return active == 50 && limit == 50 ? false : true
                    } catch {
                        return true
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 50)
        #expect(try await store.countActive(createdBy: "u-creator") == 50)
    }

    @Test("deleting a batch that names someone else's reminder changes nothing", arguments: StoreBackend.all)
    func allOrNothingDelete(_ backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.makeStore(in: directory)
        let mine = try await store.create([newReminder(), newReminder(target: "u-ben")], at: t0)
        let theirs = try await store.create([newReminder(creator: "u-other")], at: t0)
        await #expect(throws: ReminderStoreError.notCreatedBy(reminderID: theirs[0].id, userID: "u-creator")) {
            try await store.delete(reminderIDs: [mine[0].id, theirs[0].id, mine[1].id], createdBy: "u-creator", at: t0)
        }
        await #expect(throws: ReminderStoreError.self) {
            try await store.delete(reminderIDs: [mine[0].id, 9_999], createdBy: "u-creator", at: t0)
        }
        #expect(try await store.countActive() == 3)
        let deleted = try await store.delete(reminderIDs: mine.map(\.id), createdBy: "u-creator", at: t0)
        #expect(deleted.map(\.state) == [.deleted, .deleted])
        #expect(try await store.countActive() == 1)
    }
}
