import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `/remind history`: the delivery ledger read back.
    @Suite("End to end: history")
    struct HistoryTests {
        @Test("history after a few firings: when each was due, delivered on time, who completed, snoozed or skipped it", arguments: Stage.Backend.all)
        func history(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            #expect(try await stage.run("history", as: stage.cid).hasPrefix("Nothing has fired for you yet."))
            let (clock, _) = EndToEnd.SkipEditTests.clockTime(in: 2)
            try await stage.run("me to stretch in 1 second", as: stage.cid)
            try await stage.run("me to drink water in 1 second", as: stage.cid)
            try await stage.run("me \"stand up\" every day at \(clock)", as: stage.cid)
            try await stage.run("me to plan the week in 2 hours", as: stage.cid)
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.cid)
            let posts = try await stage.waitForPosts(in: dm, count: 3)
            func post(_ text: String) throws -> Post { try #require(posts.first { $0.post.message.contains(text) }?.post) }
            _ = try await stage.fake.clickButton(postID: try post("stretch").id, actionID: "complete", user: stage.cid)
            _ = try await stage.fake.clickButton(
                postID: try post("drink water").id, actionID: "snooze", user: stage.cid, selectedOption: "1h")
            _ = try await stage.fake.clickButton(postID: try post("stand up").id, actionID: "skip", user: stage.cid)

            let history = try await stage.run("history", as: stage.cid)
            let lines = history.split(separator: "\n").map(String.init)
            #expect(lines.first == "#### What fired for you (and what was skipped), newest first", "\(history)")
            #expect(lines.count == 5, "three firings and one skip: \(history)")
            let stretch = try #require(lines.first { $0.contains("**stretch**") })
            #expect(stretch.contains("delivered on time · ✅ completed by @cid at "), "\(stretch)")
            let water = try #require(lines.first { $0.contains("**drink water**") })
            #expect(water.contains("delivered on time · ⏰ snoozed by @cid until "), "\(water)")
            let standUp = lines.filter { $0.contains("**stand up**") }
            #expect(standUp.count == 2, "\(history)")
            #expect(standUp.contains { $0.contains("⏭️ skipped by @cid") && $0.contains("tomorrow") }, "\(standUp)")
            #expect(standUp.contains { $0.contains("today") && $0.contains("delivered on time") }, "\(standUp)")
            #expect(!history.contains("plan the week"), "not fired yet")
            #expect(try await stage.run("history", as: stage.ana).hasPrefix("Nothing has fired for you yet."), "only your own")

            // The list's History button shows the same history in place of the list, with a way back.
            _ = try await stage.run("list", as: stage.cid)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last)
            #expect(listPost.post.attachments.last?.actions?.map(\.id).contains("history") == true)
            _ = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "history", user: stage.cid)
            let shown = try #require(await stage.fake.post(id: listPost.post.id))
            #expect(shown.message == history, "\(shown.message)")
            #expect(shown.attachments.flatMap { $0.actions ?? [] }.map(\.id) == ["back"])
            let stranger = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "back", user: stage.ana)
            #expect(stranger.response?.ephemeralText?.contains("belongs to someone else") == true)
            _ = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "back", user: stage.cid)
            let back = try #require(await stage.fake.post(id: listPost.post.id))
            #expect(back.message.hasPrefix("#### Your reminders"), "\(back.message)")
            #expect(back.attachments.contains { "\($0.title ?? "") \($0.text ?? "")".contains("plan the week") }, "\(back.attachments)")
            #expect(back.attachments.last?.actions?.map(\.id).contains("history") == true)
            try await stage.finish()
        }
    }
}
