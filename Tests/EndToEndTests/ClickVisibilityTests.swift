import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// What a real server shows after a click: ephemeral replies sit in the clicked post's thread, which
    /// collapsed reply threads hide, so every outcome must be visible some other way.
    @Suite("End to end: visible click outcomes")
    struct ClickVisibilityTests {
        @Test("a refused click is told by DM when threads collapse, and only ephemerally when they do not",
              arguments: ["always_on", "disabled"])
        func refusalIsVisible(collapsedThreads: String) async throws {
            let stage = try await Stage.start()
            await stage.fake.setCollapsedThreads(collapsedThreads)
            let eve = await stage.fake.addUser("eve", timezone: .manual("UTC"))
            try await stage.run("~town-square to stand up in 1 second")
            let posted = try #require(try await stage.waitForPosts(in: stage.town, count: 1).first)
            let click = try await stage.fake.clickButton(postID: posted.post.id, actionID: "complete", user: eve)
            #expect(click.status == 200)
            #expect(click.response?.ephemeralText?.contains("Only members of ~town-square") == true)
            let eveDM = await stage.fake.directChannel(stage.fake.bot, eve)
            if collapsedThreads == "always_on" {
                // Hidden in the channel view (root_id = the clicked post) …
                #expect(await stage.fake.visibleEphemeralPosts(for: eve).isEmpty)
                // … so the same words arrive as a DM from the bot.
                let dm = try await stage.waitForPosts(in: eveDM, count: 1)
                #expect(dm.first?.post.message.contains("Only members of ~town-square") == true)
            } else {
                #expect(await stage.fake.visibleEphemeralPosts(for: eve).count == 1)
                #expect(await stage.fake.posts(inChannel: eveDM).isEmpty)
            }
            #expect(await stage.fake.post(id: posted.post.id)?.message == posted.post.message)
            try await stage.finish()
        }

        @Test("a rewritten reminder post keeps from_bot, which Mattermost drops when props are replaced", arguments: Stage.Backend.all)
        func rewriteKeepsBotStyling(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to stretch in 1 second")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let posted = try #require(try await stage.waitForPosts(in: dm, count: 1).first)
            #expect(posted.post.props?["from_bot"] == "true")
            let click = try await stage.fake.clickButton(postID: posted.post.id, actionID: "complete", user: stage.ana)
            #expect(click.status == 200)
            let rewritten = try #require(await stage.fake.post(id: posted.post.id))
            #expect(rewritten.message.hasPrefix("✅"))
            #expect(rewritten.props?["from_bot"] == "true", "\(String(describing: click.response?.update?.props?.keys.sorted()))")
            try await stage.finish()
        }

        @Test("a channel the bot is not in asks for /invite, not for the user to join", arguments: Stage.Backend.all)
        func botOutsideChannel(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            _ = await stage.fake.addChannel("garden", members: [stage.ana], botIsMember: false)
            let reply = try await stage.run("~garden to water the plants in 1 hour")
            #expect(reply.contains("/invite @\(stage.fake.bot.username) ~garden"), "\(reply)")
            #expect(!reply.contains("Join it first"))
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }

        @Test("when the edit time limit stops the delivered post's rewrite, the list says so", arguments: Stage.Backend.all)
        func editTimeLimitIsVisible(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to stretch in 1 second")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let delivered = try #require(try await stage.waitForPosts(in: dm, count: 1).first)
            await stage.fake.setPostEditTimeLimit(0)
            _ = try await stage.run("list")
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last)
            let click = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "complete0", user: stage.ana)
            #expect(click.status == 200)
            let list = try #require(await stage.fake.post(id: listPost.post.id))
            #expect(list.message.contains("edit time"), "\(list.message)")
            #expect(await stage.fake.post(id: delivered.post.id)?.message == delivered.post.message)
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }

        @Test("a delivered post shows times on the recipient's 24-hour clock when they chose it, like confirmations", arguments: Stage.Backend.all)
        func deliveredPostHonoursClockStyle(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            await stage.fake.allowPreferenceReadsByBot()
            await stage.fake.setPreference("true", category: "display_settings", name: "use_military_time", for: stage.ana)
            let reply = try await stage.run("me to stretch in 1 second")
            #expect(!reply.contains(" AM") && !reply.contains(" PM"), "\(reply)")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let posted = try #require(try await stage.waitForPosts(in: dm, count: 1).first)
            let texts = posted.post.attachments.flatMap { ($0.fields ?? []).map(\.value) + [$0.text ?? ""] }.joined(separator: " | ")
            #expect(!texts.contains(" AM") && !texts.contains(" PM"), "\(texts)")
            #expect(texts.contains(":"), "a time is shown: \(texts)")
            try await stage.finish()
        }
    }
}
