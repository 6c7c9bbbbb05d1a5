import Foundation
import HTTPServer
import Mattermost
import Testing
import TestSupport

/// Drives the fake's handler directly (no socket), as the bot would.
private func send(
    _ fake: FakeMattermost, _ method: String, _ path: String, query: String = "", json body: String = "",
    token: String? = nil
) async -> HTTPResponse {
    var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
    headers.append(("Authorization", "Bearer \(token ?? fake.botToken)"))
    return await fake.handle(HTTPRequest(method: method, path: path, query: query, headers: headers, body: Data(body.utf8)))
}

private func header(_ response: HTTPResponse, _ name: String) -> String? {
    response.headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
}

private func postBody(channelID: String, actionID: String, context: String = #"{"token":"s"}"#, pending: String = "") -> String {
    #"{"channel_id":"\#(channelID)","message":"due","pending_post_id":"\#(pending)","props":{"attachments":[{"text":"t","actions":[{"id":"\#(actionID)","name":"Done","type":"button","integration":{"url":"http://remindd/action","context":\#(context)}}]}]}}"#
}

@Suite("FakeMattermost handler")
struct FakeMattermostHandlerTests {
    @Test("another token gets a 401 AppError")
    func unknownToken() async throws {
        let fake = FakeMattermost()
        let response = await send(fake, "GET", "/api/v4/users/me", token: "nope")
        #expect(response.status == 401)
        let error = try JSONDecoder().decode(AppError.self, from: response.body)
        #expect(error.id == "api.context.session_expired.app_error" && error.statusCode == 401)
        #expect(header(response, "X-Request-Id") == error.requestID)
    }

