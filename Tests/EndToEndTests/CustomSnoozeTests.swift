import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// Snooze until a time of one's own: *Other…* in the Snooze menus opens a form; `/remind snooze <id> <when>`.
    @Suite("End to end: custom snooze")
    struct CustomSnoozeTests {
        @Test("Other… opens a form read by the grammar; bad times are field errors; a good one snoozes and rewrites the post", arguments: Stage.Backend.all)
        func otherFromThePost(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to water the plants in 1 second")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first?.post)
            let menu = try #require(post.attachments.first?.actions?.first { $0.id == "snooze" })
            #expect(menu.options?.last == PostActionOption(text: "Other…", value: "other"))

            let click = try await stage.fake.clickButton(postID: post.id, actionID: "snooze", user: stage.ana, selectedOption: "other")
            #expect(click.status == 200)
            let opened = try #require(await stage.fake.openedDialogs.last)
            #expect(opened.request.dialog.callbackID == "snooze")
            #expect(opened.request.dialog.elements.map(\.name) == ["when"])
            #expect(try await stage.store().reminders(forUser: stage.ana.id, limit: 5).reminders.first?.snoozedUntil == nil,
                    "opening the form changes nothing")

            let unreadable = try await stage.fake.submitDialog(["when": "blurgh o'clock"])
            #expect(unreadable.status == 200)
            #expect(unreadable.response?.errors?["when"]?.contains("`in 45 minutes`") == true, "\(String(describing: unreadable.response))")
            let repeating = try await stage.fake.submitDialog(["when": "every day at 9"])
            #expect(repeating.response?.errors?["when"]?.contains("one time") == true, "\(String(describing: repeating.response))")
            let intruder = try await stage.fake.submitDialog(["when": "in 45 minutes"], user: stage.ben)
            #expect(intruder.status == 403, "a form opened for Ana is refused for Ben")

            let submitted = Date()
            let good = try await stage.fake.submitDialog(["when": "in 45 minutes"])
            #expect(good.status == 200)
            #expect(good.response?.errors == nil && good.response?.error == nil, "\(String(describing: good.response))")
            let stored = try #require(try await stage.store().reminders(forUser: stage.ana.id, limit: 5).reminders.first)
            let until = try #require(stored.snoozedUntil)
            #expect(abs(until.timeIntervalSince(submitted) - 2_700) < 5)
            let rewritten = try #require(await stage.fake.post(id: post.id))
            #expect(rewritten.attachments.first?.text?.contains("Snoozed by @ana until") == true)
            try await stage.finish()
        }

        @Test("/remind snooze <id> <when> snoozes your own reminder and says nothing about other people's", arguments: Stage.Backend.all)
        func snoozeCommand(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to call mom in 1 hour")
            let reminder = try #require(try await stage.store().reminders(forUser: stage.ana.id, limit: 5).reminders.first)
            let list = try await stage.run("list")
            #expect(list.contains("#\(reminder.id) **call mom**"), "the list shows the number: \(list)")

            let sent = Date()
            let answer = try await stage.run("snooze #\(reminder.id) in 2 hours")
            #expect(answer.hasPrefix("⏰ Snoozed “call mom” until "), "\(answer)")
            let until = try #require(try await stage.store().reminder(id: reminder.id)?.snoozedUntil)
            #expect(abs(until.timeIntervalSince(sent) - 7_200) < 5)

            #expect(try await stage.run("snooze \(reminder.id)").hasPrefix("Until when?"))
            #expect(try await stage.run("snooze \(reminder.id) every monday").contains("one time"))
            let missing = try await stage.run("snooze 999 in 1 hour")
            #expect(missing.hasPrefix("You have no reminder #999"), "\(missing)")
            let others = try await stage.run("snooze \(reminder.id) in 5 hours", as: stage.ben)
            #expect(others.hasPrefix("You have no reminder #\(reminder.id)"), "\(others)")
            #expect(!others.contains("call mom"))
            #expect(try await stage.store().reminder(id: reminder.id)?.snoozedUntil == until, "Ben changed nothing")
            try await stage.finish()
        }

        @Test("Other… in the list opens the same form and the list post is refreshed after it", arguments: Stage.Backend.all)
        func otherFromTheList(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to file the report in 3 hours")
            _ = try await stage.run("list")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last?.post)
            let click = try await stage.fake.clickButton(
                postID: listPost.id, actionID: "snooze0", user: stage.ana, selectedOption: "other")
            #expect(click.status == 200)
            #expect(await stage.fake.openedDialogs.last?.request.dialog.callbackID == "snooze")
            let good = try await stage.fake.submitDialog(["when": "tomorrow at 9"])
            #expect(good.status == 200 && good.response?.errors == nil)
            let refreshed = try #require(await stage.fake.post(id: listPost.id))
            #expect(refreshed.message.contains(":information_source: ⏰ Snoozed “file the report” until 9:00 AM tomorrow"),
                    "\(refreshed.message)")
            #expect(refreshed.attachments.first?.actions?.isEmpty == false, "the list keeps its buttons")
            try await stage.finish()
        }
    }
}
