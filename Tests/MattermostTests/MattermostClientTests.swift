import Foundation
import Mattermost
import Testing
import TestSupport

@Suite("MattermostClient against the fake on a real socket")
struct MattermostClientTests {
    @Test("users, teams, channels and memberships")
    func lookups() async throws {
        try await withFakeServer { fake, client in
            let sam = await fake.addUser("sam", timezone: .manual("Europe/Berlin"))
            let outsider = await fake.addUser("kim", team: await fake.addTeam("other"))
            let town = await fake.addChannel("town-square", members: [sam])

            let me = try await client.me()
            #expect(me.id == fake.bot.id && me.isBot)
            #expect(try await client.user(id: sam.id).effectiveTimeZone == "Europe/Berlin")
            #expect(try await client.user(username: "sam").id == sam.id)
            #expect(Set(try await client.users(ids: [sam.id, outsider.id, "unknown"]).map(\.username)) == ["sam", "kim"])
            let team = try await client.team(name: "acme")
            #expect(team == fake.team)
            #expect(try await client.teamMember(teamID: team.id, userID: sam.id)?.userID == sam.id)
            #expect(try await client.teamMember(teamID: team.id, userID: outsider.id) == nil)
            #expect(try await client.channel(teamID: team.id, name: "town-square") == town)
            #expect(try await client.channelMember(channelID: town.id, userID: sam.id)?.channelID == town.id)
            #expect(try await client.channelMember(channelID: town.id, userID: outsider.id) == nil)
            let direct = try await client.directChannel(with: sam.id, botID: me.id)
            #expect(direct.type == .direct && direct.name == [sam.id, me.id].sorted().joined(separator: "__"))
            #expect(try await client.directChannel(with: sam.id, botID: me.id).id == direct.id)

            let recorded = await fake.requests("GET", "/api/v4/users/me")
            #expect(recorded.first?.header("Authorization") == "Bearer \(fake.botToken)")
            #expect(recorded.first?.header("Cookie") == nil)
        }
    }

    @Test("posts: create with pending_post_id, read, patch, update, list since, delete")
    func posts() async throws {
        try await withFakeServer { fake, client in
            let town = await fake.addChannel("town-square")
            var post = Post(channelID: town.id, message: "Reminder: stretch", pendingPostID: "occ-7")
            let button = try PostAction(
                id: "complete", name: "Complete",
                integration: PostActionIntegration(url: "http://127.0.0.1:1/action", stringContext: ["token": "t"]))
            try post.setAttachments([MessageAttachment(text: "due now", actions: [button])])
            let created = try await client.createPost(post)
            #expect(created.userID == fake.bot.id && created.createAt > 0 && created.pendingPostID == "occ-7")
            #expect(created.attachments.first?.actions?.first?.integration == nil)
            #expect(try await client.createPost(post).id == created.id)
            #expect(await fake.createdPosts.count == 1)
            #expect(await fake.requests("POST", "/api/v4/posts").first?.query == "set_online=false")

            #expect(try await client.getPost(id: created.id).message == "Reminder: stretch")
            let patched = try await client.patchPost(id: created.id, message: "Done: stretch", props: [:])
            #expect(patched.message == "Done: stretch" && patched.props == [:] && patched.editAt > 0)
            let page = try await client.channelPosts(channelID: town.id, since: created.createAt - 1)
            #expect(page.order == [created.id] && page.posts[created.id]?.message == "Done: stretch")
            try await client.deletePost(id: created.id)
            await #expect(throws: MattermostError.self) { try await client.getPost(id: created.id) }
        }
    }

    @Test("dialogs, client config, commands and ping")
    func integrationsAndConfig() async throws {
        try await withFakeServer { fake, client in
            let sam = await fake.addUser("sam")
            let town = await fake.addChannel("town-square", members: [sam])
            let trigger = await fake.makeTriggerID(for: sam, in: town)
            let dialog = Dialog(callbackID: "edit", title: "Edit reminder", elements: [
                DialogElement(displayName: "When", name: "when", type: "text", optional: true),
            ])
            try await client.openDialog(OpenDialogRequest(triggerID: trigger, url: "http://127.0.0.1:1/dialog", dialog: dialog))
            #expect(await fake.openedDialogs.first?.userID == sam.id)
            let stale = await mattermostError { () async throws(MattermostError) in
                try await client.openDialog(OpenDialogRequest(triggerID: "stale", url: "http://x/dialog", dialog: dialog))
            }
            #expect(stale?.status == 400 && stale?.appErrorID?.hasPrefix("interactive_message.decode_trigger_id") == true)

            let config = try await client.clientConfig()
            #expect(config.siteURL == client.baseURL.absoluteString && config.maxPostSize == 16_383)

            let admin = MattermostClient(baseURL: client.baseURL, token: fake.adminToken)
            let command = try await admin.createCommand(Command(
                teamID: fake.team.id, trigger: "remind", url: "http://127.0.0.1:8066/command",
                autoCompleteDesc: "Set a reminder", autoCompleteHint: "[who] [what] [when]"))
            #expect(command.token.count == 26 && command.method == "P")
            var changed = command
            changed.url = "http://127.0.0.1:9999/command"
            #expect(try await admin.updateCommand(changed).url == changed.url)
            #expect(try await admin.commands(teamID: fake.team.id).map(\.id) == [command.id])

            try await client.ping()
            #expect(client.serverVersion == fake.version)
        }
    }
}

