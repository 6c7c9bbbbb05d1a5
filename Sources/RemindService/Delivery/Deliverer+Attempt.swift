import Foundation
import Mattermost
import RemindStore

/// One delivery attempt and what its outcome means for the ledger.
extension Deliverer {
    /// Where an attempt failed: opening the recipient's DM, or talking about the post itself.
    struct AttemptError: Error {
        var error: MattermostError
        var openingDirectChannel: Bool
    }

    /// Delivers the job's occurrence once: looks it up first when an earlier attempt may have gone
    /// through, posts it otherwise, and records the outcome.
    func attempt(_ job: Job) async -> Disposition {
        let occurrenceID = job.occurrenceID
        let occurrence: OccurrenceRecord
        let reminder: ReminderRecord
        let key: String
        let teamDone: [TeamCompletion]
        do {
            if let claim = job.claim {
                (occurrence, reminder) = claim
            } else {
                guard let found = try await store.occurrence(id: occurrenceID), found.state == .claimed else { return .done }
                guard let owner = try await store.reminder(id: found.reminderID) else { return .done }
                occurrence = found
                reminder = owner
            }
            key = try await installIdentity.deliveryKey(occurrenceID: occurrenceID)
            // A team's nag names and offers buttons to only the people not done with the round.
            teamDone = reminder.team == nil ? []
                : try await store.teamCompletions(reminderID: reminder.id, round: reminder.teamRound(of: occurrence))
        } catch {
            return storeFailed(occurrenceID, "loading the occurrence", error, attempts: 1)
        }
        do {
            let channelID = try await channel(for: reminder, occurrence: occurrence)
            let mayExist = needsLookup(occurrence)
            if mayExist, let existing = try await findPost(key: key, channelID: channelID, since: occurrence.claimedAt) {
                return await recordPostedInWorker(occurrence, post: existing, channelID: channelID, outcome: .duplicateAvoided)
            }
            let time = await timeText(for: reminder)
            let post = try renderer.post(
                for: reminder, occurrence: occurrence, channelID: channelID, deliveryKey: key, now: clock.now(), time: time,
                teamDone: teamDone)
            try await pacer.acquire()
            // Another node may lead by now: then this one posts nothing (the claim stays for its recovery).
            if let gate, !gate.isOpen { return .done }
            // From here on the post may reach Mattermost even if we never learn it did.
            state.withLock { state in
                state.uncertain.insert(occurrenceID)
                state.verifiedAbsent.remove(occurrenceID)
            }
            let created: Post
            do {
                created = try await client.createPost(post)
            } catch {
                observeRateLimit()
                if case .rateLimited = error, !mayExist {
                    // A 429 creates nothing: no need to look before the next attempt.
                    state.withLock { _ = $0.uncertain.remove(occurrenceID) }
                }
                throw AttemptError(error: error, openingDirectChannel: false)
            }
            observeRateLimit()
            let disposition = await recordPostedInWorker(occurrence, post: created, channelID: channelID, outcome: .posted)
            if reminder.team != nil, occurrence.kind == .scheduled { await deliverTeamSummaries(for: reminder.id) }
            return disposition
        } catch let failure as AttemptError {
            return await handle(failure, occurrence: occurrence, reminder: reminder)
        } catch is CancellationError {
            return .done
        } catch {
            // Only rendering throws anything else: the post cannot be built, so it never will be.
            return await giveUp(occurrence, reminder: reminder, reason: "cannot build the post: \(error)", notice: nil)
        }
    }

    /// Whether an earlier attempt may have posted the occurrence, unless the restart's channel check just
    /// found it absent (see `recoverUnfinished()`).
    private func needsLookup(_ occurrence: OccurrenceRecord) -> Bool {
        state.withLock { state in
            guard !state.verifiedAbsent.contains(occurrence.id) else { return false }
            return occurrence.attempts > 0 || state.uncertain.contains(occurrence.id)
        }
    }

    /// The channel the occurrence goes to: the channel itself, or the bot's DM with the user.
    private func channel(for reminder: ReminderRecord, occurrence: OccurrenceRecord) async throws -> String {
        switch reminder.targetKind {
        case .channel:
            return reminder.targetID
        case .user:
            if let known = occurrence.channelID { return known }
            do {
                return try await directory.directChannel(with: reminder.targetID)
            } catch {
                throw AttemptError(error: error, openingDirectChannel: true)
            }
        }
    }

