import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// Slash command → confirmation → the post at the due second → a click rewrites it.
    @Suite("End to end: reminder flow")
    struct ReminderFlowTests {
        @Test("a reminder is confirmed, delivered at its second, and Complete rewrites the post", arguments: Stage.Backend.all)
        func completeFlow(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let sent = Date()
            let text = try await stage.run("me to stretch in 2 seconds")
            #expect(text.hasPrefix("I will remind you to stretch at "), "\(text)")
            #expect(text.hasSuffix("(America/New_York)."))
            #expect(text.contains("AM") || text.contains("PM"))
            let confirmation = try #require(await stage.lastEphemeral(for: stage.ana))
            #expect(confirmation.attachments.first?.actions?.first?.id == "delete")

            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let posts = try await stage.waitForPosts(in: dm, count: 1)
            let post = try #require(posts.first)
            let delay = post.receivedAt.timeIntervalSince(sent)
            #expect(delay >= 1.5 && delay < 3.5, "delivered after \(delay) s")
            #expect(post.post.message.contains("stretch"))
            #expect(post.post.attachments.first?.actions?.map(\.id) == ["complete", "delete", "snooze", "edit"])

            let context = try #require(await stage.fake.post(id: post.post.id)?.attachments.first?.actions?.first?.integration?.context)
            let click = try await stage.fake.clickButton(postID: post.post.id, actionID: "complete", user: stage.ana)
            #expect(click.status == 200)
            let updated = try #require(await stage.fake.post(id: post.post.id))
            #expect(updated.message.contains("~~"))
            #expect(updated.attachments.first?.actions == nil)
            #expect(updated.props?[ "remindd_delivery"] == post.post.props?["remindd_delivery"])
            let store = try stage.store()
            let stored = try await store.reminders(forUser: stage.ana.id, includeCompleted: true, limit: 10)
            #expect(stored.reminders.map(\.state) == [.completed])

            // The same click again (a stale client still showing the button) is legitimate: 200, and it says so.
            let replay = PostActionRequest(userID: stage.ana.id, userName: "ana", channelID: dm.id, postID: post.post.id, context: context)
            let again = try await stage.remind.request(
                "POST", "/action", body: try JSONEncoder().encode(replay), contentType: "application/json")
            #expect(again.status == 200)
            let answer = try JSONDecoder().decode(PostActionResponse.self, from: again.body)
            #expect(answer.ephemeralText == "This reminder was already completed.")
            #expect(answer.update == nil)
            try await stage.finish()
        }

        @Test("Delete and Snooze rewrite their posts and the store", arguments: Stage.Backend.all)
        func deleteAndSnooze(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to water the plants in 1 second")
            try await stage.run("me to call mom in 1 second")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let posts = try await stage.waitForPosts(in: dm, count: 2)
            let plants = try #require(posts.first { $0.post.message.contains("water the plants") })
            let mom = try #require(posts.first { $0.post.message.contains("call mom") })

            let deleted = try await stage.fake.clickButton(postID: plants.post.id, actionID: "delete", user: stage.ana)
            #expect(deleted.status == 200)
            #expect(await stage.fake.post(id: plants.post.id)?.message.contains("~~") == true)

            let clickedAt = Date()
            let snoozed = try await stage.fake.clickButton(
                postID: mom.post.id, actionID: "snooze", user: stage.ana, selectedOption: "20m")
            #expect(snoozed.status == 200)
            let snoozedPost = try #require(await stage.fake.post(id: mom.post.id))
            #expect(snoozedPost.attachments.first?.text?.contains("Snoozed by @ana") == true)

            let store = try stage.store()
            let all = try await store.reminders(forUser: stage.ana.id, includeCompleted: true, limit: 10).reminders
            #expect(all.count == 1, "the deleted one is not listed")
            let until = try #require(all.first?.snoozedUntil)
            #expect(abs(until.timeIntervalSince(clickedAt) - 1_200) < 5)
            try await stage.finish()
        }

        @Test("a repeating reminder's confirmation lists the next three occurrences", arguments: Stage.Backend.all)
        func recurringConfirmation(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let text = try await stage.run("me to stand up every weekday at 9:30am")
            #expect(text.contains("every weekday at 9:30 AM (America/New_York). Next:"), "\(text)")
            #expect(text.components(separatedBy: "\n- ").count == 4, "\(text)")
            try await stage.finish()
        }
    }
}
