import Foundation
import Mattermost
import RemindCore
import RemindStore

/// `/remind` alone opens a form (message, recipients, when, or a preset); `POST /dialog` reads it with the
/// same grammar as the command. Errors go back as field errors; on success the dialog closes and the bot
/// sends the confirmation by DM (a dialog has no ephemeral reply).
///
/// Mattermost adds no credential to a submission (MATTERMOST.md, corrections), so the form's `state`
/// carries `<team id>|<team name>|<token>`, the token signed over the user it was opened for, that team
/// and an expiry; a submission without a valid one, or from another user, is refused with nothing stored.
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
        var dialog = Dialog(
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
            submitLabel: "Remind me", state: "")
        do {
            let now = context.clock.now()
            let key = try await context.signer.currentKey(now: now)
            let token = key.token(for: Self.scope(userID: request.userID, teamID: request.teamID), now: now)
            dialog.state = [request.teamID, request.teamDomain, token].joined(separator: "|")
            try await context.client.openDialog(
                OpenDialogRequest(triggerID: request.triggerID, url: context.callbackURL("/dialog"), dialog: dialog))
            return CommandResponse()
        } catch {
            context.logger.log(.warning, "opening the dialog failed", ["error": String(describing: error)])
            return .ephemeral("I couldn't open the reminder form; type the reminder instead, e.g. "
                + "`/remind me to stretch in 10 minutes` (see `/remind help`).")
        }
    }

    /// What a dialog's token is bound to.
    static func scope(userID: String, teamID: String) -> TokenScope {
        TokenScope(.dialog, [userID, teamID])
    }

    /// Why a submission is not accepted at all.
    enum Rejection: Error, Equatable {
        /// No valid state for this user: not a form remindd opened for them.
        case forged
        /// A genuine form, opened too long ago.
        case expired
        /// The sender is a bot or a deactivated account.
        case senderNotAllowed
    }

    /// The team the form was opened in, when `submission.state` is a valid token for its user.
    func verifiedTeam(_ submission: SubmitDialogRequest) async -> Result<String, Rejection> {
        let parts = submission.state.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !submission.userID.isEmpty else { return .failure(.forged) }
        let scope = Self.scope(userID: submission.userID, teamID: parts[0])
        switch try? await context.signer.check(parts[2], scope: scope, now: context.clock.now()) {
        case .valid?: return .success(parts[0])
        case .expired?: return .failure(.expired)
        case .invalid?, nil: return .failure(.forged)
        }
    }

    /// Reads a submission; nil closes the dialog. Throws `Rejection` when it must not be read at all.
    func submit(_ submission: SubmitDialogRequest) async throws(Rejection) -> SubmitDialogResponse? {
        guard !submission.cancelled else { return nil }
        let teamID = try await verifiedTeam(submission).get()
        if let sender = try? await context.directory.currentUser(id: submission.userID), sender.isBot || sender.isDeactivated {
            throw .senderNotAllowed
        }
        let message = (submission.text("message") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let recipients = (submission.text("recipients") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let typedWhen = (submission.text("when") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let when = typedWhen.isEmpty ? (submission.text("preset") ?? "") : typedWhen
        guard !message.isEmpty else { return SubmitDialogResponse(errors: ["message": "What should I remind about?"]) }
        guard !when.isEmpty else {
            return SubmitDialogResponse(errors: ["when": "When? Type e.g. “tomorrow at 9am” or pick a preset."])
        }
        let phrase = [Self.recipientWords(recipients), Self.quoted(message), when].joined(separator: " ")
        let creation = CreationRequest(
            phrase: phrase, userID: submission.userID, teamID: teamID, channelID: submission.channelID)
        switch await ReminderCreator(context: context).create(creation) {
        case .failure(let refusal):
            if refusal.field == .form { return SubmitDialogResponse(error: refusal.message) }
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
            let key = try await context.signer.currentKey(now: created.now)
            try post.setAttachments([Confirmation.attachment(
                created, key: key, actionURL: context.callbackURL("/action"), placement: .directMessage)])
            _ = try await context.client.createPost(post)
        } catch {
            context.logger.log(.warning, "dialog confirmation DM failed", ["error": String(describing: error)])
        }
    }
}
