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
        let notice = ClickNotice(context: context)
        guard let occurrence = try? await store.occurrence(id: action.occurrenceID),
              occurrence.reminderID == action.reminderID,
              ConstantTime.equals(action.token, occurrence.actionToken),
              let reminder = try? await store.reminder(id: action.reminderID) else { return nil }
        do {
            guard try await mayAct(request.userID, on: reminder) else {
                return await notice.reply("Only \(Self.owners(of: reminder)) can act on the reminder “\(reminder.message)”.",
                                          to: request.userID)
            }
            if let refusal = Self.alreadyEnded(reminder, occurrence: occurrence, action: action.action) {
                return await notice.reply(refusal, to: request.userID)
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
                    return await notice.reply("Pick how long to snooze from the menu.", to: request.userID)
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
            return await notice.reply("I couldn't reach Mattermost to check this click; try again in a minute.", to: request.userID)
        } catch ReminderStoreError.reminderNotActive(_, let state) {
            return await notice.reply("This reminder was already \(state.rawValue).", to: request.userID)
        } catch {
            context.logger.log(.error, "action failed", ["error": String(describing: error)])
            return await notice.reply("Something went wrong on my side; please try again.", to: request.userID)
        }
    }

    /// At most this many reminders in one confirmation's Delete (one per recipient).
    static let maxUndoReminders = 200

    /// The Delete button of a confirmation: deletes the reminders just created, all or none, if the clicker
    /// created them, and says so where the confirmation was shown.
    private func undo(_ request: PostActionRequest) async -> PostActionResponse? {
        guard let ownerID = request.contextString("owner"), let token = request.contextString("token"),
              let idsText = request.contextString("reminders"),
              let ids = RequestNumber.ids(idsText, limit: Self.maxUndoReminders) else { return nil }
        let placement: Confirmation.Placement = request.contextString("ephemeral") == "1"
            ? .ephemeral(responseURL: request.contextString("respond") ?? "") : .directMessage
        let now = context.clock.now()
        let scope = Confirmation.undoScope(owner: ownerID, reminders: idsText, placement: placement)
        guard let verdict = try? await context.signer.check(token, scope: scope, now: now, legacyOwner: ownerID),
              verdict != .invalid else {
            return nil
        }
        guard request.userID == ownerID else {
            return PostActionResponse(ephemeralText: "Only the person who set this reminder can delete it.")
        }
        guard verdict == .valid else {
            return await answerUndo("This Delete button has expired; delete the reminder from `/remind list`.",
                                    request: request, placement: placement)
        }
        let deleted: [ReminderRecord]
        do {
            deleted = try await context.store.delete(reminderIDs: ids, createdBy: ownerID, at: now)
        } catch ReminderStoreError.notCreatedBy {
            return nil
        } catch {
            context.logger.log(.error, "undo failed", ["error": String(describing: error)])
            return await ClickNotice(context: context).reply(
                "Something went wrong on my side; nothing was deleted. Please try again.", to: request.userID)
        }
        for reminder in deleted { await context.reminderChanged(reminder) }
        let text = deleted.isEmpty ? "That reminder was already completed or deleted."
            : "I've deleted the reminder “\(deleted[0].message)”\(deleted.count > 1 ? " for all \(deleted.count) recipients" : "")."
        return await answerUndo(text, request: request, placement: placement)
    }

    /// Shows an undo's outcome: a DM confirmation is rewritten in place (without its button); an ephemeral
    /// one is answered through the command's `response_url` in the channel itself, or, once that has
    /// expired (30 minutes), by a click notice.
    private func answerUndo(
        _ text: String, request: PostActionRequest, placement: Confirmation.Placement
    ) async -> PostActionResponse {
        switch placement {
        case .directMessage:
            return PostActionResponse(
                update: Post(id: request.postID, channelID: request.channelID, message: text, props: [:]).keepingBotStyling(),
                skipSlackParsing: true)
        case .ephemeral(let responseURL):
            do {
                var answer = CommandResponse.ephemeral(text)
                answer.skipSlackParsing = true
                try await context.client.respondToCommand(responseURL: responseURL, answer)
                return PostActionResponse()
            } catch {
                context.logger.log(.info, "undo: response_url refused, answering by notice", ["error": error.description])
                return await ClickNotice(context: context).reply(text, to: request.userID)
            }
        }
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
