import Foundation
import Mattermost
import RemindStore

/// Team reminders: when a round ends with someone not done, the creator is told who was done and who was
/// not (a round finished by everyone was reported by its last Complete). The claim of the next round records
/// the summary as owed (`team_summaries`, in the claim's transaction); it is posted to the creator's DM after
/// that round's post, with a delivery key, and marked posted. A restart posts what is still owed, looking in
/// the DM first when an attempt had begun, so a crash or an outage neither loses nor doubles it.
extension Deliverer {
    /// Posts the summaries still owed for `reminderID` (all reminders' with nil, at start-up).
    func deliverTeamSummaries(for reminderID: Int64?) async {
        let owed: [PendingTeamSummary]
        do {
            owed = try await store.pendingTeamSummaries(reminderID: reminderID)
        } catch {
            logger.log(.warning, "could not read the team summaries owed", ["error": "\(error)"])
            return
        }
        for summary in owed { await deliver(summary) }
    }

    /// The delivery key of a summary's post: the installation and the round, apart from occurrence keys.
    func summaryKey(_ summary: PendingTeamSummary) async throws -> String {
        try await installID() + "-summary-\(summary.reminderID)-\(Int64((summary.round.timeIntervalSince1970 * 1_000).rounded()))"
    }

    /// A Mattermost answer that trying again will not change (a 4xx other than 429).
    private static func refusedForGood(_ error: any Error) -> Bool {
        guard let answer = (error as? MattermostError) ?? (error as? AttemptError)?.error else { return false }
        return !answer.isRetryable
    }

    private func deliver(_ listed: PendingTeamSummary) async {
        let key = "\(listed.reminderID)/\(listed.round.timeIntervalSince1970)"
        let mine = state.withLock { state in !state.isDraining && state.summariesUnderWay.insert(key).inserted }
        guard mine else { return }
        defer { state.withLock { _ = $0.summariesUnderWay.remove(key) } }
        var summary = listed
        do {
            // Read again now that this attempt is the only one: another may have posted it since it was listed.
            guard let current = try await store.pendingTeamSummaries(reminderID: listed.reminderID)
                .first(where: { $0.round == listed.round }) else { return }
            summary = current
            guard let reminder = try await store.reminder(id: summary.reminderID), let team = reminder.team else {
                try await store.finishTeamSummary(reminderID: summary.reminderID, round: summary.round, postID: nil, at: clock.now())
                return
            }
            let done = try await store.teamCompletions(reminderID: reminder.id, round: summary.round)
            let doneIDs = Set(done.map(\.userID))
            let missing = team.filter { !doneIDs.contains($0.id) }
            guard !missing.isEmpty else {
                // Everyone finished the round after all (a late press): nothing to report.
                try await store.finishTeamSummary(reminderID: reminder.id, round: summary.round, postID: nil, at: clock.now())
                return
            }
            let deliveryKey = try await summaryKey(summary)
            let channelID = try await directory.directChannel(with: reminder.creatorID)
            if summary.attempts > 0, let existing = try await findPost(key: deliveryKey, channelID: channelID, since: summary.createdAt) {
                try await store.finishTeamSummary(reminderID: reminder.id, round: summary.round, postID: existing.id, at: clock.now())
                return
            }
            let time = await timeText(forUser: reminder.creatorID, reminder: reminder)
            let message = "Last time (due \(time.moment(summary.round, now: clock.now()))), \(done.count) of \(team.count) "
                + "were done with “\(reminder.message)”" + (done.isEmpty ? "" : ": " + done.map { "@\($0.username) ✓" }.joined(separator: " "))
                + ". Not done: " + missing.map { "@" + $0.username }.joined(separator: " ") + "."
            try await pacer.acquire()
            if let gate, !gate.isOpen { return }
            try await store.beginTeamSummaryAttempt(reminderID: reminder.id, round: summary.round)
            let created: Post
            do {
                created = try await client.createPost(Post(
                    channelID: channelID, message: message, props: [ReminderPost.deliveryKeyProp: .string(deliveryKey)],
                    pendingPostID: deliveryKey))
            } catch {
                observeRateLimit()
                throw error
            }
            observeRateLimit()
            try await store.finishTeamSummary(reminderID: reminder.id, round: summary.round, postID: created.id, at: clock.now())
        } catch let error where Self.refusedForGood(error) {
            logger.log(.warning, "Mattermost refused a team summary; not sending it",
                       ["reminder": String(summary.reminderID), "error": "\(error)"])
            try? await store.finishTeamSummary(reminderID: summary.reminderID, round: summary.round, postID: nil, at: clock.now())
        } catch {
            logger.log(.warning, "could not send a team summary; trying again later",
                       ["reminder": String(summary.reminderID), "error": "\(error)"])
            let delay = retryPolicy.delay(afterAttempts: summary.attempts + 1)
            Task {
                try? await Task.sleep(for: .milliseconds(Int64(delay * 1_000)))
                await self.deliverTeamSummaries(for: summary.reminderID)
            }
        }
    }
}
