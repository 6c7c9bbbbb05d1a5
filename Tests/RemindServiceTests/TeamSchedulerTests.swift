import Foundation
import Mattermost
import RemindCore
import RemindStore
import TestSupport
import Testing
@testable import RemindService

/// Team reminders through the real scheduler, deliverer, ledger and fake Mattermost, on a manual clock.
@Suite("Scheduler: team reminders")
struct TeamSchedulerTests {
    /// Mon 2026-11-23 15:00 UTC.
    let start = Date(timeIntervalSince1970: 1_795_446_000)

    @Test("the next round's post tells the creator who was not done with the last one; nags name only who is left")
    func summaryAtTheNextRound() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let ben = await harness.fake.addUser("ben", timezone: .manual("UTC"))
        await harness.fake.join(ben, to: harness.general)
        let due = start.addingTimeInterval(60)
        let row = NewReminder(
            creatorID: harness.ana.id, creatorName: "ana", teamID: harness.fake.team.id, originChannelID: harness.general.id,
            targetKind: .channel, targetID: harness.general.id, targetName: "general", message: "stand-up notes",
            phrase: "@ana @ben stand-up notes every 2 hours as a team and nag every 30 minutes", timeZone: "UTC",
            rrule: "FREQ=HOURLY;INTERVAL=2", recurrenceStart: due, firstFireAt: due,
            nag: NagSettings(interval: 1_800, allDay: true, zone: "UTC"),
            team: [TeamPerson(id: harness.ana.id, username: "ana"), TeamPerson(id: ben.id, username: "ben")])
        let reminder = try await harness.store.create([row], at: clock.now())[0]
        harness.scheduler.reminderChanged(reminder)
        try await harness.run(until: due)
        let first = try #require(await harness.fake.posts(inChannel: harness.general).first?.post)
        #expect(first.message == "🔔 Reminder from @ana for @ana @ben: stand-up notes")
        #expect(first.attachments.first?.text == "0 of 2 done")

        _ = try await harness.store.completeTeamMember(reminderID: reminder.id, round: due, userID: harness.ana.id, username: "ana", at: clock.now())
        try await harness.run(until: due.addingTimeInterval(1_800))
        let nag = try #require(await harness.fake.posts(inChannel: harness.general).last?.post)
        #expect(nag.message == "🔔 Reminder from @ana for @ben: stand-up notes", "Ana is done: only Ben is nagged")
        #expect(nag.attachments.first?.text == "1 of 2 done: @ana ✓")
        #expect(nag.attachments.first?.actions?.map(\.name).filter { $0.hasPrefix("Complete") } == ["Complete: @ben"])
        #expect(await harness.anaPosts().isEmpty)

        try await harness.run(until: due.addingTimeInterval(3_600))
        try await harness.run(until: due.addingTimeInterval(5_400))
        try await harness.run(until: due.addingTimeInterval(7_200))
        let summary = try #require(await harness.anaPosts().last?.post.message)
        #expect(summary.hasPrefix("Last time (due "), "\(summary)")
        #expect(summary.hasSuffix("1 of 2 were done with “stand-up notes”: @ana ✓. Not done: @ben."), "\(summary)")
        #expect(await harness.anaPosts().count == 1)
        let round2 = try #require(await harness.fake.posts(inChannel: harness.general).last?.post)
        #expect(round2.attachments.first?.text == "0 of 2 done", "a new round starts with nobody done")
        await harness.close()
    }
}
