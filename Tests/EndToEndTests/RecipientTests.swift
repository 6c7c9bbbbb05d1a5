import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `@user`, several users, `~channel`, and the refusals that protect them.
    @Suite("End to end: recipients")
    struct RecipientTests {
        @Test("@user and several @users each get their own post", arguments: Stage.Backend.all)
        func users(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let one = try await stage.run("@ben to review the PR in 1 second")
            #expect(one.hasPrefix("I will remind @ben to review the PR at "), "\(one)")
            let several = try await stage.run("@ben @cid and me to ship it in 1 second")
            #expect(several.hasPrefix("I will remind @ben, @cid and you to ship it"), "\(several)")

            let benDM = await stage.fake.directChannel(stage.fake.bot, stage.ben)
            let cidDM = await stage.fake.directChannel(stage.fake.bot, stage.cid)
            let anaDM = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let benPosts = try await stage.waitForPosts(in: benDM, count: 2)
            #expect(benPosts.allSatisfy { $0.post.message.contains("from @ana") })
            _ = try await stage.waitForPosts(in: cidDM, count: 1)
            _ = try await stage.waitForPosts(in: anaDM, count: 1)

            // Cid may not act on Ben's reminder; Ben may.
            let review = try #require(benPosts.first { $0.post.message.contains("review the PR") })
            let refused = try await stage.fake.clickButton(postID: review.post.id, actionID: "complete", user: stage.cid)
            #expect(refused.status == 200)
            #expect(refused.response?.ephemeralText?.contains("Only @ben or @ana") == true)
            #expect(await stage.fake.post(id: review.post.id)?.message == review.post.message)
            let done = try await stage.fake.clickButton(postID: review.post.id, actionID: "complete", user: stage.ben)
            #expect(done.response?.update != nil)
            try await stage.finish()
        }

        @Test("~channel: posted there when sender and bot are members; refused otherwise", arguments: Stage.Backend.all)
        func channels(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let posted = try await stage.run("~town-square to eat cake in 1 second")
            #expect(posted.hasPrefix("I will remind ~town-square to eat cake"), "\(posted)")
            _ = try await stage.waitForPosts(in: stage.town, count: 1)

            let notMember = try await stage.run("~town-square to eat cake in 1 hour", as: stage.cid)
            #expect(notMember.contains("You are not a member of ~town-square"), "\(notMember)")

            _ = await stage.fake.addChannel("quiet", members: [stage.ana], botIsMember: false)
            let botMissing = try await stage.run("~quiet to eat cake in 1 hour")
            #expect(botMissing.contains("`/invite @remindbot ~quiet`"), "\(botMissing)")

            let missing = try await stage.run("~nowhere to eat cake in 1 hour")
            #expect(missing.contains("I can't find ~nowhere"), "\(missing)")
            let store = try stage.store()
            #expect(try await store.countActive() == 1, "only the reminder for ~town-square was stored")
            try await stage.finish()
        }

        @Test("unknown, bot and deactivated users are refused with a reason; nothing is stored", arguments: Stage.Backend.all)
        func refusedUsers(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            _ = await stage.fake.addUser("gone", deactivated: true)
            #expect(try await stage.run("@nobody to call in 1 hour").contains("I can't find a user called @nobody"))
            #expect(try await stage.run("@remindbot to call in 1 hour").contains("is a bot"))
            #expect(try await stage.run("@gone to call in 1 hour").contains("deactivated"))
            #expect(try await stage.store().countActive() == 0)
            try await stage.finish()
        }
    }
}