    /// The post carrying `key` among the channel's posts since shortly before the claim, if any.
    func findPost(key: String, channelID: String, since claimedAt: Date) async throws -> Post? {
        try await pacer.acquire()
        let since = lookupStart(claimedAt)
        let list: PostList
        do {
            list = try await client.channelPosts(channelID: channelID, since: since)
        } catch {
            observeRateLimit()
            throw AttemptError(error: error, openingDirectChannel: false)
        }
        observeRateLimit()
        return list.orderedPosts.first { post in post.deleteAt == 0 && Self.deliveryKey(of: post) == key }
    }

    /// Where to start looking for a post made for a claim (milliseconds since 1970).
    func lookupStart(_ claimedAt: Date) -> Int64 {
        Int64((claimedAt.timeIntervalSince1970 - lookupMargin) * 1_000)
    }

    /// The delivery key a post carries in its props, if any.
    static func deliveryKey(of post: Post) -> String? {
        if case .string(let key)? = post.props?[ReminderPost.deliveryKeyProp] { return key }
        return nil
    }

    func observeRateLimit() {
        pacer.observe(client.lastRateLimit)
    }

    /// Times shown as the recipient reads them (for a user: their Mattermost zone and clock style), else
    /// in the reminder's zone on the 12-hour clock — the same rule as a click's answer.
    /// How the recipient reads times: as in their confirmations and lists (their zone, else the server's;
    /// their clock style). A channel, or a recipient Mattermost cannot tell about now, reads the reminder's zone.
    private func timeText(for reminder: ReminderRecord) async -> TimeText {
        guard reminder.targetKind == .user else { return TimeText(timeZone: reminder.zone, clock24: false) }
        return await timeText(forUser: reminder.targetID, reminder: reminder)
    }

    /// How `userID` reads times (their zone, else the server's; their clock style), or the reminder's zone on
    /// the 12-hour clock when Mattermost cannot tell now.
    func timeText(forUser userID: String, reminder: ReminderRecord) async -> TimeText {
        (try? await directory.reader(userID: userID, fallback: serverZone)) ?? TimeText(timeZone: reminder.zone, clock24: false)
    }

    /// Counts a delivery and records its post in the ledger: inline when no other job waits for a worker
    /// (nothing is gained by moving on, and a task hop is saved), else in the background like `recordPosted`.
    func recordPostedInWorker(
        _ occurrence: OccurrenceRecord, post: Post, channelID: String, outcome: DeliveryMetrics.Outcome
    ) async -> Disposition {
        guard !state.withLock({ $0.head < $0.ready.count }) else {
            return recordPosted(occurrence, post: post, channelID: channelID, outcome: outcome)
        }
        let createdAt = countDelivery(occurrence, post: post, outcome: outcome)
        return await markPosted(occurrence, postID: post.id, channelID: channelID, at: createdAt)
    }

    /// Counts a delivery and records its post in the background: the worker moves on, and the ledger write
    /// joins the next group commit. Until it is durable the occurrence stays `uncertain`, so any other attempt
    /// looks it up instead of posting it again. The job is finished when the write is done.
    func recordPosted(
        _ occurrence: OccurrenceRecord, post: Post, channelID: String, outcome: DeliveryMetrics.Outcome
    ) -> Disposition {
        let createdAt = countDelivery(occurrence, post: post, outcome: outcome)
        Task {
            finish(occurrence.id, await markPosted(occurrence, postID: post.id, channelID: channelID, at: createdAt))
        }
        return .recording
    }

    /// Counts a delivery in the metrics (and logs a duplicate avoided); returns when the post was made.
    private func countDelivery(_ occurrence: OccurrenceRecord, post: Post, outcome: DeliveryMetrics.Outcome) -> Date {
        let createdAt = post.createAt > 0 ? Date(timeIntervalSince1970: Double(post.createAt) / 1_000) : clock.now()
        metrics.increment(DeliveryMetrics.deliveries, labels: [("outcome", outcome.rawValue)])
        let late = createdAt.timeIntervalSince(occurrence.dueAt) >= ReminderPost.lateAfter
        metrics.increment(ServiceMetrics.occurrences, labels: [("outcome", outcome.rawValue), ("late", String(late))])
        if outcome == .posted {
            metrics.observe(DeliveryMetrics.lateness, max(0, createdAt.timeIntervalSince(occurrence.dueAt)))
        } else {
            logger.log(.info, "occurrence already posted; not posting it again",
                       ["occurrence": String(occurrence.id), "post": post.id])
        }
        return createdAt
    }

    /// Records the post in the ledger; the occurrence stops being `uncertain` once that is durable.
    private func markPosted(_ occurrence: OccurrenceRecord, postID: String, channelID: String, at createdAt: Date) async -> Disposition {
        do {
            try await store.markPosted(occurrenceID: occurrence.id, postID: postID, channelID: channelID, at: createdAt)
            state.withLock { _ = $0.uncertain.remove(occurrence.id) }
            return .done
        } catch {
            return storeFailed(occurrence.id, "recording a post", error, attempts: occurrence.attempts + 1)
        }
    }

