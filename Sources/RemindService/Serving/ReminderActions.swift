import Foundation
import Mattermost
import RemindCore
import RemindStore

/// Complete, delete, snooze, skip and edit, whichever button or form asked (a reminder post or the list): one rule for who may
/// act, one place that changes the store, tells the scheduler and counts, and one rewrite of the post.
struct ReminderActions: Sendable {
    var context: ServiceContext

    /// What a click asks for.
    enum Operation: Sendable, Equatable {
        /// Done: the occurrence clicked (or the latest one) for a recurring reminder, the reminder otherwise.
        case complete(occurrenceID: Int64?)
        /// The reminder, the whole series for a recurring one.
        case delete
        /// Fire once more at this instant (a menu preset, or a time typed in the snooze form or command).
        case snooze(until: Date)
        /// A repeating reminder's next scheduled occurrence does not fire; the one after it is next.
        case skipNext
        /// New wording, recipient or schedule, in place (same id, history and ledger).
        case edit(ReminderEdit)
        /// A team member's own Complete for the round of the occurrence.
        case teamDone(member: String)

        /// The `action` label of `remind_actions_total`.
        var label: String {
            switch self {
            case .complete: "complete"
            case .delete: "delete"
            case .snooze: "snooze"
            case .skipNext: "skip"
            case .edit: "edit"
            case .teamDone: "team_done"
            }
        }
    }

    /// Who may act on `reminder`: its creator, its recipient, and for a channel reminder any member of the
    /// channel.
    func mayAct(_ userID: String, on reminder: ReminderRecord) async throws(MattermostError) -> Bool {
        if userID == reminder.creatorID { return true }
        // A team reminder is its creator's to change; each member's own Complete goes through `teamDone`.
        if reminder.team != nil { return false }
        switch reminder.targetKind {
        case .user: return userID == reminder.targetID
        case .channel: return try await context.directory.isMember(channelID: reminder.targetID, userID: userID)
        }
    }

    /// Before a form about `reminder` opens for `userID`: throws `alreadyEnded` when it has ended and
    /// `refused` ("Only … can <verb> this reminder.") when they may not act on it.
    func requireFormAccess(_ reminder: ReminderRecord, for userID: String, to verb: String) async throws {
        guard reminder.state == .active else { throw ServiceFailure.alreadyEnded(reminder.state) }
        guard try await mayAct(userID, on: reminder) else {
            throw ServiceFailure.refused("Only \(Self.owners(of: reminder)) can \(verb) this reminder.")
        }
    }

    /// Applies `operation` to `reminder` for the clicker; returns the reminder as it now is and the outcome
    /// to show. Throws `refused` when the clicker may not act or the click comes too late.
    func apply(
        _ operation: Operation, to reminder: ReminderRecord, occurrence: OccurrenceRecord?,
        clicker: (id: String, name: String), time: TimeText, now: Date
    ) async throws -> (reminder: ReminderRecord, outcome: ReminderPost.Outcome) {
        // A team member's Complete (from the list, or a Complete without a person) is their own.
        if case .complete = operation, let team = reminder.team, team.contains(where: { $0.id == clicker.id }) {
            var round = occurrence
            if round == nil { round = try await context.store.latestPostedOccurrence(reminderID: reminder.id) }
            guard let round else {
                throw ServiceFailure.refused("Nothing to complete yet: the team's reminder “\(reminder.message)” has not fired.")
            }
            return try await apply(.teamDone(member: clicker.id), to: reminder, occurrence: round, clicker: clicker, time: time, now: now)
        }
        // A team member's Complete is checked by `teamDone` itself: only the member's own press counts.
        var allowed = true
        if case .teamDone = operation {} else { allowed = try await mayAct(clicker.id, on: reminder) }
        guard allowed else {
            throw ServiceFailure.refused("Only \(Self.owners(of: reminder)) can act on the reminder “\(reminder.message)”.")
        }
        switch reminder.state {
        case .deleted, .completed: throw ServiceFailure.alreadyEnded(reminder.state)
        case .active:
            if case .complete = operation, occurrence?.completedAt != nil {
                throw ServiceFailure.refused("This one was already completed.")
            }
        }
        let store = context.store
        let changed: ReminderRecord
        let outcome: ReminderPost.Outcome
        switch operation {
        case .complete(let occurrenceID):
            changed = try await store.complete(reminderID: reminder.id, occurrenceID: occurrenceID, by: clicker.name, at: now)
            outcome = .completed(by: clicker.name, at: now)
        case .delete:
            changed = try await store.delete(reminderID: reminder.id, at: now)
            outcome = .deleted(by: clicker.name, at: now)
        case .snooze(let until):
            changed = try await store.snooze(reminderID: reminder.id, until: until, by: clicker.name, at: now)
            outcome = .snoozed(by: clicker.name, until: until)
        case .skipNext:
            guard let recurrence = reminder.recurrence, let skipped = reminder.nextFireAt else {
                throw ServiceFailure.refused("Only a repeating reminder with a next time can skip it.")
            }
            let next = recurrence.occurrence(after: skipped)
            changed = try await store.skipNext(reminderID: reminder.id, skipped: skipped, next: next, by: clicker.name, at: now)
            outcome = .skipped(by: clicker.name, occurrence: skipped, next: next)
        case .edit(let edit):
            changed = try await store.edit(reminderID: reminder.id, edit, at: now)
            outcome = .edited(by: clicker.name, at: now)
        case .teamDone(let memberID):
            (changed, outcome) = try await teamDone(memberID, reminder: reminder, occurrence: occurrence, clicker: clicker, now: now)
        }
        await context.reminderChanged(changed)
        context.metrics.increment("remind_actions_total", labels: [("action", operation.label)])
        return (changed, outcome)
    }

