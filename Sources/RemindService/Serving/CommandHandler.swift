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
        case .reminder(let phrase):
            return await create(phrase, request: request)
        }
    }

    private func create(_ phrase: String, request: SlashCommandRequest) async -> CommandResponse {
        let creation = CreationRequest(
            phrase: phrase, userID: request.userID, teamID: request.teamID, channelID: request.channelID,
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
