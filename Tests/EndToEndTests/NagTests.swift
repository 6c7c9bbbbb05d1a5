import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `… and nag every 30 minutes`: through the real binary, the first firing and Complete. The series over
    /// hours (quiet window, the bound of 24) runs on a manual clock in NagSchedulerTests.
    @Suite("End to end: nag until done")
    struct NagTests {
        @Test("the post says when it reminds again, Complete stops the nags, and a too-short interval is refused", arguments: Stage.Backend.all)
        func nagUntilDone(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            #expect(try await stage.run("me to x in 1 hour and nag every 2 minutes").contains("at most every 5 minutes"))
            // Someone for whom it is now early afternoon: the nag 30 minutes on is never in their quiet hours,
            // whatever the hour the test runs at.
            let nurse = await stage.fake.addUser("nurse", timezone: .manual(Self.zone(whereItIsNow: 13)))
            let sent = Date()
            let confirmation = try await stage.run("me to take the pills in 1 second and nag every 30 minutes", as: nurse)
            #expect(confirmation.contains("Until someone presses Complete I will remind again every 30 minutes (at most 24 times"),
                    "\(confirmation)")
            let dm = await stage.fake.directChannel(stage.fake.bot, nurse)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first?.post)
            #expect(post.message == "🔔 Reminder: take the pills", "the clause is not in the message")
            let store = try stage.store()
            let reminder = try #require(try await store.reminders(forUser: nurse.id, limit: 5).reminders.first)
            let again = try #require(reminder.snoozedUntil)
            #expect(abs(again.timeIntervalSince(sent) - 1_801) < 3, "the first nag 30 minutes after the firing")
            let field = post.attachments.first?.fields?.first { $0.title == "Until done" }?.value
            #expect(field?.hasPrefix("Reminding again at ") == true, "\(String(describing: field))")

            _ = try await stage.fake.clickButton(postID: post.id, actionID: "complete", user: nurse)
            let done = try #require(try await store.reminder(id: reminder.id))
            #expect(done.state == .completed && done.snoozedUntil == nil)
            #expect(await stage.fake.post(id: post.id)?.attachments.first?.fields?.contains { $0.title == "Until done" } == false)
            try await stage.finish()
        }

        @Test("a nag that would fall in the recipient's night waits for 08:00 on their clock", arguments: Stage.Backend.all)
        func quietNight(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            // A zone where it is now 03:xx: the nag 30 minutes on is in the quiet hours.
            let zone = Self.zone(whereItIsNow: 3)
            let owl = await stage.fake.addUser("owl", timezone: .manual(zone))
            try await stage.run("me to check the oven in 1 second and nag every 30 minutes", as: owl)
            let dm = await stage.fake.directChannel(stage.fake.bot, owl)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first?.post)
            #expect(post.attachments.first?.fields?.first { $0.title == "Until done" }?.value == "Reminding again at 8:00 AM")
            let again = try #require(try await stage.store().reminders(forUser: owl.id, limit: 5).reminders.first?.snoozedUntil)
            let local = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: zone)!, from: again)
            #expect(local.hour == 8 && local.minute == 0 && again > Date())
            try await stage.finish()
        }

        /// A fixed-offset IANA zone (`Etc/GMT-10` is UTC+10) whose clock now shows `hour` o'clock.
        static func zone(whereItIsNow hour: Int) -> String {
            let utcHour = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).hour ?? 0
            var offset = (hour - utcHour + 24) % 24
            if offset > 14 { offset -= 24 }
            return offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-\(offset)" : "Etc/GMT+\(-offset)"
        }
    }
}