@Suite("MattermostClient errors and rate limits")
struct MattermostClientErrorTests {
    @Test("401 and 404 decode the AppError and are permanent")
    func permanentErrors() async throws {
        try await withFakeServer { fake, client in
            let stranger = MattermostClient(baseURL: client.baseURL, token: "not-a-token")
            let unauthorized = await mattermostError { () async throws(MattermostError) in try await stranger.me() }
            #expect(unauthorized?.status == 401 && unauthorized?.appErrorID == "api.context.session_expired.app_error")
            #expect(unauthorized?.isRetryable == false)
            let missing = await mattermostError { () async throws(MattermostError) in try await client.user(username: "nobody") }
            #expect(missing?.status == 404 && missing?.appErrorID == "app.user.missing_account.const")
            #expect(missing?.isRetryable == false)
        }
    }

    // The post is sent on the kept-alive connection of the 503 and the server closes it after saving the
    // post: curl would re-send on a fresh connection; the client must not let it (a second "lost").
    @Test("503 is retryable; a dropped response is a network error although the post exists")
    func retryableErrors() async throws {
        try await withFakeServer(timeout: .seconds(1)) { fake, client in
            let town = await fake.addChannel("town-square")
            await fake.failNextPosts(count: 1, status: 503)
            let unavailable = await mattermostError { () async throws(MattermostError) in try await client.createPost(Post(channelID: town.id, message: "x")) }
            #expect(unavailable?.status == 503 && unavailable?.isRetryable == true)
            await fake.dropResponseAfterCreatingPost(count: 1)
            let dropped = await mattermostError { () async throws(MattermostError) in try await client.createPost(Post(channelID: town.id, message: "lost")) }
            guard case .network? = dropped else {
                Issue.record("expected a network error, got \(String(describing: dropped))")
                return
            }
            #expect(dropped?.isRetryable == true)
            let stored = try await client.channelPosts(channelID: town.id, since: 0)
            #expect(stored.orderedPosts.map(\.message) == ["lost"])
        }
    }

    @Test("a slow server times out as a network error")
    func timeout() async throws {
        try await withFakeServer(timeout: .milliseconds(300)) { fake, client in
            await fake.setLatency(.seconds(1))
            let slow = await mattermostError { () async throws(MattermostError) in try await client.me() }
            guard case .network? = slow else {
                Issue.record("expected a network error, got \(String(describing: slow))")
                return
            }
        }
    }

    @Test("a sub-second timeout lets prompt answers through and is enforced by the client")
    func subSecondTimeout() async throws {
        // URLSession on Linux truncates timeouts to whole seconds: 500 ms used to fail every request at once.
        try await withFakeServer(timeout: .milliseconds(500)) { fake, client in
            let bot = try await client.me()
            #expect(bot.isBot)
            let town = await fake.addChannel("town-square")
            let created = try await client.createPost(Post(channelID: town.id, message: "quick"))
            #expect(!created.id.isEmpty)
            await fake.setLatency(.seconds(3))
            let slow = await mattermostError { () async throws(MattermostError) in try await client.me() }
            // The client's own deadline, not URLSession's whole-second backstop, ended the request.
            guard case .network(let reason)? = slow, reason.contains("no answer within") else {
                Issue.record("expected the client's timeout, got \(String(describing: slow))")
                return
            }
        }
    }

    @Test("rate-limit headers are surfaced and 429 carries Retry-After")
    func rateLimits() async throws {
        try await withFakeServer { fake, client in
            #expect(client.lastRateLimit == nil)
            await fake.setRateLimit(perSecond: 1, maxBurst: 1)
            _ = try await client.me()
            #expect(client.lastRateLimit == RateLimitStatus(limit: 2, remaining: 1, reset: .seconds(1)))
            var refusal: MattermostError?
            for _ in 0..<10 where refusal == nil {
                refusal = await mattermostError { () async throws(MattermostError) in try await client.me() }
            }
            guard case .rateLimited(let retryAfter, let reset)? = refusal else {
                Issue.record("expected a 429, got \(String(describing: refusal))")
                return
            }
            #expect(retryAfter == .seconds(1) && reset != nil)
            #expect(refusal?.isRetryable == true)
            #expect(await fake.rateLimitedCount == 1)
            #expect(client.lastRateLimit?.remaining == 0)
        }
    }
}
