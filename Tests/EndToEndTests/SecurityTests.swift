import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// Tokens on commands and buttons.
    @Suite("End to end: tokens")
    struct SecurityTests {
        @Test("a wrong command token is 401 and stores nothing; GET with the right one works", arguments: Stage.Backend.all)
        func commandToken(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let form = GoForm.encode([
                ("token", "not-the-token"), ("user_id", stage.ana.id), ("team_id", stage.fake.team.id),
                ("channel_id", stage.office.id), ("text", "me to stretch in 1 hour"),
            ])
            let refused = try await stage.remind.request(
                "POST", "/command", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
            #expect(refused.status == 401)
            #expect(try await stage.store().countActive() == 0)

            let query = GoForm.encode([
                ("token", stage.remind.commandToken), ("user_id", stage.ana.id), ("team_id", stage.fake.team.id),
                ("channel_id", stage.office.id), ("text", "me to stretch in 1 hour"),
            ])
            var components = URLComponents(url: stage.remind.baseURL.appendingPathComponent("command"), resolvingAgainstBaseURL: false)
            components?.percentEncodedQuery = query
            let (data, response) = try await URLSession.shared.data(from: try #require(components?.url))
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let answer = try JSONDecoder().decode(CommandResponse.self, from: data)
            #expect(answer.text?.hasPrefix("I will remind you to stretch") == true)
            #expect(answer.skipSlackParsing == true)
            #expect(try await stage.store().countActive() == 1)
            try await stage.finish()
        }

        @Test("a forged or replayed action token is 403 and changes nothing", arguments: Stage.Backend.all)
        func forgedAction(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to stretch in 1 second")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let post = try #require(try await stage.waitForPosts(in: dm, count: 1).first)
            let stored = try #require(await stage.fake.post(id: post.post.id))
            let context = try #require(stored.attachments.first?.actions?.first?.integration?.context)
            var forged = context
            forged["token"] = "0123456789abcdef0123456789abcdef"
            for body in [forged, context.merging(["occurrence": "999"]) { _, new in new }] {
                let request = PostActionRequest(
                    userID: stage.ana.id, userName: "ana", channelID: dm.id, postID: post.post.id, context: body)
                let response = try await stage.remind.request(
                    "POST", "/action", body: try JSONEncoder().encode(request), contentType: "application/json")
                #expect(response.status == 403)
            }
            #expect(await stage.fake.post(id: post.post.id)?.message == stored.message)
            let reminders = try await stage.store().reminders(forUser: stage.ana.id, limit: 5).reminders
            #expect(reminders.map(\.state) == [.active])
            try await stage.finish()
        }

        @Test("Mattermost down while answering: a friendly ephemeral, still 200", arguments: Stage.Backend.all)
        func mattermostDown(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to warm the cache in 1 hour")
            await stage.fake.stop()
            let form = GoForm.encode([
                ("token", stage.remind.commandToken), ("user_id", stage.ana.id), ("team_id", stage.fake.team.id),
                ("channel_id", stage.office.id), ("text", "@ben to review in 1 hour"),
            ])
            let response = try await stage.remind.request(
                "POST", "/command", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
            #expect(response.status == 200)
            let answer = try JSONDecoder().decode(CommandResponse.self, from: response.body)
            #expect(answer.text == "I couldn't reach Mattermost to check @ben; try again in a minute.")
            #expect(try await stage.store().countActive() == 1)
            #expect(try await stage.remind.stop() == 0)
        }
    }
}
