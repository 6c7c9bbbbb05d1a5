import Foundation
import Mattermost
import RemindCore
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `/remind list`, the dialog, help, version and refusals.
    @Suite("End to end: list, dialog, help")
    struct ListDialogHelpTests {
        @Test("list: a DM post paged by 5, updated in place by Next / Complete, linked from the reply", arguments: Stage.Backend.all)
        func listPaging(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            for hour in 1...6 { try await stage.run("me to task \(hour) in \(hour) hours") }
            try await stage.run("@ana to call ben in 9 hours", as: stage.ben)
            let reply = try await stage.run("list")
            #expect(reply.hasPrefix("You have 7 reminders:"), "\(reply)")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last)
            #expect(reply.contains("/acme/pl/\(listPost.post.id)"), "permalink in \(reply)")
            #expect(listPost.post.attachments.count == 6)
            #expect(listPost.post.attachments.last?.text == "Reminders 1–5 of 7")

            _ = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "next", user: stage.ana)
            var current = try #require(await stage.fake.post(id: listPost.post.id))
            #expect(current.attachments.last?.text == "Reminders 6–7 of 7")
            #expect(current.attachments.first?.text?.contains("task 6") == true)
            #expect(current.attachments[1].text?.contains("set by @ben") == true)

            _ = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "complete0", user: stage.ana)
            current = try #require(await stage.fake.post(id: listPost.post.id))
            #expect(current.attachments.last?.text == "Reminders 6–6 of 6")

            // Someone else clicking Ana's list is turned away; a forged list token is 403.
            let other = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "previous", user: stage.ben)
            #expect(other.response?.ephemeralText?.contains("someone else") == true)
            let forged = PostActionRequest(
                userID: stage.ana.id, channelID: dm.id, postID: listPost.post.id,
                context: ["kind": "list", "op": "delete", "reminder": "1", "page": "0", "owner": .string(stage.ana.id),
                          "token": "0123456789abcdef0123456789abcdef"])
            let response = try await stage.remind.request(
                "POST", "/action", body: try JSONEncoder().encode(forged), contentType: "application/json")
            #expect(response.status == 403)
            #expect(try await stage.store().countActive() == 6)

            // A new `/remind list` replaces the old post.
            _ = try await stage.run("list")
            #expect(await stage.fake.post(id: listPost.post.id)?.deleteAt != 0)
            try await stage.finish()
        }

        @Test("completing from the list also rewrites the delivered reminder post", arguments: Stage.Backend.all)
        func listCompleteRewritesDeliveredPost(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to stretch in 1 second")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let delivered = try #require(try await stage.waitForPosts(in: dm, count: 1).first)
            #expect(delivered.post.attachments.first?.actions?.isEmpty == false)
            _ = try await stage.run("list")
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last)
            #expect(listPost.post.id != delivered.post.id)
            let click = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "complete0", user: stage.ana)
            #expect(click.status == 200)
            let rewritten = try #require(await stage.fake.post(id: delivered.post.id))
            #expect(rewritten.message.hasPrefix("✅ ~~"), "\(rewritten.message)")
            #expect(rewritten.attachments.first?.actions == nil)
            #expect(rewritten.attachments.first?.text?.contains("Completed by @ana") == true)
            #expect(rewritten.props?["remindd_delivery"] == delivered.post.props?["remindd_delivery"])
            try await stage.finish()
        }

        @Test("the confirmation's Delete removes what was just created", arguments: Stage.Backend.all)
        func confirmationDelete(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("@ben and me to plan in 1 hour")
            let confirmation = try #require(await stage.lastEphemeral(for: stage.ana))
            let reply = try await stage.fake.clickEphemeralButton(confirmation, actionID: "delete", user: stage.ana)
            #expect(reply.status == 200)
            // The answer comes through the command's response_url, in the channel view (no root_id), since a
            // click's ephemeral_text would sit in the hidden thread of the ephemeral confirmation.
            let visible = await stage.fake.visibleEphemeralPosts(for: stage.ana).last
            #expect(visible?.message.contains("deleted the reminder “plan” for all 2") == true, "\(String(describing: visible))")
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }

        @Test("dialog: opens with the trigger, field errors for bad input, success DMs the confirmation", arguments: Stage.Backend.all)
        func dialog(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let reply = try await stage.fake.runSlashCommand("", user: stage.ana, channel: stage.office)
            #expect(reply.status == 200)
            let opened = try #require(await stage.fake.openedDialogs.last)
            #expect(opened.request.url == stage.remind.baseURL.absoluteString + "/dialog")
            #expect(opened.request.dialog.elements.map(\.name) == ["message", "recipients", "when", "preset"])

            let bad = try await stage.fake.submitDialog(["message": "water", "when": "blurgh o'clock"])
            #expect(bad.status == 200)
            #expect(bad.response?.errors?["when"] != nil)
            let noUser = try await stage.fake.submitDialog(["message": "water", "recipients": "nobody", "when": "in 1 hour"])
            #expect(noUser.response?.errors?["recipients"]?.contains("@nobody") == true)

            let good = try await stage.fake.submitDialog(["message": "water the plants at noon", "preset": "tomorrow at 9am"])
            #expect(good.status == 200)
            #expect(good.response?.errors == nil)
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let posts = try await stage.waitForPosts(in: dm, count: 1)
            #expect(posts.last?.post.message.hasPrefix("I will remind you to water the plants at noon at 9:00 AM tomorrow") == true,
                    "\(posts.last?.post.message ?? "")")
            try await stage.finish()
        }

        @Test("help, version and refusals answer ephemerally with 200", arguments: Stage.Backend.all)
        func helpAndRefusals(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            #expect(try await stage.run("help") == HelpText.markdown)
            #expect(try await stage.run("version") == "remindd \(RemindVersion.current)")
            #expect(try await stage.run("me to stretch") == Refusal.noWhen.message)
            #expect(try await stage.run("@here to stretch in 5 minutes") == Refusal.broadcastMention("here").message)
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }
    }
}