    @Test("posts need valid action ids and string contexts", arguments: [
        ("snooze_10m", #"{"token":"s"}"#, 400), ("mark-done", #"{"token":"s"}"#, 400),
        ("complete", #"{"occurrence":42}"#, 400), ("complete", #"{"token":"s"}"#, 201),
    ])
    func postValidation(actionID: String, context: String, status: Int) async throws {
        let fake = FakeMattermost()
        let channel = await fake.addChannel("town-square")
        let response = await send(fake, "POST", "/api/v4/posts", json: postBody(channelID: channel.id, actionID: actionID, context: context))
        #expect(response.status == status, "\(actionID) \(context): \(String(decoding: response.body, as: UTF8.self))")
        #expect(await fake.createdPosts.count == (status == 201 ? 1 : 0))
    }

    @Test("created posts are marked from_bot, keep their integration, and GET strips it")
    func integrationStripping() async throws {
        let fake = FakeMattermost()
        let channel = await fake.addChannel("town-square")
        let created = await send(fake, "POST", "/api/v4/posts", json: postBody(channelID: channel.id, actionID: "complete"))
        let post = try JSONDecoder().decode(Post.self, from: created.body)
        #expect(post.props?["from_bot"] == "true")
        #expect(await fake.post(id: post.id)?.attachments.first?.actions?.first?.integration?.context?["token"] == "s")
        let fetched = await send(fake, "GET", "/api/v4/posts/\(post.id)")
        let readBack = try JSONDecoder().decode(Post.self, from: fetched.body)
        #expect(readBack.attachments.first?.actions?.first?.id == "complete")
        #expect(readBack.attachments.first?.actions?.first?.integration == nil)
    }

    @Test("a repeated pending_post_id returns the original within 30 s and duplicates after")
    func pendingPostDeduplication() async throws {
        let clock = TestClock()
        let fake = FakeMattermost(now: { clock.now })
        let channel = await fake.addChannel("town-square")
        let body = postBody(channelID: channel.id, actionID: "complete", pending: "occ-1")
        let first = try JSONDecoder().decode(Post.self, from: await send(fake, "POST", "/api/v4/posts", json: body).body)
        clock.advance(by: 29)
        let repeated = await send(fake, "POST", "/api/v4/posts", json: body)
        #expect(repeated.status == 201)
        #expect(try JSONDecoder().decode(Post.self, from: repeated.body).id == first.id)
        #expect(await fake.createdPosts.count == 1)
        clock.advance(by: 2)
        let late = await send(fake, "POST", "/api/v4/posts", json: body)
        #expect(try JSONDecoder().decode(Post.self, from: late.body).id != first.id)
        #expect(await fake.createdPosts.count == 2)
    }

    @Test("a pending_post_id still being saved gets the dedup 500")
    func pendingInFlight() async throws {
        let fake = FakeMattermost()
        let channel = await fake.addChannel("town-square")
        await fake.setLatency(.milliseconds(300))
        let body = postBody(channelID: channel.id, actionID: "complete", pending: "occ-2")
        async let first = send(fake, "POST", "/api/v4/posts", json: body)
        try await Task.sleep(for: .milliseconds(50))
        let second = await send(fake, "POST", "/api/v4/posts", json: body)
        #expect(second.status == 500)
        #expect(try JSONDecoder().decode(AppError.self, from: second.body).id == "api.post.deduplicate_create_post.pending")
        #expect(await first.status == 201)
    }

    @Test("injected failures, then success")
    func injectedFailures() async throws {
        let fake = FakeMattermost()
        let channel = await fake.addChannel("town-square")
        await fake.failNextPosts(count: 2, status: 503)
        await fake.dropResponseAfterCreatingPost(count: 1)
        let body = #"{"channel_id":"\#(channel.id)","message":"x"}"#
        #expect(await send(fake, "POST", "/api/v4/posts", json: body).status == 503)
        #expect(await send(fake, "POST", "/api/v4/posts", json: body).status == 503)
        #expect(await send(fake, "POST", "/api/v4/posts", json: body).status == HTTPResponse.dropConnection.status)
        #expect(await fake.createdPosts.count == 1)
        #expect(await send(fake, "POST", "/api/v4/posts", json: body).status == 201)
    }

    @Test("posting needs channel membership and a root in the same channel")
    func postPermissions() async throws {
        let fake = FakeMattermost()
        let outside = await fake.addChannel("secret", type: .privateChannel, botIsMember: false)
        let channel = await fake.addChannel("town-square")
        #expect(await send(fake, "POST", "/api/v4/posts", json: #"{"channel_id":"\#(outside.id)","message":"x"}"#).status == 403)
        #expect(await send(fake, "POST", "/api/v4/posts", json: #"{"channel_id":"\#(channel.id)","message":"x","root_id":"nope"}"#).status == 400)
        #expect(await send(fake, "GET", "/api/v4/teams/\(fake.team.id)/channels/name/secret").status == 404)
        let tooLong = String(repeating: "ä", count: await fake.maxPostSize + 1)
        #expect(await send(fake, "POST", "/api/v4/posts", json: #"{"channel_id":"\#(channel.id)","message":"\#(tooLong)"}"#).status == 400)
    }

    @Test("GCRA: burst + 1 requests pass, then 429 with Retry-After, refilling at the rate")
    func gcraLimiter() {
        var limiter = GCRARateLimiter(perSecond: 10, maxBurst: 100)
        let first = limiter.take(at: .zero)
        #expect(first.allowed && first.limit == 101 && first.remaining == 100)
        var last = first
        for _ in 1...100 { last = limiter.take(at: .zero) }
        #expect(last.allowed && last.remaining == 0)
        #expect(last.resetAfter == .seconds(10) + .milliseconds(100))
        let refused = limiter.take(at: .zero)
        #expect(!refused.allowed && refused.retryAfter == .milliseconds(100) && refused.remaining == 0)
        #expect(refused.headers.contains { $0 == ("Retry-After", "1") })
        #expect(refused.headers.contains { $0 == ("X-RateLimit-Reset", "11") })
        #expect(limiter.take(at: .milliseconds(100)).allowed)
        #expect(!limiter.take(at: .milliseconds(150)).allowed)
    }

    @Test("the rate limiter answers 429 in plain text and counts it")
    func rateLimitedResponse() async throws {
        let fake = FakeMattermost()
        await fake.setRateLimit(perSecond: 1, maxBurst: 1)
        let first = await send(fake, "GET", "/api/v4/users/me")
        #expect(first.status == 200 && header(first, "X-RateLimit-Limit") == "2" && header(first, "X-RateLimit-Remaining") == "1")
        _ = await send(fake, "GET", "/api/v4/users/me")
        let refused = await send(fake, "GET", "/api/v4/users/me")
        #expect(refused.status == 429)
        #expect(String(decoding: refused.body, as: UTF8.self) == "limit exceeded\n")
        #expect(header(refused, "Retry-After") != nil && header(refused, "Content-Type")?.hasPrefix("text/plain") == true)
        #expect(await fake.rateLimitedCount == 1)
    }

    @Test("command registration needs an admin and a unique trigger")
    func commandRegistration() async throws {
        let fake = FakeMattermost()
        let body = #"{"team_id":"\#(fake.team.id)","trigger":"Remind","method":"P","url":"http://remindd/command","auto_complete":true}"#
        #expect(await send(fake, "POST", "/api/v4/commands", json: body).status == 403)
        let created = await send(fake, "POST", "/api/v4/commands", json: body, token: fake.adminToken)
        #expect(created.status == 201)
        let command = try JSONDecoder().decode(Command.self, from: created.body)
        #expect(command.trigger == "remind" && command.token.count == 26 && !command.id.isEmpty)
        let duplicate = await send(fake, "POST", "/api/v4/commands", json: body, token: fake.adminToken)
        #expect(try JSONDecoder().decode(AppError.self, from: duplicate.body).id == "api.command.duplicate_trigger.app_error")
    }
}

/// A settable wall clock for the fake.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}
