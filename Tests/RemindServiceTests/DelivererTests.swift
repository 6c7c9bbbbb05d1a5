import Foundation
import Mattermost
import RemindStore
import Testing
import TestSupport
@testable import RemindService

/// The deliverer against a misbehaving Mattermost: outages, rate limits, lost responses, crashes, refusals.
@Suite("Deliverer")
struct DelivererTests {
    /// Monday 2026-11-23 15:00 UTC.
    let start = Date(timeIntervalSince1970: 1_795_446_000)

    @Test("a Mattermost outage (503s) is ridden out with backoff; the reminder is posted once afterwards")
    func outage() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        await harness.fake.failNextPosts(count: 3, status: 503)
        let reminder = try await harness.create(due: start)
        try await harness.scheduler.start(automatically: false)
        clock.advance(by: 0.05)  // the wheel fires a timer due at its start on its next tick
        await harness.settle()

        let posts = await harness.anaPosts()
        #expect(posts.count == 1)
        #expect(await harness.fake.requests("POST", "/api/v4/posts").count == 4)
        let occurrence = try #require(try await harness.store.occurrence(id: 1))
        #expect(occurrence.reminderID == reminder.id)
        #expect(occurrence.state == .posted && occurrence.attempts == 4 && occurrence.postID == posts[0].post.id)
        #expect(harness.metrics.counter("remind_deliveries_total", labels: [("outcome", "retry")]) == 3)
        #expect(harness.metrics.counter("remind_deliveries_total", labels: [("outcome", "posted")]) == 1)
        await harness.close()
    }

    @Test("with Mattermost's rate limiter on, a burst is paced to its headers: all delivered once, few 429s")
    func rateLimited() async throws {
        let clock = SystemWallClock()
        let harness = try await DeliveryHarness(clock: clock, maxConcurrent: 4)
        await harness.fake.setRateLimit(perSecond: 50, maxBurst: 10)
        let channel = harness.general
        for index in 0..<40 {
            _ = try await harness.create(message: "burst \(index)", due: clock.now().addingTimeInterval(-1), channel: channel)
        }
        try await harness.scheduler.start(automatically: false)
        try await Task.sleep(for: .milliseconds(20))
        await harness.settle()

        let posts = await harness.fake.posts(inChannel: channel)
        #expect(posts.count == 40)
        #expect(Set(posts.compactMap(\.deliveryKey)).count == 40)
        let refused = await harness.fake.rateLimitedCount
        #expect(refused <= 4, "429s: \(refused)")
        #expect(try await harness.store.unfinishedDeliveries().isEmpty)
        await harness.close()
    }

    @Test("a 429 pauses all posting for Retry-After, then the reminder goes out")
    func retryAfter() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        // A bucket of one, refilled once a second: the second request of the same second gets a 429.
        await harness.fake.setRateLimit(perSecond: 1, maxBurst: 0)
        _ = try await harness.create(due: start, channel: harness.general)
        _ = try await harness.create(due: start, channel: harness.general)
        try await harness.scheduler.start(automatically: false)
        clock.advance(by: 0.05)
        let began = ContinuousClock.now
        await harness.settle()
        let elapsed = ContinuousClock.now - began
        #expect(await harness.fake.posts(inChannel: harness.general).count == 2)
        // The second post waited for the bucket (about a second), whether it met a 429 first or not.
        #expect(elapsed >= .milliseconds(500))
        await harness.close()
    }

    @Test("a response lost after the post was created does not lead to a second post")
    func lostResponse() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(
            clock: clock, requestTimeout: .seconds(1), retry: RetryPolicy(base: 0.6, maximum: 1))
        await harness.fake.dropResponseAfterCreatingPost(count: 1)
        _ = try await harness.create(due: start)
        try await harness.scheduler.start(automatically: false)
        clock.advance(by: 0.05)
        await harness.scheduler.tick()
        try await harness.fake.waitForPosts(count: 1)
        // Past Mattermost's 30 s pending_post_id memory: only remindd's own lookup can prevent a duplicate.
        clock.advance(by: 60)
        await harness.deliverer.waitUntilIdle()

        let posts = await harness.anaPosts()
        #expect(posts.count == 1)
        let occurrence = try #require(try await harness.store.occurrence(id: 1))
        #expect(occurrence.state == .posted && occurrence.postID == posts[0].post.id)
        #expect(harness.metrics.counter("remind_deliveries_total", labels: [("outcome", "duplicate_avoided")]) == 1)
        let dm = await harness.fake.directChannel(harness.fake.bot, harness.ana)
        #expect(await harness.fake.requests("GET", "/api/v4/channels/\(dm.id)/posts").count == 1)
        await harness.close()
    }

    @Test("after a crash between claim and post, an occurrence already posted is not posted again; one not posted is")
    func crashBetweenClaimAndPost() async throws {
        let clock = ManualWallClock(start)
        let first = try await DeliveryHarness(clock: clock)
        let posted = try await first.create(message: "made it", due: start)
        let lost = try await first.create(message: "never left", due: start)
        let installID = try await first.deliverer.installID()
        // The first run claimed both, posted one (as the deliverer would), and died.
        let claimOne = try await first.store.claimOccurrence(reminderID: posted.id, dueAt: start, kind: .scheduled, nextFireAt: nil, now: start)
        _ = try await first.store.claimOccurrence(reminderID: lost.id, dueAt: start, kind: .scheduled, nextFireAt: nil, now: start)
        let dm = try await first.directory.directChannel(with: first.ana.id)
        let post = try ReminderPost(publicURL: URL(string: "http://127.0.0.1:8066")!).post(
            for: posted, occurrence: claimOne.occurrence, channelID: dm, deliveryKey: DeliveryKey.make(installID: installID, occurrenceID: claimOne.occurrence.id),
            now: start, time: TimeText(timeZone: posted.zone, clock24: false))
        _ = try await first.client.createPost(post)
        await first.close(removingFiles: false, keepingFake: true)

        clock.advance(by: 300)  // restarted five minutes later
        let second = try await DeliveryHarness(clock: clock, restarting: first)
        try await second.scheduler.start(automatically: false)
        await second.settle()

        let posts = await second.anaPosts()
        #expect(posts.count == 2)
        #expect(posts.filter { $0.post.message.contains("made it") }.count == 1)
        #expect(posts.filter { $0.post.message.contains("never left") }.count == 1)
        #expect(try await second.store.unfinishedDeliveries().isEmpty)
        #expect(second.metrics.counter("remind_deliveries_total", labels: [("outcome", "duplicate_avoided")]) == 1)
        await second.close()
    }

    @Test("after a crash, each channel is looked up once for all its unfinished occurrences; found ones are not posted again")
    func recoveryLooksUpEachChannelOnce() async throws {
        try await recoverManyUnfinished(sinceListLimit: nil)
    }

    @Test("a look-up answer the server may have cut short is completed by walking the channel page by page")
    func recoveryPagesThroughACutAnswer() async throws {
        try await recoverManyUnfinished(sinceListLimit: 5)
    }

    /// 30 unfinished occurrences for ana's DM and 12 for #general, every third already posted by the
    /// crashed run; with `sinceListLimit`, the fake cuts `since` answers at that many posts.
    private func recoverManyUnfinished(sinceListLimit: Int?) async throws {
        let clock = ManualWallClock(start)
        let first = try await DeliveryHarness(clock: clock)
        let installID = try await first.deliverer.installID()
        let renderer = ReminderPost(publicURL: URL(string: "http://127.0.0.1:8066")!)
        let dm = try await first.directory.directChannel(with: first.ana.id)
        var alreadyPosted: [String] = []
        for index in 0..<42 {
            let inGeneral = index >= 30
            let message = "unfinished \(index) end"
            let reminder = try await first.create(message: message, due: start, channel: inGeneral ? first.general : nil)
            let claim = try await first.store.claimOccurrence(
                reminderID: reminder.id, dueAt: start, kind: .scheduled, nextFireAt: nil, now: start)
            guard index % 3 == 0 else { continue }
            let post = try renderer.post(
                for: reminder, occurrence: claim.occurrence, channelID: inGeneral ? first.general.id : dm,
                deliveryKey: DeliveryKey.make(installID: installID, occurrenceID: claim.occurrence.id), now: start, time: TimeText(timeZone: reminder.zone, clock24: false))
            _ = try await first.client.createPost(post)
            alreadyPosted.append(message)
        }
        await first.close(removingFiles: false, keepingFake: true)
        if let sinceListLimit { await first.fake.setSinceListLimit(sinceListLimit) }
        await first.fake.expireSavedPendingPostIDs()

        clock.advance(by: 300)
        let second = try await DeliveryHarness(clock: clock, restarting: first, sinceListLimit: sinceListLimit ?? 1_000)
        try await second.scheduler.start(automatically: false)
        await second.settle()

        let posts = await second.fake.createdPosts
        for index in 0..<42 {
            #expect(posts.filter { $0.post.message.contains("unfinished \(index) end") }.count == 1, "reminder \(index)")
        }
        #expect(posts.count == 42)
        #expect(try await second.store.unfinishedDeliveries().isEmpty)
        #expect(second.metrics.counter("remind_deliveries_total", labels: [("outcome", "duplicate_avoided")]) == Double(alreadyPosted.count))
        // One `since` look-up per channel, plus a page when the answer may have been cut (the DM's 10 posts
        // against a limit of 5; #general's 4 fit).
        #expect(await second.fake.requests("GET", "/api/v4/channels/\(dm)/posts").count == (sinceListLimit == nil ? 1 : 2))
        #expect(await second.fake.requests("GET", "/api/v4/channels/\(second.general.id)/posts").count == 1)
        await second.close()
    }

    @Test("a permanent refusal (channel gone, bot not a member) marks the occurrence failed and tells the creator why")
    func permanentRefusal() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        let closed = await harness.fake.addChannel("private-team", members: [harness.ana], botIsMember: false)
        _ = try await harness.create(message: "gone", due: start, targetID: "deletedchannelid000000000", targetName: "old-channel")
        _ = try await harness.create(message: "no entry", due: start, channel: closed)
        try await harness.scheduler.start(automatically: false)
        clock.advance(by: 0.05)  // the wheel fires a timer due at its start on its next tick
        await harness.settle()

        #expect(await harness.fake.requests("POST", "/api/v4/posts").count == 4)  // two refusals, two notices
        for id: Int64 in [1, 2] {
            let occurrence = try #require(try await harness.store.occurrence(id: id))
            #expect(occurrence.state == .failed && occurrence.attempts == 1)
        }
        let notices = await harness.anaPosts().map(\.post.message)
        #expect(notices.count == 2)
        #expect(notices.contains { $0.contains("~old-channel") && $0.contains("no longer exists") && $0.contains("gone") })
        #expect(notices.contains { $0.contains("~private-team") && $0.contains("/invite @remindbot") })
        #expect(harness.metrics.counter("remind_deliveries_total", labels: [("outcome", "failed")]) == 2)
        await harness.close()
    }
}
