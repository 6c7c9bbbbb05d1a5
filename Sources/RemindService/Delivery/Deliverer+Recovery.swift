import Foundation
import Mattermost
import RemindStore

/// Resuming after a restart: the occurrences a crash or a shutdown left claimed but not posted are checked
/// against their channels in one look-up per channel (not one per occurrence: a service in a crash loop
/// can leave thousands in one busy DM), then the ones not found are posted.
extension Deliverer {
    /// Most posts Mattermost returns for `GET /channels/{id}/posts?since=` (its query says `LIMIT 1000`,
    /// keeping an arbitrary 1,000): an answer this long may be cut, so the channel is walked page by page.
    static let serverSinceListLimit = 1_000
    /// Posts per page when walking a channel (Mattermost's maximum `per_page`).
    static let channelPageSize = 200

    /// At start-up: picks up every occurrence claimed but neither posted nor given up on. Those due now
    /// are grouped by channel; each channel's posts since its earliest claim are read once, an occurrence
    /// found there is recorded as posted (`duplicate_avoided`) and the others are queued to be posted
    /// without a further look-up. One that failed and awaits its retry time waits for it (and is looked
    /// up on its own then). Returns once the work is queued; the look-ups run in the background and count
    /// as deliveries under way (`waitUntilIdle()`, `drain()`).
    public func recoverUnfinished() async throws {
        // Team summaries still owed (a crash or an outage after the claim that recorded them).
        Task { await deliverTeamSummaries(for: nil) }
        let unfinished = try await store.unfinishedDeliveries()
        guard !unfinished.isEmpty else { return }
        let installID = try await installID()
        let now = clock.now()
        let toCheck: [PendingDelivery] = state.withLock { state in
            var toCheck: [PendingDelivery] = []
            for delivery in unfinished {
                let id = delivery.occurrence.id
                state.uncertain.insert(id)
                if let next = delivery.occurrence.nextAttemptAt, next > now { continue }
                // Already queued (a second call) or draining: leave it where it is.
                guard !state.isDraining, state.retries[id] == nil, state.queued.insert(id).inserted else { continue }
                toCheck.append(delivery)
            }
            return toCheck
        }
        for delivery in unfinished {
            if let next = delivery.occurrence.nextAttemptAt, next > now {
                scheduleRetry(delivery.occurrence.id, after: next.timeIntervalSince(now))
            }
        }
        logger.log(.info, "resuming unfinished deliveries",
                   ["count": String(unfinished.count), "checking_now": String(toCheck.count)])
        guard !toCheck.isEmpty else { return }
        Task { await self.checkChannels(of: toCheck, installID: installID) }
    }

    /// Where a reminder goes: a channel, or a user's DM with the bot (one channel per user).
    private struct Destination: Hashable {
        var kind: ReminderTargetKind
        var id: String
    }

