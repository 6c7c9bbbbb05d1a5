import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `… as a team`: one post in the channel with a Complete button per person and a live tally.
    @Suite("End to end: team reminders")
    struct TeamReminderTests {
        @Test("a 3-person team: the tally after two completions, only one's own button counts, the summary after the third", arguments: Stage.Backend.all)
        func teamOfThree(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let reply = try await stage.run("@ben @cid me to submit timesheets in 1 second as a team")
            #expect(reply.hasPrefix("I will remind @ben, @cid and you as a team, here, to submit timesheets at "), "\(reply)")
            let posts = try await stage.waitForPosts(in: stage.office, count: 1)
            let post = try #require(posts.first?.post)
            #expect(posts.count == 1, "one post for the team, in the channel")
            #expect(post.message == "🔔 Reminder from @ana for @ben @cid @ana: submit timesheets", "\(post.message)")
            #expect(post.attachments.first?.text == "0 of 3 done")
            func button(_ name: String) async throws -> String {
                let actions = await stage.fake.post(id: post.id)?.attachments.first?.actions ?? []
                return try #require(actions.first { $0.name == "Complete: @\(name)" }?.id, "no button for @\(name)")
            }
            #expect(await stage.directPosts(to: stage.ben).isEmpty, "no DM per person")

            let bensButton = try await button("ben")
            let wrong = try await stage.fake.clickButton(postID: post.id, actionID: bensButton, user: stage.cid)
            #expect(wrong.status == 200)
            #expect(wrong.response?.ephemeralText?.contains("@ben's") == true, "\(String(describing: wrong.response))")
            #expect(await stage.fake.post(id: post.id)?.attachments.first?.text == "0 of 3 done")

            _ = try await stage.fake.clickButton(postID: post.id, actionID: bensButton, user: stage.ben)
            _ = try await stage.fake.clickButton(postID: post.id, actionID: try await button("cid"), user: stage.cid)
            let two = try #require(await stage.fake.post(id: post.id))
            #expect(two.attachments.first?.text == "2 of 3 done: @ben ✓ @cid ✓")
            #expect(two.message == "🔔 Reminder from @ana for @ana: submit timesheets", "only who is left is named")
            #expect(two.attachments.first?.actions?.map(\.name).filter { $0.hasPrefix("Complete") } == ["Complete: @ana"])
            #expect(await stage.directPosts(to: stage.ana).isEmpty, "no summary before everyone is done")

            _ = try await stage.fake.clickButton(postID: post.id, actionID: try await button("ana"), user: stage.ana)
            let all = try #require(await stage.fake.post(id: post.id))
            #expect(all.message.hasPrefix("✅ ~~🔔 Reminder from @ana for @ben @cid @ana: submit timesheets~~"), "\(all.message)")
            #expect(all.attachments.first?.text == "3 of 3 done: @ben ✓ @cid ✓ @ana ✓ — all done.")
            #expect(all.attachments.first?.actions == nil)
            let summary = try #require(await stage.directPosts(to: stage.ana).last?.post.message)
            #expect(summary.hasPrefix("All 3 done with “submit timesheets” (due "), "\(summary)")
            #expect(summary.hasSuffix("@ben ✓ @cid ✓ @ana ✓"))
            let stored = try #require(try await stage.store().reminders(forUser: stage.ana.id, includeCompleted: true, limit: 5).reminders.first)
            #expect(stored.state == .completed && stored.team?.count == 3)
            try await stage.finish()
        }

        @Test("a member's own list shows the team reminder with its tally and only their Complete; only its creator changes it",
              arguments: Stage.Backend.all)
        func membersList(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("@ben @cid to submit timesheets in 1 second as a team")
            let post = try #require(try await stage.waitForPosts(in: stage.office, count: 1).first?.post)
            let bensButton = try #require(post.attachments.first?.actions?.first { $0.name == "Complete: @ben" }?.id)
            _ = try await stage.fake.clickButton(postID: post.id, actionID: bensButton, user: stage.ben)

            _ = try await stage.run("list", as: stage.cid)
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.cid)
            let list = try #require(await stage.fake.posts(inChannel: dm).last?.post)
            let item = try #require(list.attachments.first)
            #expect(item.text?.contains("**submit timesheets** in ~office as a team (@ben @cid), set by @ana") == true, "\(item.text ?? "")")
            #expect(item.fields?.first { $0.title == "This round" }?.value == "1 of 2 done: @ben ✓")
            #expect(item.actions?.map(\.name) == ["Complete my part"], "a member changes only their own part")
            _ = try await stage.fake.clickButton(postID: list.id, actionID: "complete0", user: stage.cid)
            let updated = try #require(await stage.fake.post(id: post.id))
            #expect(updated.attachments.first?.text == "2 of 2 done: @ben ✓ @cid ✓ — all done.", "\(updated.attachments.first?.text ?? "")")

            // The creator's list keeps every button; a member's snooze of the whole reminder is refused.
            try await stage.run("@ben @cid to plan the sprint in 2 hours as a team")
            let planned = try #require(try await stage.store().reminders(forUser: stage.ben.id, limit: 5).reminders.first { $0.message == "plan the sprint" })
            _ = try await stage.run("list", as: stage.ben)
            let bensList = try #require(await stage.fake.posts(inChannel: await stage.fake.directChannel(stage.fake.bot, stage.ben)).last?.post)
            let early = try #require(bensList.attachments.firstIndex { $0.text?.contains("plan the sprint") == true })
            _ = try await stage.fake.clickButton(postID: bensList.id, actionID: "complete\(early)", user: stage.ben)
            let afterEarly = try #require(await stage.fake.post(id: bensList.id))
            #expect(afterEarly.message.contains("Nothing to complete yet"), "\(afterEarly.message)")
            let snooze = try await stage.run("snooze \(planned.id) in 3 hours", as: stage.ben)
            #expect(snooze.contains("Only @ana, who set this team reminder, can"), "\(snooze)")
            _ = try await stage.run("list")
            let anasList = try #require(await stage.fake.posts(inChannel: await stage.fake.directChannel(stage.fake.bot, stage.ana)).last?.post)
            #expect(anasList.attachments.first?.actions?.map(\.name).contains("Delete") == true)
            try await stage.finish()
        }

        @Test("its creator edits a team reminder in place: message, people and when; the members follow", arguments: Stage.Backend.all)
        func editTeam(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("@ben @cid to plan the sprint in 2 hours as a team")
            let store = try stage.store()
            let before = try #require(try await store.reminders(forUser: stage.ana.id, limit: 5).reminders.first)
            _ = try await stage.run("list")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let list = try #require(await stage.fake.posts(inChannel: dm).last?.post)
            _ = try await stage.fake.clickButton(postID: list.id, actionID: "edit0", user: stage.ana)
            let form = try #require(await stage.fake.openedDialogs.last?.request.dialog)
            let people = try #require(form.elements.first { $0.name == "recipients" })
            #expect(people.displayName == "Team" && people.defaultValue == "@ben @cid", "\(people)")

            let one = try await stage.fake.submitDialog(["message": "plan", "recipients": "@ben", "when": "in 3 hours"])
            #expect(one.response?.errors?["recipients"]?.hasPrefix("A team reminder is for two or more people") == true,
                    "\(String(describing: one.response))")
            let saved = try await stage.fake.submitDialog(
                ["message": "plan the next sprint", "recipients": "@ben @cid me", "when": "in 3 hours"])
            #expect(saved.status == 200 && saved.response?.errors == nil && saved.response?.error == nil, "\(String(describing: saved.response))")
            let edited = try #require(try await store.reminder(id: before.id))
            #expect(edited.message == "plan the next sprint" && edited.team?.map(\.username) == ["ben", "cid", "ana"])
            #expect(edited.targetID == before.targetID && edited.createdAt == before.createdAt, "same id, same channel")
            #expect(edited.nextFireAt != before.nextFireAt, "a new when counts from now")
            #expect(try await store.reminders(forUser: stage.cid.id, limit: 5).reminders.map(\.id) == [before.id])

            let fewer = try await stage.fake.submitDialog(["message": "plan the next sprint", "recipients": "@ben me", "when": "in 3 hours"])
            #expect(fewer.response?.errors == nil)
            #expect(try await store.reminders(forUser: stage.cid.id, limit: 5).total == 0, "cid left the team, and its listing")
            try await stage.finish()
        }

        @Test("a team needs two or more people, the bot and every one of them in the channel", arguments: Stage.Backend.all)
        func refusals(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            #expect(try await stage.run("@ben to file it in 1 hour as a team").hasPrefix("A team reminder is for two or more people"))
            _ = await stage.fake.addUser("dora", timezone: .manual("UTC"))
            #expect(try await stage.run("@ben @dora to file it in 1 hour as a team").hasPrefix("@dora is not in this channel"))
            let quiet = await stage.fake.addChannel("quiet", members: [stage.ana, stage.ben, stage.cid], botIsMember: false)
            #expect(try await stage.run("@ben @cid to file it in 1 hour as a team", in: quiet).contains("I'm not in this channel"))
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }
    
        @Test("~channel as a team: its people (not the bot) are the team, the post goes to that channel", arguments: Stage.Backend.all)
        func channelTeam(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let reply = try await stage.run("~town-square to water the plants in 1 second as a team")
            #expect(reply.hasPrefix("I will remind @ana and @ben as a team, in ~town-square, to water the plants at "), "\(reply)")
            let posts = try await stage.waitForPosts(in: stage.town, count: 1)
            let post = try #require(posts.first?.post)
            #expect(post.attachments.first?.text == "0 of 2 done")
            let names = post.attachments.first?.actions?.map(\.name).filter { $0.hasPrefix("Complete") }
            #expect(names == ["Complete: @ana", "Complete: @ben"])
            #expect(await stage.fake.posts(inChannel: stage.office).isEmpty, "not posted where it was typed")

            _ = await stage.fake.addChannel("lonely", members: [stage.ana])
            let refused = try await stage.run("~lonely to file it in 1 hour as a team")
            #expect(refused.hasPrefix("~lonely has fewer than two people"), "\(refused)")
            try await stage.finish()
        }
    }
}