    private func handle(_ failure: AttemptError, occurrence: OccurrenceRecord, reminder: ReminderRecord) async -> Disposition {
        let error = failure.error
        switch error {
        case .cancelled:
            return .done
        case .rateLimited(let retryAfter, let reset):
            // Nothing was created: pause all posting for as long as the server asks, then go again.
            pacer.pause(for: retryAfter ?? reset ?? .seconds(1))
            metrics.increment(DeliveryMetrics.deliveries, labels: [("outcome", DeliveryMetrics.Outcome.retry.rawValue)])
            logger.log(.warning, "Mattermost rate limit reached; pausing posts",
                       ["retry_after": retryAfter.map { "\($0)" } ?? "?"])
            return .requeue
        case _ where isTransient(error):
            let delay = retryPolicy.delay(afterAttempts: occurrence.attempts + 1)
            metrics.increment(DeliveryMetrics.deliveries, labels: [("outcome", DeliveryMetrics.Outcome.retry.rawValue)])
            logger.log(.warning, "delivery failed; will retry",
                       ["occurrence": String(occurrence.id), "error": error.description,
                        "retry_in": String(format: "%.1fs", delay)])
            do {
                try await store.markAttemptFailed(
                    occurrenceID: occurrence.id, error: error.description, nextAttemptAt: clock.now().addingTimeInterval(delay))
            } catch {
                recordStoreError("recording a failed attempt", error)
            }
            return .retry(after: delay)
        default:
            let botName = (try? await directory.botUser().username) ?? "remindbot"
            let notice = DeliveryFailureNotice(
                reminder: reminder, error: error, botUsername: botName, failedOpeningDirectChannel: failure.openingDirectChannel)
            let canReachCreator = !(failure.openingDirectChannel && reminder.targetID == reminder.creatorID)
            return await giveUp(occurrence, reminder: reminder, reason: notice.reason + " (\(error))",
                                notice: canReachCreator ? notice : nil)
        }
    }

    /// 5xx, network errors, answers that did not decode (the post may exist) and 401 (a bot token problem
    /// an admin can fix: giving up would lose every reminder due meanwhile) are tried again.
    private func isTransient(_ error: MattermostError) -> Bool {
        switch error {
        case .decoding: true
        case .server(let status, _) where status == 401: true
        default: error.isRetryable
        }
    }

    private func giveUp(
        _ occurrence: OccurrenceRecord, reminder: ReminderRecord, reason: String, notice: DeliveryFailureNotice?
    ) async -> Disposition {
        metrics.increment(DeliveryMetrics.deliveries, labels: [("outcome", DeliveryMetrics.Outcome.failed.rawValue)])
        let late = clock.now().timeIntervalSince(occurrence.dueAt) >= ReminderPost.lateAfter
        metrics.increment(
            ServiceMetrics.occurrences, labels: [("outcome", DeliveryMetrics.Outcome.failed.rawValue), ("late", String(late))])
        logger.log(.error, "reminder could not be delivered",
                   ["occurrence": String(occurrence.id), "reminder": String(reminder.id), "reason": reason])
        do {
            try await store.markFailed(occurrenceID: occurrence.id, error: reason)
        } catch {
            return storeFailed(occurrence.id, "recording a failure", error, attempts: occurrence.attempts + 1)
        }
        state.withLock { _ = $0.uncertain.remove(occurrence.id) }
        if let notice { await tellCreator(reminder, notice) }
        return .done
    }

    /// Sends the creator the failure notice by DM; a failure to do so is only logged.
    private func tellCreator(_ reminder: ReminderRecord, _ notice: DeliveryFailureNotice) async {
        do {
            let channelID = try await directory.directChannel(with: reminder.creatorID)
            try await pacer.acquire()
            _ = try await client.createPost(Post(channelID: channelID, message: notice.message))
            observeRateLimit()
        } catch {
            logger.log(.warning, "could not tell the creator about a failed reminder",
                       ["reminder": String(reminder.id), "error": "\(error)"])
        }
    }

    private func storeFailed(_ occurrenceID: Int64, _ doing: String, _ error: any Error, attempts: Int) -> Disposition {
        recordStoreError(doing, error)
        state.withLock { _ = $0.uncertain.insert(occurrenceID) }
        return .retry(after: retryPolicy.delay(afterAttempts: attempts))
    }

    func recordStoreError(_ doing: String, _ error: any Error) {
        metrics.increment(DeliveryMetrics.storeErrors)
        logger.log(.error, "database error while \(doing)", ["error": "\(error)"])
    }
}
