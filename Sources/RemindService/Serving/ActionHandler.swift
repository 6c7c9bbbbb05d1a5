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
        case "reread":
            guard let response = await reread(request) else { return forged }
            return (200, response)
        default:
            guard let action = ActionContext(request.context),
                  let response = await act(action, request: request) else { return forged }
            return (200, response)
        }
    }

    /// Complete / Delete / Snooze on a delivered reminder post: the post is rewritten in place; a refusal or
    /// failure goes to the clicker as a click notice.
    private func act(_ action: ActionContext, request: PostActionRequest) async -> PostActionResponse? {
        let store = context.store
        guard let occurrence = try? await store.occurrence(id: action.occurrenceID),
              occurrence.reminderID == action.reminderID,
              ConstantTime.equals(action.token, occurrence.actionToken),
              let reminder = try? await store.reminder(id: action.reminderID) else { return nil }
        do {
            // The reminder's zone when the clicker has none: the zone its post was written in.
            let time = try await context.reader(request.userID, fallback: reminder.zone)
            let now = context.clock.now()
            let operation: ReminderActions.Operation
            switch action.action {
            case .complete: operation = .complete(occurrenceID: occurrence.id)
            case .delete: operation = .delete
            case .skip: operation = .skipNext
            case .done: operation = .teamDone(member: action.member ?? "")
            case .edit:
                try await EditDialog(context: context).open(for: request, reminder: reminder, source: .post)
                return PostActionResponse()
            case .snooze:
                let option = request.selectedOption ?? action.selectedOption
                if option == SnoozeChoice.otherValue {
                    try await SnoozeDialog(context: context).open(for: request, reminder: reminder, source: .post)
                    return PostActionResponse()
                }
                guard let choice = option.flatMap(SnoozeChoice.init(rawValue:)) else {
                    throw ServiceFailure.refused("Pick how long to snooze from the menu.")
                }
                operation = .snooze(until: choice.until(now: now, in: time.timeZone))
            }
            let actions = ReminderActions(context: context)
            let (changed, outcome) = try await actions.apply(
                operation, to: reminder, occurrence: occurrence, clicker: (request.userID, request.userName), time: time, now: now)
            var post = try await actions.rewrittenPost(changed, occurrence: occurrence, outcome: outcome, time: time, now: now)
            post.id = request.postID
            post.channelID = request.channelID
            return PostActionResponse(update: post, skipSlackParsing: true)
        } catch {
            let failure = ServiceFailure.from(error, purpose: "check this click", logger: context.logger)
            return await ClickNotice(context: context).reply(failure.message, to: request.userID)
        }
    }

    /// At most this many reminders in one confirmation's Delete (one per recipient).
    static let maxUndoReminders = 200

    /// What every confirmation button's context carries (`Confirmation.attachment`): its owner, token,
    /// reminders (as signed and as ids) and where the confirmation was shown; nil when any is missing or bad.
    private static func confirmationClick(
        _ request: PostActionRequest
    ) -> (ownerID: String, token: String, idsText: String, ids: [Int64], placement: Confirmation.Placement)? {
        guard let ownerID = request.contextString("owner"), let token = request.contextString("token"),
              let idsText = request.contextString("reminders"),
              let ids = RequestNumber.ids(idsText, limit: maxUndoReminders) else { return nil }
        let placement: Confirmation.Placement = request.contextString("ephemeral") == "1"
            ? .ephemeral(responseURL: request.contextString("respond") ?? "") : .directMessage
        return (ownerID, token, idsText, ids, placement)
    }

    /// The Delete button of a confirmation: deletes the reminders just created, all or none, if the clicker
    /// created them, and says so where the confirmation was shown.
    private func undo(_ request: PostActionRequest) async -> PostActionResponse? {
        guard let (ownerID, token, idsText, ids, placement) = Self.confirmationClick(request) else { return nil }
        let now = context.clock.now()
        let scope = Confirmation.undoScope(owner: ownerID, reminders: idsText, placement: placement)
        switch await context.verifyClick(token: token, scope: scope, ownerID: ownerID, clicker: request.userID, now: now) {
        case .forged: return nil
        case .notOwner: return PostActionResponse(ephemeralText: "Only the person who set this reminder can delete it.")
        case .expired:
            return await answerUndo("This Delete button has expired; delete the reminder from `/remind list`.",
                                    request: request, placement: placement)
        case .valid: break
        }
        let deleted: [ReminderRecord]
        do {
            deleted = try await context.store.delete(reminderIDs: ids, createdBy: ownerID, at: now)
        } catch ReminderStoreError.notCreatedBy {
            return nil
        } catch {
            let failure = ServiceFailure.from(error, purpose: "delete the reminder", logger: context.logger)
            return await ClickNotice(context: context).reply(failure.message, to: request.userID)
        }
        for reminder in deleted { await context.reminderChanged(reminder) }
        let text = deleted.isEmpty ? "That reminder was already completed or deleted."
            : "I've deleted the reminder “\(deleted[0].message)”\(deleted.count > 1 ? " for all \(deleted.count) recipients" : "")."
        return await answerUndo(text, request: request, placement: placement)
    }

    /// A confirmation's "Did you mean …?": moves the reminders just set, all or none, to the other reading
    /// of their hour, if the clicker set them and none has fired yet, and says so where the confirmation was.
    private func reread(_ request: PostActionRequest) async -> PostActionResponse? {
        guard let (ownerID, token, idsText, ids, placement) = Self.confirmationClick(request),
              let atText = request.contextString("at"),
              let milliseconds = RequestNumber.bounded(atText, maxDigits: 15) else { return nil }
        let now = context.clock.now()
        let scope = Confirmation.rereadScope(owner: ownerID, reminders: idsText, at: atText, placement: placement)
        switch await context.verifyClick(token: token, scope: scope, ownerID: ownerID, clicker: request.userID, now: now) {
        case .forged: return nil
        case .notOwner: return PostActionResponse(ephemeralText: "Only the person who set this reminder can change it.")
        case .expired:
            return await answerUndo("This button has expired; change the reminder from `/remind list`.",
                                    request: request, placement: placement)
        case .valid: break
        }
        let fireAt = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
        guard fireAt > now else {
            return await answerUndo("That time has passed; set the reminder again with am or pm.", request: request, placement: placement)
        }
        let moved: [ReminderRecord]
        do {
            moved = try await context.store.moveUnfired(reminderIDs: ids, createdBy: ownerID, to: fireAt, at: now)
        } catch ReminderStoreError.notCreatedBy {
            return nil
        } catch ReminderStoreError.reminderNotActive {
            return await answerUndo("That reminder already went off or was completed or deleted, so I left it as it was.",
                                    request: request, placement: placement)
        } catch {
            let failure = ServiceFailure.from(error, purpose: "change the reminder", logger: context.logger)
            return await ClickNotice(context: context).reply(failure.message, to: request.userID)
        }
        for reminder in moved { await context.reminderChanged(reminder) }
        guard let first = moved.first else { return PostActionResponse() }
        let time: TimeText
        do {
            time = try await context.reader(request.userID, fallback: first.zone)
        } catch {
            let failure = ServiceFailure.from(error, purpose: "change the reminder", logger: context.logger)
            return await ClickNotice(context: context).reply(failure.message, to: request.userID)
        }
        let text = "OK: “\(first.message)” is now at \(time.moment(fireAt, now: now)) (\(first.timeZone))"
            + (moved.count > 1 ? " for all \(moved.count) recipients." : ".")
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
}
