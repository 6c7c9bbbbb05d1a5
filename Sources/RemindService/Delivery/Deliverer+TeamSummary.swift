import Foundation
import Mattermost
import RemindStore

/// Team reminders: when the next round is posted and the previous one was not finished by everyone, the
/// creator is told who was done and who was not. (A round finished by everyone was reported by the last
/// Complete.) Best effort and at most once: it follows the post of the new round, and a crash in between
/// loses it rather than repeating it.
extension Deliverer {
    /// Sends the creator the summary of the round before `occurrence`, when `reminder` is a team's whose
    /// previous round (its `lastFiredAt` before this claim) someone left undone.
    func summarizePreviousRound(of reminder: ReminderRecord, before occurrence: OccurrenceRecord) async {
        guard let team = reminder.team, occurrence.kind == .scheduled, let previous = reminder.lastFiredAt,
              previous < occurrence.dueAt else { return }
        do {
            let done = try await store.teamCompletions(reminderID: reminder.id, round: previous)
            let doneIDs = Set(done.map(\.userID))
            let missing = team.filter { !doneIDs.contains($0.id) }
            guard !missing.isEmpty else { return }
            let user = try? await directory.user(id: reminder.creatorID)
            let time = TimeText(timeZone: user?.zone(or: reminder.zone) ?? reminder.zone, clock24: false)
            let message = "Last time (due \(time.moment(previous, now: clock.now()))), \(done.count) of \(team.count) "
                + "were done with “\(reminder.message)”" + (done.isEmpty ? "" : ": " + done.map { "@\($0.username) ✓" }.joined(separator: " "))
                + ". Not done: " + missing.map { "@" + $0.username }.joined(separator: " ") + "."
            let channelID = try await directory.directChannel(with: reminder.creatorID)
            try await pacer.acquire()
            _ = try await client.createPost(Post(channelID: channelID, message: message))
            observeRateLimit()
        } catch {
            logger.log(.warning, "could not send the team summary",
                       ["reminder": String(reminder.id), "error": "\(error)"])
        }
    }
}
