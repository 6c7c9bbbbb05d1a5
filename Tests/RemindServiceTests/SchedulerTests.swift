import Foundation
import Mattermost
import RemindStore
import Testing
import TestSupport
@testable import RemindService

/// The scheduler with a clock the test moves: on time, after downtime, across DST, snooze, complete, delete.
@Suite("Scheduler")
struct SchedulerTests {
    /// Monday 2026-11-23 15:00 UTC (10:00 in New York).
    let start = Date(timeIntervalSince1970: 1_795_446_000)

    @Test("a reminder due within the horizon is posted on its second, in the recipient's zone, not before")
    func onTime() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let due = start.addingTimeInterval(30)
        let reminder = try await harness.create(due: due)
        harness.scheduler.reminderChanged(reminder)

        clock.set(due.addingTimeInterval(-0.02))
        await harness.settle()
        #expect(await harness.anaPosts().isEmpty)

        clock.set(due)
        await harness.settle()
        let posts = await harness.anaPosts()
        try #require(posts.count == 1)
        #expect(posts[0].receivedAt == due)
        #expect(posts[0].post.message.contains("stretch"))
        // Ana's profile says New York: 15:00:30 UTC reads 10:00:30 AM there, and it is not late.
        let dueText = try #require(posts[0].field("Due"))
        #expect(dueText.hasPrefix("10:00:30 AM today"))
        #expect(!dueText.contains("late"))
        let ledger = try await harness.store.unfinishedDeliveries()
        #expect(ledger.isEmpty)
        let stored = try #require(try await harness.store.reminder(id: reminder.id))
        #expect(stored.nextFireAt == nil && stored.firedCount == 1)
        #expect(harness.metrics.counter("remind_deliveries_total", labels: [("outcome", "posted")]) == 1)
        let occurrenceID = try #require(try await harness.store.history(forUser: reminder.creatorID, limit: 1).first?.occurrence.id)
        let installID = try await DeliveryKey.installID(in: harness.store)
        #expect(posts[0].deliveryKey == DeliveryKey.make(installID: installID, occurrenceID: occurrenceID))
        await harness.close()
    }

    @Test("a recipient without a profile zone reads the post in the server's zone, as in their confirmations")
    func serverZoneFallback() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock, serverZone: TimeZone(identifier: "Asia/Tokyo")!)
        try await harness.scheduler.start(automatically: false)
        let kim = await harness.fake.addUser("kim")
        let due = start.addingTimeInterval(30)
        // Set by ana in New York: the reminder's own zone is hers, but kim reads it.
        let reminder = try await harness.create(due: due, zone: "America/New_York", recipient: kim)
        harness.scheduler.reminderChanged(reminder)
        clock.set(due)
        await harness.settle()
        let posts = await harness.fake.posts(inChannel: await harness.fake.directChannel(harness.fake.bot, kim))
        try #require(posts.count == 1)
        // 15:00:30 UTC is 00:00:30 in Tokyo (the next day there), 10:00:30 AM in New York.
        let dueText = try #require(posts[0].field("Due"))
        #expect(dueText.hasPrefix("12:00:30 AM today"), "\(dueText)")
        let expected = try await harness.directory.reader(userID: kim.id, fallback: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(expected.timeZone.identifier == "Asia/Tokyo")
        await harness.close()
    }

    @Test("reminders due together are posted by due time, then by creation, with one post at a time")
    func deliveryOrder() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock, maxConcurrent: 1)
        try await harness.scheduler.start(automatically: false)
        let due = start.addingTimeInterval(30)
        // Created in this order; the second pair is due 10 ms earlier (the same wheel tick or the one before).
        var made: [ReminderRecord] = []
        for (index, offset) in [0.0, 0.0, -0.01, -0.01, 0.0, -0.01].enumerated() {
            made.append(try await harness.create(message: "order-\(index)", due: due.addingTimeInterval(offset)))
        }
        for reminder in made { harness.scheduler.reminderChanged(reminder) }
        clock.set(due)
        await harness.settle()
        let order = await harness.anaPosts().compactMap { post in
            post.post.message.range(of: #"order-\d"#, options: .regularExpression).map { String(post.post.message[$0]) }
        }
        #expect(order == ["order-2", "order-3", "order-5", "order-0", "order-1", "order-4"])
        await harness.close()
    }

    @Test("after downtime each missed one-off is posted once, late; a recurring one posts once and moves to its next future time")
    func catchUp() async throws {
        let clock = ManualWallClock(start.addingTimeInterval(-4 * 86_400))
        let harness = try await DeliveryHarness(clock: clock)
        var oneOffs: [ReminderRecord] = []
        for hours in [3.0, 2, 1] {
            oneOffs.append(try await harness.create(message: "missed \(Int(hours))", due: start.addingTimeInterval(-hours * 3_600)))
        }
        // Daily at 09:00 Berlin since four days ago (08:00 UTC in November); it missed four mornings.
        let firstMorning = Date(timeIntervalSince1970: 1_795_420_800 - 4 * 86_400)  // 2026-11-19 08:00 UTC
        let daily = try await harness.create(
            message: "stand-up", due: firstMorning, rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", zone: "Europe/Berlin")

        clock.set(start)  // the service comes back
        try await harness.scheduler.start(automatically: false)
        await harness.settle()
        await harness.settle()

        let posts = await harness.anaPosts()
        #expect(posts.count == 4)
        for reminder in oneOffs {
            let mine = posts.filter { $0.post.message.contains(reminder.message) }
            #expect(mine.count == 1)
            #expect(mine.first?.field("Due")?.contains("delivered late") == true)
        }
        #expect(posts.filter { $0.post.message.contains("stand-up") }.count == 1)
        let moved = try #require(try await harness.store.reminder(id: daily.id))
        #expect(moved.nextFireAt == Date(timeIntervalSince1970: 1_795_420_800 + 86_400))  // tomorrow 09:00 Berlin
        #expect(moved.firedCount == 1)
        #expect(moved.lastFiredAt == firstMorning)

        // Nothing more until tomorrow morning; then exactly one more.
        try await harness.run(until: start.addingTimeInterval(3_600))
        #expect(await harness.anaPosts().count == 4)
        try await harness.run(until: Date(timeIntervalSince1970: 1_795_420_800 + 86_400))
        #expect(await harness.anaPosts().count == 5)
        await harness.close()
    }

    @Test("a daily 09:00 reminder keeps 09:00 on the wall clock across the spring DST change")
    func dailyAcrossDST() async throws {
        // Europe/Berlin moves from UTC+1 to UTC+2 on Sunday 2026-03-29.
        let mornings = [1_774_598_400.0, 1_774_684_800, 1_774_767_600, 1_774_854_000]  // 27th, 28th 08:00Z; 29th, 30th 07:00Z
            .map { Date(timeIntervalSince1970: $0) }
        let clock = ManualWallClock(mornings[0].addingTimeInterval(-3_600))
        let harness = try await DeliveryHarness(clock: clock)
        let reminder = try await harness.create(
            message: "plants", due: mornings[0], rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", zone: "Europe/Berlin")
        try await harness.scheduler.start(automatically: false)
        var berlin = Calendar(identifier: .gregorian)
        berlin.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
        for (index, morning) in mornings.enumerated() {
            try await harness.run(until: morning.addingTimeInterval(-60))
            #expect(await harness.anaPosts().count == index)
            try await harness.run(until: morning)
            let posts = await harness.anaPosts()
            #expect(posts.count == index + 1)
            #expect(posts.last?.receivedAt == morning)
            let next = try #require(try await harness.store.reminder(id: reminder.id)?.nextFireAt)
            let parts = berlin.dateComponents([.hour, .minute], from: next)
            #expect(parts.hour == 9 && parts.minute == 0)
        }
        await harness.close()
    }

    @Test("a snoozed reminder fires again at the snooze time, once")
    func snooze() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let reminder = try await harness.create(due: start.addingTimeInterval(10))
        harness.scheduler.reminderChanged(reminder)
        try await harness.run(until: start.addingTimeInterval(10))
        #expect(await harness.anaPosts().count == 1)

        let until = SnoozeChoice.twentyMinutes.until(now: clock.now(), in: reminder.zone)
        let snoozed = try await harness.store.snooze(reminderID: reminder.id, until: until, at: clock.now())
        harness.scheduler.reminderChanged(snoozed)
        // Twenty minutes is beyond the horizon: the loader brings it in on its way.
        try await harness.run(until: until.addingTimeInterval(-100))
        try await harness.run(until: until.addingTimeInterval(-1))
        #expect(await harness.anaPosts().count == 1)
        clock.set(until)
        await harness.settle()
        let posts = await harness.anaPosts()
        #expect(posts.count == 2)
        #expect(posts.last?.receivedAt == until)
        try await harness.run(until: until.addingTimeInterval(3_600))
        #expect(await harness.anaPosts().count == 2)
        await harness.close()
    }

    @Test("completing a one-off before it is due, or deleting a series, stops further firing")
    func completeAndDelete() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let oneOff = try await harness.create(message: "one-off", due: start.addingTimeInterval(60))
        harness.scheduler.reminderChanged(oneOff)
        let series = try await harness.create(message: "series", due: start.addingTimeInterval(30), rrule: "FREQ=MINUTELY;INTERVAL=5")
        harness.scheduler.reminderChanged(series)

        try await harness.run(until: start.addingTimeInterval(30))
        #expect(await harness.anaPosts().map(\.post.message).contains { $0.contains("series") })
        harness.scheduler.reminderChanged(try await harness.store.complete(reminderID: oneOff.id, at: clock.now()))
        harness.scheduler.reminderChanged(try await harness.store.delete(reminderID: series.id, at: clock.now()))

        for minutes in [1.0, 6, 11, 16] {
            try await harness.run(until: start.addingTimeInterval(30 + minutes * 60))
        }
        #expect(await harness.anaPosts().count == 1)
        await harness.close()
    }

    @Test("a timer left in the wheel for a reminder deleted elsewhere does not fire")
    func staleTimer() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        let reminder = try await harness.create(due: start.addingTimeInterval(5))
        harness.scheduler.reminderChanged(reminder)
        try await harness.store.delete(reminderID: reminder.id, at: clock.now())  // no reminderChanged
        clock.set(start.addingTimeInterval(5))
        await harness.settle()
        #expect(await harness.anaPosts().isEmpty)
        await harness.close()
    }
}
