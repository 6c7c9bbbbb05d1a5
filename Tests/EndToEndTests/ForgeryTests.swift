import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// Requests anyone who can reach remindd could send: forged dialogs, hostile numbers in clicks.
    @Suite("End to end: forged dialogs and hostile clicks")
    struct ForgeryTests {
        @Test("a dialog submission without the state it was opened with, or as someone else, is 403 and stores nothing", arguments: Stage.Backend.all)
        func forgedDialog(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            _ = try await stage.fake.runSlashCommand("", user: stage.ana, channel: stage.office)
            let opened = try #require(await stage.fake.openedDialogs.last)
            let state = try #require(opened.request.dialog.state)
            let submission: [String: JSONValue] = ["message": "wire the money", "recipients": "~town-square", "when": "in 1 hour"]
            let forgeries = [
                SubmitDialogRequest(callbackID: "remind", userID: stage.ben.id, channelID: stage.office.id,
                                    teamID: stage.fake.team.id, submission: submission),
                SubmitDialogRequest(callbackID: "remind", state: state, userID: stage.ben.id, channelID: stage.office.id,
                                    teamID: stage.fake.team.id, submission: submission),
                SubmitDialogRequest(callbackID: "remind", state: stage.fake.team.id + "|acme|v1.1.99999999999.00",
                                    userID: stage.ana.id, channelID: stage.office.id, submission: submission),
                SubmitDialogRequest(callbackID: "remind", state: String(state.dropLast()) + (state.hasSuffix("0") ? "1" : "0"),
                                    userID: stage.ana.id, channelID: stage.office.id, submission: submission),
            ]
            for forged in forgeries {
                let response = try await stage.remind.request(
                    "POST", "/dialog", body: try JSONEncoder().encode(forged), contentType: "application/json")
                #expect(response.status == 403, "state \(forged.state)")
            }
            #expect(try await stage.store().countActive() == 0)
            // The genuine submission still works.
            let good = try await stage.fake.submitDialog(submission)
            #expect(good.status == 200)
            #expect(good.response?.errors == nil && good.response?.error == nil, "\(String(describing: good.response))")
            #expect(try await stage.store().countActive() == 1)
            try await stage.finish()
        }

        @Test("a deactivated account or a bot cannot submit the dialog, even with a genuine state", arguments: Stage.Backend.all)
        func deactivatedAndBotSenders(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let dora = await stage.fake.addUser("dora", timezone: .manual("UTC"))
            _ = try await stage.fake.runSlashCommand("", user: dora, channel: stage.office)
            await stage.fake.deactivate(dora)
            let refused = try await stage.fake.submitDialog(["message": "x", "when": "in 1 hour"])
            #expect(refused.status == 403)
            let helper = await stage.fake.addUser("helperbot", isBot: true)
            _ = try await stage.fake.runSlashCommand("", user: helper, channel: stage.office)
            let bot = try await stage.fake.submitDialog(["message": "x", "when": "in 1 hour"])
            #expect(bot.status == 403)
            #expect(bot.response?.error?.contains("Bots") == true)
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }

        @Test("list clicks with huge, negative or altered numbers are 403, and the service keeps serving", arguments: Stage.Backend.all)
        func hostileListNumbers(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            for hour in 1...6 { try await stage.run("me to task \(hour) in \(hour) hours") }
            _ = try await stage.run("list")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last)
            let next = try #require(listPost.post.attachments.last?.actions?.first { $0.id == "next" }?.integration?.context)
            let complete = try #require(listPost.post.attachments.first?.actions?.first?.integration?.context)
            let altered: [[String: JSONValue]] = [
                next.merging(["page": "9223372036854775807"]) { _, new in new },
                next.merging(["page": "-1"]) { _, new in new },
                next.merging(["page": "2"]) { _, new in new },
                next.merging(["page": "1e3"]) { _, new in new },
                complete.merging(["reminder": "99999999999999999999"]) { _, new in new },
                complete.merging(["reminder": "+1"]) { _, new in new },
                complete.merging(["op": "delete"]) { _, new in new },
                complete.merging(["owner": .string(stage.ben.id)]) { _, new in new },
            ]
            for context in altered {
                let click = PostActionRequest(userID: stage.ana.id, channelID: dm.id, postID: listPost.post.id, context: context)
                let response = try await stage.remind.request(
                    "POST", "/action", body: try JSONEncoder().encode(click), contentType: "application/json")
                #expect(response.status == 403, "\(context)")
            }
            #expect(try await stage.remind.request("GET", "/healthz").status == 200)
            #expect(try await stage.store().countActive() == 6)
            // The genuine button still works after all that.
            _ = try await stage.fake.clickButton(postID: listPost.post.id, actionID: "next", user: stage.ana)
            #expect(await stage.fake.post(id: listPost.post.id)?.attachments.last?.text == "Reminders 6–6 of 6")
            try await stage.finish()
        }

        @Test("confirmation undo names its reminders under the token: another id list is 403, nothing deleted", arguments: Stage.Backend.all)
        func undoTokenCoversTheReminders(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("@ben to water in 1 hour", as: stage.ben)
            try await stage.run("me to plan in 1 hour")
            let confirmation = try #require(await stage.lastEphemeral(for: stage.ana))
            let context = try #require(confirmation.attachments.first?.actions?.first?.integration?.context)
            let other = context.merging(["reminders": "1,2"]) { _, new in new }
            let click = PostActionRequest(userID: stage.ana.id, channelID: stage.office.id, postID: "x", context: other)
            let response = try await stage.remind.request(
                "POST", "/action", body: try JSONEncoder().encode(click), contentType: "application/json")
            #expect(response.status == 403)
            #expect(try await stage.store().countActive() == 2)
            try await stage.finish()
        }

        @Test("@channel, @all, @here and <!channel> in a channel reminder's message are posted as text", arguments: Stage.Backend.all)
        func broadcastMentionsNeutralised(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let reply = try await stage.run("~town-square to tell @channel and <!here> about lunch in 1 second")
            #expect(reply.contains("never notify a whole channel"), "\(reply)")
            let posts = try await stage.waitForPosts(in: stage.town, count: 1)
            let message = try #require(posts.first?.post.message)
            #expect(message.contains("`@channel`") && message.contains("`@here`"), "\(message)")
            #expect(!message.replacingOccurrences(of: "`@channel`", with: "").contains("@channel"))
            #expect(!message.contains("<!here>"))
            try await stage.finish()
        }

        @Test("NUL and other control characters are left out of what is stored and posted", arguments: Stage.Backend.all)
        func controlCharactersStripped(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let reply = try await stage.run("me to pay\u{0} the\u{7} rent\u{202E} in 1 hour")
            #expect(reply.hasPrefix("I will remind you to pay the rent"), "\(reply)")
            let stored = try #require(try await stage.store().reminders(forUser: stage.ana.id, limit: 1).reminders.first)
            #expect(stored.message == "pay the rent")
            #expect(!stored.phrase.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
            try await stage.finish()
        }

        @Test("a message past the server's MaxPostSize in runes (heading included) is refused when set, not at delivery", arguments: Stage.Backend.all)
        func maxPostSizeInRunes(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            await stage.fake.setMaxPostSize(4_000)
            // 1,000 family emoji are 1,000 characters but 7,000 runes.
            let family = String(repeating: "👨‍👩‍👧‍👦", count: 1_000)
            let reply = try await stage.run("me \"\(family)\" in 1 hour")
            #expect(reply.contains("this server allows 4000"), "\(reply.prefix(200))")
            #expect(try await stage.store().countActive() == 0)
            let fits = String(repeating: "ä", count: 3_900)
            #expect(try await stage.run("me \"\(fits)\" in 1 hour").hasPrefix("I will remind you"))
            try await stage.finish()
        }

        @Test("a body over the route's cap (256 KiB for /command, 64 KiB for clicks and dialogs) is 413; serving goes on", arguments: Stage.Backend.all)
        func callbackBodyCap(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            for (path, limit) in [("/command", RemindRoutesLimit.command), ("/action", RemindRoutesLimit.callback),
                                  ("/dialog", RemindRoutesLimit.callback)] {
                let big = Data(repeating: UInt8(ascii: "a"), count: limit + 1)
                let response = try await stage.remind.request("POST", path, body: big, contentType: "application/json")
                #expect(response.status == 413, "\(path)")
            }
            #expect(try await stage.remind.request("GET", "/healthz").status == 200)
            #expect(try await stage.run("me to stretch in 1 hour").hasPrefix("I will remind you"))
            try await stage.finish()
        }
    }
}

/// RemindRoutes' body caps, spelled here because the end-to-end target only sees the binary.
enum RemindRoutesLimit {
    static let callback = 64 * 1_024
    static let command = 256 * 1_024
}
