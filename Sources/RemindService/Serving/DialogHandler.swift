import Foundation
import Mattermost
import RemindCore
import RemindStore

/// `/remind` alone opens a form (message, recipients, when, or a preset); `POST /dialog` reads it with the
/// same grammar as the command. Errors go back as field errors; on success the dialog closes and the bot
/// sends the confirmation by DM (a dialog has no ephemeral reply).
struct DialogHandler: Sendable {
    var context: ServiceContext

    static let callbackID = "remind"

    /// The presets offered next to the free-text *when*.
    static let presets: [(label: String, phrase: String)] = [
        ("In 20 minutes", "in 20 minutes"), ("In 1 hour", "in 1 hour"), ("In 3 hours", "in 3 hours"),
        ("Tomorrow at 9 AM", "tomorrow at 9am"), ("Next Monday at 9 AM", "next monday at 9am"),
        ("Every weekday at 9 AM", "every weekday at 9am"),
    ]

    /// Opens the dialog for the user behind the command's trigger id.
    func open(_ request: SlashCommandRequest) async -> CommandResponse {
        let dialog = Dialog(
            callbackID: Self.callbackID, title: "Set a reminder",
            introductionText: "Who, what and when — like `/remind @sam to review the PR tomorrow at 9am`.",
            elements: [
                DialogElement(displayName: "Message", name: "message", type: "textarea", placeholder: "review the PR",
                              maxLength: 3_000),
                DialogElement(displayName: "Recipients", name: "recipients", type: "text", placeholder: "me",
                              helpText: "me, @someone (several allowed) or ~channel. Empty means you.", optional: true),
                DialogElement(displayName: "When", name: "when", type: "text", placeholder: "tomorrow at 9am",
                              helpText: "Anything /remind understands: in 2 hours, at 5pm, every monday at 10am…",
                              optional: true),
                DialogElement(displayName: "Or pick", name: "preset", type: "select", optional: true,
                              options: Self.presets.map { PostActionOption(text: $0.label, value: $0.phrase) }),
            ],
            submitLabel: "Remind me", state: request.teamID + "|" + request.teamDomain)
        do throws(MattermostError) {
            try await context.client.openDialog(
                OpenDialogRequest(triggerID: request.triggerID, url: context.callbackURL("/dialog"), dialog: dialog))
            return CommandResponse()
        } catch {
            context.logger.log(.warning, "opening the dialog failed", ["error": error.description])
            return .ephemeral("I couldn't open the reminder form; type the reminder instead, e.g. "
                + "`/remind me to stretch in 10 minutes` (see `/remind help`).")
        }
    }

    /// Reads a submission; nil closes the dialog.
    func submit(_ submission: SubmitDialogRequest) async -> SubmitDialogResponse? {
        guard !submission.cancelled else { return nil }
        let message = (submission.text("message") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let recipients = (submission.text("recipients") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let typedWhen = (submission.text("when") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let when = typedWhen.isEmpty ? (submission.text("preset") ?? "") : typedWhen
        guard !message.isEmpty else { return SubmitDialogResponse(errors: ["message": "What should I remind about?"]) }
        guard !when.isEmpty else {
            return SubmitDialogResponse(errors: ["when": "When? Type e.g. “tomorrow at 9am” or pick a preset."])
        }
        let state = submission.state.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let teamID = submission.teamID.isEmpty ? (state.first ?? "") : submission.teamID
        let phrase = [Self.recipientWords(recipients), Self.quoted(message), when].joined(separator: " ")
        let creation = CreationRequest(
            phrase: phrase, userID: submission.userID, teamID: teamID, channelID: submission.channelID)
        switch await ReminderCreator(context: context).create(creation) {
        case .failure(let refusal):
            return SubmitDialogResponse(errors: [refusal.field.rawValue: refusal.message])
        case .success(let created):
            await sendConfirmation(created, to: submission.userID)
            return nil
        }
    }

    /// "me" for nothing; bare names get their `@` (a name without `~` is a person).
    static func recipientWords(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard !words.isEmpty else { return "me" }
        return words.map { word in
            word == "me" || word.hasPrefix("@") || word.hasPrefix("~") ? word : "@" + word
        }.joined(separator: " ")
    }

    /// The message in quotes so its words are never read as a time.
    static func quoted(_ message: String) -> String {
        if !message.contains("\"") { return "\"\(message)\"" }
        if !message.contains("”") && !message.contains("“") { return "“\(message)”" }
        return "\"" + message.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    private func sendConfirmation(_ created: CreatedReminders, to userID: String) async {
        do {
            let channelID = try await context.directory.directChannel(with: userID)
            var post = Post(channelID: channelID, message: Confirmation.text(created))
            let secret = try await context.secrets.secret(for: userID)
            try post.setAttachments([Confirmation.attachment(
                created, secret: secret, actionURL: context.callbackURL("/action"), ephemeral: false)])
            _ = try await context.client.createPost(post)
        } catch {
            context.logger.log(.warning, "dialog confirmation DM failed", ["error": String(describing: error)])
        }
    }
}