    /// Groups the occurrences by recipient and checks up to `maxConcurrent` recipients at a time.
    private func checkChannels(of deliveries: [PendingDelivery], installID: String) async {
        let byRecipient = Dictionary(grouping: deliveries) {
            Destination(kind: $0.reminder.targetKind, id: $0.reminder.targetID)
        }
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for (recipient, theirs) in byRecipient {
                if running >= maxConcurrent {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.checkRecipient(recipient, theirs, installID: installID) }
                running += 1
            }
        }
    }

    /// Finds the recipient's channel (opening a DM through the cached `Directory`) and checks it. When the
    /// DM cannot be opened now, the attempts try again and report the error as usual.
    private func checkRecipient(_ recipient: Destination, _ deliveries: [PendingDelivery], installID: String) async {
        let channelID: String
        switch recipient.kind {
        case .channel:
            channelID = recipient.id
        case .user:
            if let known = deliveries.lazy.compactMap(\.occurrence.channelID).first {
                channelID = known
            } else if let opened = try? await directory.directChannel(with: recipient.id) {
                channelID = opened
            } else {
                release(deliveries.map(\.occurrence.id), checked: false)
                return
            }
        }
        await checkChannel(channelID, deliveries, installID: installID)
    }

    /// Reads the channel's posts since its earliest claim once, records the occurrences found there as
    /// posted and queues the others. If the channel cannot be read, every occurrence is queued to be
    /// looked up on its own (with the usual retries and error reports).
    private func checkChannel(_ channelID: String, _ deliveries: [PendingDelivery], installID: String) async {
        let earliest = deliveries.map(\.occurrence.claimedAt).min() ?? clock.now()
        let posted: [String: Post]
        do {
            posted = try await postsByDeliveryKey(channelID: channelID, since: lookupStart(earliest))
        } catch {
            logger.log(.warning, "could not read a channel's recent posts after a restart; checking its reminders one by one",
                       ["channel": channelID, "count": String(deliveries.count), "error": "\(error)"])
            release(deliveries.map(\.occurrence.id), checked: false)
            return
        }
        var absent: [Int64] = []
        for delivery in deliveries {
            if let post = posted[DeliveryKey.make(installID: installID, occurrenceID: delivery.occurrence.id)] {
                _ = recordPosted(delivery.occurrence, post: post, channelID: channelID, outcome: .duplicateAvoided)
            } else {
                absent.append(delivery.occurrence.id)
            }
        }
        // Why the ones not found may be posted without looking again: this process has sent nothing for
        // them yet (this look-up came first), so only a request of the previous process could still create
        // one, had it reached Mattermost before the crash and been saved only after this look-up — a
        // window of the server's processing time, narrower than a restart. Even then the post carries the
        // same `pending_post_id` (the delivery key) as that request: Mattermost answers a repeat within
        // 30 s with the post already made, or with an error while the first is still being saved, and an
        // error leaves the occurrence `uncertain`, so its retry looks it up.
        release(absent, checked: true)
    }

    /// Every live post of the channel created or changed since `since` (ms), by delivery key.
    private func postsByDeliveryKey(channelID: String, since: Int64) async throws -> [String: Post] {
        var found: [String: Post] = [:]
        func collect(_ list: PostList) {
            for post in list.orderedPosts where post.deleteAt == 0 {
                if let key = Self.deliveryKey(of: post) { found[key] = post }
            }
        }
        let recent = try await readPosts { client in try await client.channelPosts(channelID: channelID, since: since) }
        collect(recent)
        guard recent.order.count >= sinceListLimit else { return found }
        // Possibly cut short: walk the channel back from its newest post to `since` instead.
        var before: String?
        while true {
            let page = try await readPosts { client in
                try await client.channelPosts(channelID: channelID, before: before, perPage: Self.channelPageSize)
            }
            collect(page)
            guard page.order.count >= Self.channelPageSize, let oldest = page.orderedPosts.last,
                  oldest.createAt > since, oldest.id != before
            else { return found }
            before = oldest.id
        }
    }

    /// One paced read from Mattermost.
    private func readPosts(_ read: (MattermostClient) async throws -> PostList) async throws -> PostList {
        try await pacer.acquire()
        defer { observeRateLimit() }
        return try await read(client)
    }

    /// Puts checked occurrences (already in `queued`) in line for a worker; `checked` ones post without
    /// looking again. While draining they are dropped instead: still claimed, they resume at the next start.
    private func release(_ ids: [Int64], checked: Bool) {
        guard !ids.isEmpty else { return }
        let (starting, waiters): (Int, [CheckedContinuation<Void, Never>]) = state.withLock { state in
            guard state.isDraining else {
                if checked { state.verifiedAbsent.formUnion(ids) }
                return (state.makeReady(ids.map(Job.init), maxConcurrent: maxConcurrent), [])
            }
            ids.forEach { state.queued.remove($0) }
            guard state.isIdle else { return (0, []) }
            defer { state.idleWaiters.removeAll() }
            return (0, state.idleWaiters)
        }
        startWorkers(starting)
        waiters.forEach { $0.resume() }
    }
}
