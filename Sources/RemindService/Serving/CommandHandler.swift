import Foundation
import Mattermost
import RemindCore
import RemindStore

/// `/remind …` after its token was checked: help, list, version, the dialog, or a reminder phrase. Always
/// answers with an ephemeral command response (HTTP 200); nothing here waits on a delivery.
struct CommandHandler: Sendable {
    var context: ServiceContext

    func handle(_ request: SlashCommandRequest) async -> CommandResponse {
        switch SlashCommandText.classify(request.text) {
        case .help:
            return CommandResponse(responseType: .ephemeral, text: HelpText.markdown)
        case .version:
            return .ephemeral("remindd \(RemindVersion.current)")
        case .list:
            return await ListController(context: context).show(userID: request.userID, teamName: request.teamDomain)
        case .dialog:
            return await DialogHandler(context: context).open(request)
        case .history:
            return await history(for: request.userID)
        case .calendar(let reset):
            return await CalendarFeed(context: context).command(userID: request.userID, reset: reset)
        case .snooze(let id, let when):
            return await snooze(id: id, when: when, request: request)
        case .reminder(let phrase):
            return await create(phrase, request: request)
        }
    }

    /// `/remind snooze <id> <when>`: the same rule for who may act as the buttons; a reminder the user may
    /// not act on is answered like a missing one, so ids cannot be probed for other people's messages.
    private func snooze(id text: String, when: String, request: SlashCommandRequest) async -> CommandResponse {
        let usage = "e.g. `/remind snooze 12 in 45 minutes` (the numbers are in `/remind list`)."
        guard let id = RequestNumber.id(text) else { return .ephemeral("That is not a reminder number; type it as \(usage)") }
        do {
            guard let reminder = try await context.store.reminder(id: id), reminder.state != .deleted else {
                return .ephemeral("You have no reminder #\(id); `/remind list` shows yours, \(usage)")
            }
            guard try await ReminderActions(context: context).mayAct(request.userID, on: reminder) else {
                // A team member sees the reminder in their list: tell them whose it is.
                if reminder.team?.contains(where: { $0.id == request.userID }) == true {
                    return .ephemeral("Only \(ReminderActions.owners(of: reminder)) can snooze it; your Complete counts for you.")
                }
                return .ephemeral("You have no reminder #\(id); `/remind list` shows yours, \(usage)")
            }
            let time = try await context.reader(request.userID, fallback: reminder.zone)
            let now = context.clock.now()
            switch SnoozeTime.read(when, now: now, time: time) {
            case .failure(let failure): return .ephemeral(failure.message)
            case .success(let until):
                let text = try await SnoozeTime.apply(
                    until, to: reminder, clicker: (request.userID, request.userName), time: time, now: now, context: context)
                var response = CommandResponse.ephemeral(text)
                response.skipSlackParsing = true
                return response
            }
        } catch {
            return .ephemeral(ServiceFailure.from(error, purpose: "snooze the reminder", logger: context.logger).message)
        }
    }

    /// `/remind history`: the latest firings from the ledger, with the times skipped among them.
    private func history(for userID: String) async -> CommandResponse {
        do {
            var response = CommandResponse.ephemeral(try await HistoryView.text(for: userID, context: context))
            response.skipSlackParsing = true
            return response
        } catch {
            return .ephemeral(ServiceFailure.from(error, purpose: "read your history", logger: context.logger).message)
        }
    }

    private func create(_ phrase: String, request: SlashCommandRequest) async -> CommandResponse {
        let creation = CreationRequest(
            phrase: phrase, userID: request.userID, teamID: request.teamID, channelID: request.channelID,
            channelName: request.channelName,
            mentionedUserIDs: request.mentionedUserIDs, mentionedChannelIDs: request.mentionedChannelIDs,
            rootID: request.rootID, teamName: request.teamDomain)
        switch await ReminderCreator(context: context).create(creation) {
        case .failure(let refusal):
            context.metrics.increment("remind_commands_refused_total", labels: [("field", refusal.field.rawValue)])
            return .ephemeral(refusal.message)
        case .success(let created):
            var response = CommandResponse.ephemeral(Confirmation.text(created))
            if let key = try? await context.signer.currentKey(now: created.now),
               let attachment = try? Confirmation.attachment(
                   created, key: key, actionURL: context.callbackURL("/action"),
                   placement: .ephemeral(responseURL: request.responseURL)) {
                response.attachments = [attachment]
            }
            return response
        }
    }
}
