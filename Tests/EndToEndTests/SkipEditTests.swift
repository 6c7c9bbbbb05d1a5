import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// Skip next and Edit, on the delivered post and in the list: the id, the counters and the ledger stay.
    @Suite("End to end: skip and edit")
    struct SkipEditTests {
        /// `HH:mm:ss` in UTC (Cid's zone), whole seconds `seconds` from now.
        static func clockTime(in seconds: Double) -> (text: String, date: Date) {
            let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + seconds).rounded(.up))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            let parts = calendar.dateComponents([.hour, .minute, .second], from: due)
            return (String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0), due)
        }

        @Test("Skip next on the post moves a daily reminder a day on and says what is next; Edit keeps id, counters and ledger", arguments: Stage.Backend.all)
        func skipAndEditOnThePost(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let (clock, due) = Self.clockTime(in: 2)
            try await stage.run("me \"stand up\" every day at \(clock)", as: stage.cid)
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.cid)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first?.post)
            let actions = try #require(post.attachments.first?.actions)
            #expect(actions.map(\.id) == ["complete", "delete", "snooze", "skip", "edit"])
            #expect(actions.first { $0.id == "skip" }?.name.contains("Skip") == true)
            let store = try stage.store()
            let before = try #require(try await store.reminders(forUser: stage.cid.id, limit: 5).reminders.first)
            #expect(before.nextFireAt == due.addingTimeInterval(86_400))
            // The post reaches Mattermost a moment before the ledger records it (the write follows the answer).
            var posted = try await store.latestPostedOccurrence(reminderID: before.id)
            for _ in 0..<100 where posted == nil {
                try await Task.sleep(for: .milliseconds(20))
                posted = try await store.latestPostedOccurrence(reminderID: before.id)
            }
            let ledger = try #require(posted)

            let skip = try await stage.fake.clickButton(postID: post.id, actionID: "skip", user: stage.cid)
            #expect(skip.status == 200)
            let skipped = try #require(try await store.reminder(id: before.id))
            #expect(skipped.nextFireAt == due.addingTimeInterval(2 * 86_400))
            #expect(try await store.skippedOccurrences(forUser: stage.cid.id).map(\.dueAt) == [due.addingTimeInterval(86_400)])
            let afterSkip = try #require(await stage.fake.post(id: post.id))
            #expect(afterSkip.attachments.first?.text?.hasPrefix("⏭️ @cid skipped ") == true, "\(afterSkip.attachments.first?.text ?? "")")
            #expect(afterSkip.attachments.first?.text?.contains("; next: ") == true)
            #expect(afterSkip.attachments.first?.actions?.map(\.id).contains("skip") == true, "the series goes on")

            // Edit: the form is prefilled; a new message with the same when keeps the schedule.
            _ = try await stage.fake.clickButton(postID: post.id, actionID: "edit", user: stage.cid)
            let form = try #require(await stage.fake.openedDialogs.last?.request.dialog)
            #expect(form.callbackID == "edit")
            let defaults = Dictionary(uniqueKeysWithValues: form.elements.map { ($0.name, $0.defaultValue ?? "") })
            #expect(defaults == ["message": "stand up", "recipients": "me", "when": "every day at \(clock)"], "\(defaults)")
            let renamed = try await stage.fake.submitDialog(["message": "stand up and stretch", "recipients": "me", "when": .string("every day at \(clock)")])
            #expect(renamed.status == 200 && renamed.response?.errors == nil, "\(String(describing: renamed.response))")
            let edited = try #require(try await store.reminder(id: before.id))
            #expect(edited.message == "stand up and stretch")
            #expect(edited.nextFireAt == skipped.nextFireAt, "same when: the schedule (and the skip) stay")
            #expect(edited.firedCount == before.firedCount && edited.createdAt == before.createdAt)
            #expect(try await store.latestPostedOccurrence(reminderID: before.id) == ledger, "the ledger is untouched")
            let rewritten = try #require(await stage.fake.post(id: post.id))
            #expect(rewritten.message == "🔔 Reminder: stand up and stretch")
            #expect(rewritten.attachments.first?.text?.hasPrefix("✏️ Edited by @cid") == true)
            #expect(await stage.directPosts(to: stage.cid).last?.post.message.hasPrefix("✏️ Saved #\(before.id). I will remind you to stand up and stretch") == true)

            // A new when is read from now: the next occurrence is recomputed.
            let rescheduled = try await stage.fake.submitDialog(["message": "stand up", "recipients": "me", "when": "every monday at 10am"])
            #expect(rescheduled.response?.errors == nil, "\(String(describing: rescheduled.response))")
            let moved = try #require(try await store.reminder(id: before.id))
            #expect(moved.rrule == "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0")
            let next = try #require(moved.nextFireAt)
            #expect(next > Date() && next < Date().addingTimeInterval(7 * 86_400 + 60))
            #expect(moved.id == before.id && moved.firedCount == before.firedCount)

            // One recipient per reminder; the form says so on its field.
            let two = try await stage.fake.submitDialog(["message": "x", "recipients": "@ana @ben", "when": "in 1 hour"])
            #expect(two.response?.errors?["recipients"]?.contains("one recipient") == true, "\(String(describing: two.response))")
            // Someone else cannot use Cid's form.
            let intruder = try await stage.fake.submitDialog(["message": "mine", "when": "in 1 hour"], user: stage.ana)
            #expect(intruder.status == 403)
            #expect(try await store.reminder(id: before.id)?.message == "stand up")
            try await stage.finish()
        }

        @Test("the list offers Skip next with the time after it, and Edit… prefilled for a one-off", arguments: Stage.Backend.all)
        func skipAndEditInTheList(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to water the plants every monday at 10am", as: stage.cid)
            try await stage.run("me to call mom in 1 hour", as: stage.cid)
            _ = try await stage.run("list", as: stage.cid)
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.cid)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last?.post)
            // Sorted by next time: the call comes first, the weekly one second.
            let weekly = listPost.attachments[1]
            #expect(weekly.text?.contains("water the plants") == true)
            #expect(weekly.fields?.contains { $0.title == "After that" } == true)
            #expect(weekly.actions?.map(\.id) == ["complete1", "delete1", "snooze1", "skip1", "edit1"])
            #expect(listPost.attachments[0].actions?.map(\.id) == ["complete0", "delete0", "snooze0", "edit0"], "no skip for a one-off")

            let store = try stage.store()
            let plants = try #require(try await store.reminders(forUser: stage.cid.id, limit: 5).reminders.first { $0.isRecurring })
            let first = try #require(plants.nextFireAt)
            _ = try await stage.fake.clickButton(postID: listPost.id, actionID: "skip1", user: stage.cid)
            #expect(try await store.reminder(id: plants.id)?.nextFireAt == first.addingTimeInterval(7 * 86_400))

            _ = try await stage.fake.clickButton(postID: listPost.id, actionID: "edit0", user: stage.cid)
            let form = try #require(await stage.fake.openedDialogs.last?.request.dialog)
            let when = try #require(form.elements.first { $0.name == "when" }?.defaultValue)
            #expect(when.hasSuffix(" GMT") || when.hasSuffix(" UTC"), "a one-off's time with its zone: \(when)")
            let saved = try await stage.fake.submitDialog(["message": "call dad", "recipients": "me", "when": .string(when)])
            #expect(saved.response?.errors == nil, "\(String(describing: saved.response))")
            let refreshed = try #require(await stage.fake.post(id: listPost.id))
            #expect(refreshed.message.contains(":information_source: ✏️ Saved #"), "\(refreshed.message)")
            #expect(refreshed.attachments.first?.text?.contains("call dad") == true)
            try await stage.finish()
        }
    }
}