    /// Records a team member done with the round of `occurrence`; the last one completes the round (a
    /// one-off ends, a repeating one's nags stop) and the creator is told, once.
    private func teamDone(
        _ memberID: String, reminder: ReminderRecord, occurrence: OccurrenceRecord?, clicker: (id: String, name: String), now: Date
    ) async throws -> (ReminderRecord, ReminderPost.Outcome) {
        guard let team = reminder.team, let person = team.first(where: { $0.id == memberID }), let occurrence else {
            throw ServiceFailure.refused("This button does not belong to this reminder.")
        }
        guard clicker.id == memberID else {
            throw ServiceFailure.refused("This Complete is @\(person.username)'s; press the one with your name.")
        }
        let round = reminder.teamRound(of: occurrence)
        let (done, added) = try await context.store.completeTeamMember(
            reminderID: reminder.id, round: round, userID: person.id, username: person.username, at: now)
        let allDone = team.allSatisfy { member in done.contains { $0.userID == member.id } }
        guard allDone, added else { return (reminder, .teamProgress(by: clicker.name, allDone: allDone)) }
        let completed = try await context.store.complete(reminderID: reminder.id, occurrenceID: occurrence.id, by: clicker.name, at: now)
        let creatorTime = (try? await context.reader(reminder.creatorID, fallback: reminder.zone))
            ?? TimeText(timeZone: reminder.zone, clock24: false)
        await ClickNotice(context: context).directMessage(
            "All \(team.count) done with “\(reminder.message)” (due \(creatorTime.moment(round, now: now))): "
                + done.map { "@\($0.username) ✓" }.joined(separator: " "),
            to: reminder.creatorID)
        return (completed, .teamProgress(by: clicker.name, allDone: true))
    }

    /// The delivered post of `occurrence` as it reads after `outcome` (for a click's `update`).
    func rewrittenPost(
        _ reminder: ReminderRecord, occurrence: OccurrenceRecord, outcome: ReminderPost.Outcome, time: TimeText, now: Date
    ) async throws -> Post {
        let teamDone = reminder.team == nil ? []
            : try await context.store.teamCompletions(reminderID: reminder.id, round: reminder.teamRound(of: occurrence))
        return try ReminderPost(publicURL: context.publicURL).update(
            for: reminder, occurrence: occurrence, outcome: outcome,
            deliveryKey: try await context.deliveryKey(for: occurrence), now: now, time: time, teamDone: teamDone)
    }

    /// Rewrites the reminder's last delivered post after an action taken elsewhere (the list), so that it does
    /// not keep offering its buttons. Best effort: the post may have been deleted. When Mattermost refuses
    /// the edit (an admin's `PostEditTimeLimit`), returns a note saying so, since the old buttons stay.
    func rewriteDeliveredPost(of reminder: ReminderRecord, outcome: ReminderPost.Outcome, time: TimeText, now: Date) async -> String? {
        do {
            guard let occurrence = try await context.store.latestPostedOccurrence(reminderID: reminder.id),
                  let postID = occurrence.postID else { return nil }
            let post = try await rewrittenPost(reminder, occurrence: occurrence, outcome: outcome, time: time, now: now)
            _ = try await context.client.patchPost(id: postID, message: post.message, props: post.props)
            return nil
        } catch let error as MattermostError where error.status == 400 || error.status == 403 {
            context.logger.log(.warning, "Mattermost refused to rewrite the delivered post",
                               ["reminder": String(reminder.id), "error": error.description])
            return "Done — but Mattermost would not let me update the original reminder post (its edit time "
                + "limit may have passed), so its buttons still show; they will say it was already done."
        } catch {
            context.logger.log(.warning, "could not rewrite the delivered post",
                               ["reminder": String(reminder.id), "error": String(describing: error)])
            return nil
        }
    }

    /// Who may act, in words: "members of ~town", "@ana", "@sam or @ana".
    static func owners(of reminder: ReminderRecord) -> String {
        if reminder.team != nil { return "@\(reminder.creatorName), who set this team reminder," }
        return switch reminder.targetKind {
        case .channel: "members of ~\(reminder.targetName)"
        case .user where reminder.targetID == reminder.creatorID: "@\(reminder.creatorName)"
        case .user: "@\(reminder.targetName) or @\(reminder.creatorName)"
        }
    }
}
