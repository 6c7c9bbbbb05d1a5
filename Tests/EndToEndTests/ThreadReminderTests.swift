import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `/remind me about this thread …` typed in a reply: the reminder links to the thread and quotes it.
    @Suite("End to end: thread reminders")
    struct ThreadReminderTests {
        @Test("a thread reminder's post carries the permalink and the root's first line; the list shows the link", arguments: Stage.Backend.all)
        func threadReminder(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let root = await stage.fake.addUserPost(
                "Can someone review the release notes? @channel\nThe draft is in the wiki.", by: stage.ben, in: stage.town)
            let site = try #require(await stage.fake.baseURL?.absoluteString)
            let permalink = "\(site.hasSuffix("/") ? String(site.dropLast()) : site)/acme/pl/\(root.id)"
            let reply = try await stage.fake.runSlashCommand(
                "me about this thread in 2 seconds", user: stage.ana, channel: stage.town, rootID: root.id)
            let confirmation = try #require(reply.response?.text)
            #expect(confirmation.hasPrefix("I will remind you about [this thread](\(permalink)) at "), "\(confirmation)")

            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first?.post)
            #expect(post.message == "🔔 Reminder: this thread\n\(permalink)", "\(post.message)")
            let thread = try #require(post.attachments.first?.fields?.first { $0.title == "Thread" })
            #expect(thread.value == "> Can someone review the release notes? `@channel`\n[Open the thread](\(permalink))",
                    "the first line, quoted, its broadcast mention defused: \(thread.value)")

            // Complete keeps the link under the struck-through headline.
            _ = try await stage.fake.clickButton(postID: post.id, actionID: "complete", user: stage.ana)
            let completed = try #require(await stage.fake.post(id: post.id))
            #expect(completed.message == "✅ ~~🔔 Reminder: this thread~~\n\(permalink)", "\(completed.message)")

            // A permalink pasted into an ordinary reminder stays a link, and the list shows both links.
            let pasted = "https://chat.example.com/acme/pl/\(root.id)"
            try await stage.run("me about this message tomorrow at 9", as: stage.ana, in: stage.town, rootID: root.id)
            try await stage.run("me to answer \(pasted) tomorrow at 10")
            let list = try await stage.run("list")
            #expect(list.contains("[this message](\(permalink))"), "\(list)")
            #expect(list.contains("**answer \(pasted)**"), "\(list)")
            try await stage.finish()
        }

        @Test("outside a thread 'about this thread' is refused with an example; an unreadable root still links", arguments: Stage.Backend.all)
        func refusalsAndFallback(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let refusal = try await stage.run("me about this thread tomorrow at 9")
            #expect(refusal.contains("needs a thread"), "\(refusal)")
            #expect(refusal.contains("`/remind me about this thread tomorrow at 9`"), "\(refusal)")
            #expect(try await stage.store().countActive() == 0)

            // The bot is not in this channel, so it cannot read the root post: the reminder links without a quote.
            let secret = await stage.fake.addChannel("secret", members: [stage.ana], botIsMember: false)
            let root = await stage.fake.addUserPost("plans", by: stage.ana, in: secret)
            try await stage.run("me about this in 1 second", as: stage.ana, in: secret, rootID: root.id)
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first?.post)
            let thread = try #require(post.attachments.first?.fields?.first { $0.title == "Thread" })
            #expect(thread.value.hasPrefix("[Open the thread](http"), "\(thread.value)")
            #expect(thread.value.hasSuffix("/acme/pl/\(root.id))"), "\(thread.value)")

            let stored = try #require(try await stage.store().reminders(forUser: stage.ana.id, includeCompleted: true, limit: 5)
                .reminders.first)
            #expect(stored.thread?.rootID == root.id)
            #expect(stored.thread?.quote == nil)
            try await stage.finish()
        }
    }
}
