import Foundation
import Mattermost
import RemindCore
import RemindStore
import TestSupport
import Testing
@testable import RemindService

/// Nag until done through the real scheduler, deliverer, SQLite ledger and fake Mattermost, on a manual clock.
@Suite("Scheduler: nag until done")
struct NagSchedulerTests {
    /// Mon 2026-11-23 15:00 UTC.
    let start = Date(timeIntervalSince1970: 1_795_446_000)

    func nagging(_ harness: DeliveryHarness, due: Date, interval: TimeInterval, allDay: Bool) async throws -> ReminderRecord {
        let reminder = NewReminder(
            creatorID: harness.ana.id, creatorName: "ana", teamID: harness.fake.team.id, originChannelID: harness.general.id,
            targetKind: .user, targetID: harness.ana.id, targetName: "ana", message: "take the pills",
            phrase: "me to take the pills", timeZone: "UTC", firstFireAt: due,
            nag: NagSettings(interval: interval, allDay: allDay, zone: "UTC"))
        let record = try await harness.store.create([reminder], at: harness.clock.now())[0]
        harness.scheduler.reminderChanged(record)
        return record
    }

    @Test("nags every 30 minutes, each post saying when the next comes, skips 21:00–08:00, stops on Complete")
    func quietHoursAndComplete() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let due = start.addingTimeInterval(60)
        let reminder = try await nagging(harness, due: due, interval: 1_800, allDay: false)
        try await harness.run(until: due)
        var posts = await harness.anaPosts()
        #expect(posts.count == 1)
        #expect(posts.last?.field("Until done") == "Reminding again at 10:31 AM", "Ana reads New York time")
        #expect(try await harness.store.reminder(id: reminder.id)?.snoozedUntil == due.addingTimeInterval(1_800))

        // 15:31 … 20:31 UTC: eleven nags; the next would be 21:01, in the quiet hours.
        for step in 1...11 { try await harness.run(until: due.addingTimeInterval(Double(step) * 1_800)) }
        posts = await harness.anaPosts()
        #expect(posts.count == 12)
        #expect(posts.last?.receivedAt == due.addingTimeInterval(11 * 1_800))
        let morning = start.addingTimeInterval(17 * 3_600)  // Tue 08:00 UTC
        let waiting = try #require(try await harness.store.reminder(id: reminder.id))
        #expect(waiting.snoozedUntil == morning && waiting.nagsSent == 11)
        #expect(posts.last?.field("Until done") == "Reminding again at 3:00 AM", "08:00 UTC on Ana's New York clock")
        try await harness.run(until: due.addingTimeInterval(12 * 1_800))
        try await harness.run(until: morning.addingTimeInterval(-1))
        #expect(await harness.anaPosts().count == 12, "nothing in the night")
        try await harness.run(until: morning)
        #expect(await harness.anaPosts().count == 13)
        #expect(await harness.anaPosts().last?.receivedAt == morning)

        let completed = try await harness.store.complete(reminderID: reminder.id, by: "ana", at: clock.now())
        harness.scheduler.reminderChanged(completed)
        for step in 1...4 { try await harness.run(until: morning.addingTimeInterval(Double(step) * 1_800)) }
        #expect(await harness.anaPosts().count == 13, "Complete ends the nags")
        let ledger = try await harness.store.history(forUser: harness.ana.id, limit: 50)
        #expect(ledger.count == 13 && ledger.filter { $0.occurrence.kind == .snooze }.count == 12, "one ledger row per post")
        await harness.close()
    }

    @Test("day and night nags stop after 24")
    func bounded() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let due = start.addingTimeInterval(60)
        let reminder = try await nagging(harness, due: due, interval: 300, allDay: true)
        for step in 0...26 { try await harness.run(until: due.addingTimeInterval(Double(step) * 300)) }
        #expect(await harness.anaPosts().count == 1 + NagPlan.maxNags)
        let done = try #require(try await harness.store.reminder(id: reminder.id))
        #expect(done.snoozedUntil == nil && done.nagsSent == NagPlan.maxNags)
        await harness.close()
    }
}
