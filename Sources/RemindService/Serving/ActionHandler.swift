import Foundation
import Mattermost
import RemindCore
import RemindStore

/// `POST /action`: clicks on reminder posts (Complete / Delete / Snooze), on the list post, and on a
/// confirmation's Delete. Callbacks are unsigned (MATTERMOST.md §3): each context carries a random token
/// compared in constant time, and a mismatch is answered 403 with nothing changed. A legitimate click always
/// gets 200, with `ephemeral_text` when it could not be done.
struct ActionHandler: Sendable {
    var context: ServiceContext

    /// The status and reply for one click.
    func handle(_ request: PostActionRequest) async -> (status: Int, response: PostActionResponse) {
        let forged = (403, PostActionResponse(ephemeralText: "This button is not valid."))
        switch request.contextString("kind") {
        case "list":
            guard let response = await ListController(context: context).click(request) else { return forged }
            return (200, response)
        case "undo":
            guard let response = await undo(request) else { return forged }
            return (200, response)
        default:
            guard let action = ActionContext(request.context),
                  let response = await act(action, request: request) else { return forged }
            return (200, response)
        }
    }

    /// Complete / Delete / Snooze on a delivered reminder post.
    private func act(_ action: ActionContext, request: PostActionRequest) async -> PostActionResponse? {
        let store = context.store
        guard let occurrence = try? await store.occurrence(id: action.occurrenceID),
              occurrence.reminderID == action.reminderID,
              ConstantTime.equals(action.token, occurrence.actionToken),
              let reminder = try? await store.reminder(id: action.reminderID) else { return nil }
        do {
            guard try await mayAct(request.userID, on: reminder) else {
                return PostActionResponse(ephemeralText: "Only \(Self.owners(of: reminder)) can act on this reminder.")
            }
            if let refusal = Self.alreadyEnded(reminder, occurrence: occurrence, action: action.action) {
                return PostActionResponse(ephemeralText: refusal)
            }
            let time = try await context.reader(request.userID)
            let now = context.clock.now()
            let changed: ReminderRecord
            let outcome: ReminderPost.Outcome
            switch action.action {
            case .complete:
                changed = try await store.complete(reminderID: reminder.id, occurrenceID: occurrence.id, at: now)
                outcome = .completed(by: request.userName, at: now)
            case .delete:
                changed = try await store.delete(reminderID: reminder.id, at: now)
                outcome = .deleted(by: request.userName, at: now)
            case .snooze:
                guard let choice = (request.selectedOption ?? action.selectedOption).flatMap(SnoozeChoice.init(rawValue:)) else {
                    return PostActionResponse(ephemeralText: "Pick how long to snooze from the menu.")
                }
                let until = choice.until(now: now, in: time.timeZone)
                changed = try await store.snooze(reminderID: reminder.id, until: until, at: now)
                outcome = .snoozed(by: request.userName, until: until)
            }
            await context.reminderChanged(changed)
            context.metrics.increment("remind_actions_total", labels: [("action", action.action.rawValue)])
            var post = try ReminderPost(publicURL: context.publicURL).update(
                for: changed, occurrence: occurrence, outcome: outcome,
                deliveryKey: try await context.deliveryKey(for: occurrence), now: now, time: time)
            post.id = request.postID
            post.channelID = request.channelID
            return PostActionResponse(update: post, skipSlackParsing: true)
        } catch let error as MattermostError {
            context.logger.log(.warning, "action: Mattermost call failed", ["error": error.description])
            return PostActionResponse(ephemeralText: "I couldn't reach Mattermost to check this click; try again in a minute.")
        } catch ReminderStoreError.reminderNotActive(_, let state) {
            return PostActionResponse(ephemeralText: "This reminder was already \(state.rawValue).")
        } catch {
            context.logger.log(.error, "action failed", ["error": String(describing: error)])
            return PostActionResponse(ephemeralText: "Something went wrong on my side; please try again.")
        }
    }

    /// The Delete button of a confirmation: deletes the reminders just created, if the clicker created them.
    private func undo(_ request: PostActionRequest) async -> PostActionResponse? {
        guard let ownerID = request.contextString("owner"), let token = request.contextString("token"),
              (try? await context.secrets.verify(token, for: ownerID)) == true,
              let ids = request.contextString("reminders")?.split(separator: ",").compactMap({ Int64($0) }),
              !ids.isEmpty else { return nil }
        guard request.userID == ownerID else {
            return PostActionResponse(ephemeralText: "Only the person who set this reminder can delete it.")
        }
        let now = context.clock.now()
        var deleted: [ReminderRecord] = []
        do {
            for id in ids {
                guard let reminder = try await context.store.reminder(id: id), reminder.creatorID == ownerID else { return nil }
                guard reminder.state == .active else { continue }
                let changed = try await context.store.delete(reminderID: id, at: now)
                await context.reminderChanged(changed)
                deleted.append(changed)
            }
        } catch {
            context.logger.log(.error, "undo failed", ["error": String(describing: error)])
            return PostActionResponse(ephemeralText: "Something went wrong on my side; please try again.")
        }
        let text = deleted.isEmpty ? "That reminder was already completed or deleted."
            : "I've deleted the reminder “\(deleted[0].message)”\(deleted.count > 1 ? " for all \(deleted.count) recipients" : "")."
        if request.contextString("ephemeral") == "1" {
            return PostActionResponse(ephemeralText: text, skipSlackParsing: true)
        }
        // A real post (the dialog's DM confirmation) can be rewritten; `props: {}` drops the button.
        return PostActionResponse(
            update: Post(id: request.postID, channelID: request.channelID, message: text, props: [:]),
            skipSlackParsing: true)
    }

    /// The recipient, the creator, and for a channel reminder any member of the channel.
    private func mayAct(_ userID: String, on reminder: ReminderRecord) async throws -> Bool {
        if userID == reminder.creatorID { return true }
        switch reminder.targetKind {
        case .user: return userID == reminder.targetID
        case .channel: return try await context.directory.isMember(channelID: reminder.targetID, userID: userID)
        }
    }

    private static func owners(of reminder: ReminderRecord) -> String {
        switch reminder.targetKind {
        case .channel: "members of ~\(reminder.targetName)"
        case .user where reminder.targetID == reminder.creatorID: "@\(reminder.creatorName)"
        case .user: "@\(reminder.targetName) or @\(reminder.creatorName)"
        }
    }

    private static func alreadyEnded(_ reminder: ReminderRecord, occurrence: OccurrenceRecord, action: ActionContext.Action) -> String? {
        switch reminder.state {
        case .deleted: return "This reminder was already deleted."
        case .completed: return "This reminder was already completed."
        case .active:
            if action == .complete, occurrence.completedAt != nil { return "This one was already completed." }
            return nil
        }
    }
}
