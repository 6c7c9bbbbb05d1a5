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
        let (harness, reminder, due) = try await teamOfAnaAndBen(clock: clock, nag: NagSettings(interval: 1_800, allDay: true, zone: "UTC"))
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

    /// Ana's "stand-up notes" for Ana and Ben as a team, every 2 hours from a minute after `start` (nagging when
    /// told), posted in general: the harness with its first round fired.
    private func teamOfAnaAndBen(
        clock: ManualWallClock, nag: NagSettings? = nil
    ) async throws -> (DeliveryHarness, ReminderRecord, due: Date) {
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let ben = await harness.fake.addUser("ben", timezone: .manual("UTC"))
        await harness.fake.join(ben, to: harness.general)
        let due = start.addingTimeInterval(60)
        let row = NewReminder(
            creatorID: harness.ana.id, creatorName: "ana", teamID: harness.fake.team.id, originChannelID: harness.general.id,
            targetKind: .channel, targetID: harness.general.id, targetName: "general", message: "stand-up notes",
            phrase: "@ana @ben stand-up notes every 2 hours as a team" + (nag == nil ? "" : " and nag every 30 minutes"),
            timeZone: "UTC", rrule: "FREQ=HOURLY;INTERVAL=2", recurrenceStart: due, firstFireAt: due, nag: nag,
            team: [TeamPerson(id: harness.ana.id, username: "ana"), TeamPerson(id: ben.id, username: "ben")])
        let reminder = try await harness.store.create([row], at: clock.now())[0]
        harness.scheduler.reminderChanged(reminder)
        try await harness.run(until: due)
        return (harness, reminder, due)
    }

    /// A 2-person team reminder every 2 hours created by Ana, whose first round was posted and left undone by
    /// Ben; then, as a crashed run would leave it, round 2 claimed and posted (its claim recorded the summary
    /// owed), and the summary's post attempt begun, with or without the post reaching Mattermost. Returns
    /// the folder's harness stopped, ready for a restart.
    private func crashedBeforeTheSummaryWasRecorded(
        clock: ManualWallClock, postReachedMattermost: Bool
    ) async throws -> DeliveryHarness {
        let (harness, reminder, due) = try await teamOfAnaAndBen(clock: clock)
        _ = try await harness.store.completeTeamMember(reminderID: reminder.id, round: due, userID: harness.ana.id, username: "ana", at: clock.now())
        // Round 2, claimed and posted outside the scheduler (the run that "crashed").
        let round2 = due.addingTimeInterval(7_200)
        clock.set(round2)
        let claim = try await harness.store.claimOccurrence(
            reminderID: reminder.id, dueAt: round2, kind: .scheduled, nextFireAt: round2.addingTimeInterval(7_200), now: round2)
        _ = try await harness.store.markPosted(occurrenceID: claim.occurrence.id, postID: "p-round-2", channelID: harness.general.id, at: round2)
        let owed = try await harness.store.pendingTeamSummaries()
        try #require(owed.count == 1 && owed[0].round == due, "the claim of round 2 recorded the summary owed for round 1")
        try await harness.store.beginTeamSummaryAttempt(reminderID: reminder.id, round: due)
        if postReachedMattermost {
            let key = try await harness.deliverer.summaryKey(owed[0])
            let dm = try await harness.directory.directChannel(with: harness.ana.id)
            _ = try await harness.client.createPost(Post(
                channelID: dm, message: "Last time … (posted just before the crash)",
                props: [ReminderPost.deliveryKeyProp: .string(key)], pendingPostID: key))
        }
        await harness.close(removingFiles: false, keepingFake: true)
        // Past Mattermost's 30 s de-duplication of pending post ids: only the lookup can avoid a second post.
        clock.set(round2.addingTimeInterval(90))
        return harness
    }

    @Test("a summary whose attempt a crash interrupted is posted once after the restart: looked up first, posted only if absent",
          arguments: [true, false])
    func summaryAcrossACrash(postReachedMattermost: Bool) async throws {
        let clock = ManualWallClock(start)
        let crashed = try await crashedBeforeTheSummaryWasRecorded(clock: clock, postReachedMattermost: postReachedMattermost)
        let restarted = try await DeliveryHarness(clock: clock, restarting: crashed)
        try await restarted.scheduler.start(automatically: false)
        let deadline = ContinuousClock.now + .seconds(5)
        while try await !restarted.store.pendingTeamSummaries().isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await restarted.store.pendingTeamSummaries().isEmpty)
        let summaries = await restarted.anaPosts().filter { $0.post.message.hasPrefix("Last time") }
        #expect(summaries.count == 1, "\(summaries.map(\.post.message))")
        if !postReachedMattermost {
            #expect(summaries.first?.post.message.hasSuffix("1 of 2 were done with “stand-up notes”: @ana ✓. Not done: @ben.") == true)
        }
        // A second restart finds nothing owed and posts nothing more.
        await restarted.close(removingFiles: false, keepingFake: true)
        let again = try await DeliveryHarness(clock: clock, restarting: restarted)
        try await again.scheduler.start(automatically: false)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await again.anaPosts().filter { $0.post.message.hasPrefix("Last time") }.count == 1)
        await again.close()
    }

    @Test("a summary Mattermost fails to take is tried again until it is posted, once")
    func summaryRetriedAfterAFailure() async throws {
        let clock = ManualWallClock(start)
        let crashed = try await crashedBeforeTheSummaryWasRecorded(clock: clock, postReachedMattermost: false)
        await crashed.fake.failNextPosts(count: 2, status: 503)
        let restarted = try await DeliveryHarness(clock: clock, restarting: crashed)
        try await restarted.scheduler.start(automatically: false)
        let deadline = ContinuousClock.now + .seconds(10)
        while try await !restarted.store.pendingTeamSummaries().isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await restarted.store.pendingTeamSummaries().isEmpty)
        #expect(await restarted.anaPosts().filter { $0.post.message.hasPrefix("Last time") }.count == 1)
        await restarted.close()
    }
}
