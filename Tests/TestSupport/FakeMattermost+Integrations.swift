import Foundation
import HTTPServer
import Mattermost

/// Slash command registration, `response_url` webhooks and dialog opening.
extension FakeMattermost {
    /// How long a trigger id stays valid (`OutgoingIntegrationRequestsTimeout`).
    static let triggerLifetime: TimeInterval = 30
    /// How long and how often a command's `response_url` may be used.
    static let commandWebhookLifetime: TimeInterval = 30 * 60
    static let commandWebhookUses = 5

    /// `manage_slash_commands`: system and team admins, and users granted it.
    private func mayManageCommands(_ userID: String, teamID: String) -> Bool {
        mayManageOthersCommands(userID, teamID: teamID) || ownCommandManagers.contains(Self.memberKey(teamID, userID))
    }

    /// `manage_others_slash_commands`: system and team admins.
    private func mayManageOthersCommands(_ userID: String, teamID: String) -> Bool {
        systemAdmins.contains(userID)
            || (teamMembers[Self.memberKey(teamID, userID)]?.roles.split(separator: " ").contains("team_admin") ?? false)
    }

    /// Mattermost's built-in triggers (a custom command cannot take them).
    static let builtInTriggers: Set<String> = [
        "away", "code", "collapse", "dnd", "echo", "expand", "groupmsg", "header", "help", "invite", "invite_people",
        "join", "kick", "leave", "logout", "me", "msg", "mute", "offline", "online", "open", "purpose", "remove",
        "rename", "search", "settings", "shortcuts", "shrug", "status",
    ]

    private func forbidden(_ call: FakeCall) -> HTTPResponse {
        call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
    }

    func listCommands(_ call: FakeCall) -> HTTPResponse {
        let teamID = call.query("team_id") ?? ""
        guard mayManageCommands(call.callerID, teamID: teamID) else { return forbidden(call) }
        // custom_only lists only one's own commands unless one may manage others'.
        let everyone = mayManageOthersCommands(call.callerID, teamID: teamID)
        return call.json(commands.values.filter { $0.teamID == teamID && (everyone || $0.creatorID == call.callerID) }
            .sorted { $0.trigger < $1.trigger })
    }

    func createCommand(_ call: FakeCall) -> HTTPResponse {
        guard var command = call.decode(Command.self) else { return call.invalidBody("command") }
        guard mayManageCommands(call.callerID, teamID: command.teamID) else { return forbidden(call) }
        command.trigger = command.trigger.lowercased()
        if let problem = commandProblem(command, replacing: nil) {
            return call.error(400, problem.id, problem.message)
        }
        command.id = FakeID.make()
        command.token = FakeID.make()
        command.creatorID = call.callerID
        commands[command.id] = command
        return call.json(command, status: 201)
    }

    func updateCommand(_ call: FakeCall, id: String) -> HTTPResponse {
        guard var command = call.decode(Command.self), command.id == id else { return call.invalidBody("command") }
        guard let existing = commands[id] else {
            return call.error(404, "app.command.getcommand.app_error", "Unable to get the command.")
        }
        guard mayManageCommands(call.callerID, teamID: existing.teamID),
              existing.creatorID == call.callerID || mayManageOthersCommands(call.callerID, teamID: existing.teamID)
        else { return forbidden(call) }
        command.trigger = command.trigger.lowercased()
        command.token = existing.token
        command.creatorID = existing.creatorID
        command.teamID = existing.teamID
        if let problem = commandProblem(command, replacing: id) {
            return call.error(400, problem.id, problem.message)
        }
        commands[id] = command
        return call.json(command)
    }

    private func commandProblem(_ command: Command, replacing id: String?) -> (id: String, message: String)? {
        let trigger = command.trigger
        let allowed = trigger.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./-".unicodeScalars.contains($0))
        }
        if !(1...128).contains(trigger.utf8.count) || !allowed || trigger.hasPrefix("/") {
            return ("model.command.is_valid.trigger.app_error", "Invalid trigger.")
        }
        if command.displayName.count > 64 {
            return ("model.command.is_valid.display_name.app_error", "Title must be 64 characters or less.")
        }
        if command.description.count > 128 {
            return ("model.command.is_valid.description.app_error", "Description must be 128 characters or less.")
        }
        if command.autoCompleteHint.count > 1024 || command.autoCompleteDesc.count > 1024 {
            return ("model.command.is_valid.autocomplete_data.app_error", "Invalid autocomplete data.")
        }
        if Self.builtInTriggers.contains(trigger) {
            return ("api.command.duplicate_trigger.app_error", "This trigger word is already in use. Please choose another word.")
        }
        if command.method != "P" && command.method != "G" {
            return ("model.command.is_valid.method.app_error", "Invalid method.")
        }
        if !(command.url.hasPrefix("http://") || command.url.hasPrefix("https://")) || command.url.count > 1024 {
            return ("model.command.is_valid.url_http.app_error", "Invalid URL. Must be a valid URL and start with http:// or https://.")
        }
        if teams[command.teamID] == nil {
            return ("model.command.is_valid.team_id.app_error", "Invalid team ID.")
        }
        let taken = commands.values.contains { $0.teamID == command.teamID && $0.trigger == trigger && $0.id != id }
        if taken { return ("api.command.duplicate_trigger.app_error", "This trigger word is already in use.") }
        return nil
    }

    func openDialog(_ call: FakeCall) -> HTTPResponse {
        guard let request = call.decode(OpenDialogRequest.self) else { return call.invalidBody("dialog") }
        guard !request.url.isEmpty else {
            return call.error(400, "interactive_message.generate_trigger_id.url.app_error", "Missing dialog url.")
        }
        guard let trigger = triggers[request.triggerID] else {
            return call.error(400, "interactive_message.decode_trigger_id.base64_decode_failed", "Failed to decode trigger ID.")
        }
        guard now.timeIntervalSince(trigger.issuedAt) <= Self.triggerLifetime else {
            return call.error(400, "interactive_message.decode_trigger_id.expired", "Trigger ID for interactive dialog is expired.")
        }
        openedDialogs.append(
            OpenedDialog(request: request, userID: trigger.userID, channelID: trigger.channelID, teamID: trigger.teamID))
        return call.json(StatusResponse(status: "OK"))
    }

    func makeCommandWebhook(userID: String, channelID: String, rootID: String) -> String {
        let id = FakeID.make()
        commandWebhooks[id] = CommandWebhook(userID: userID, channelID: channelID, rootID: rootID, createdAt: now, uses: 0)
        return "\(siteURL)/hooks/commands/\(id)"
    }

    /// `POST /hooks/commands/{id}`: a late command response (no auth, the id is the secret).
    func commandWebhook(_ call: FakeCall, id: String) -> HTTPResponse {
        guard var hook = commandWebhooks[id], now.timeIntervalSince(hook.createdAt) < Self.commandWebhookLifetime else {
            return call.error(404, "app.command_webhook.get.app_error", "Unable to get the webhook.")
        }
        guard hook.uses < Self.commandWebhookUses else {
            return call.error(400, "app.command_webhook.try_use.invalid", "Invalid webhook.")
        }
        hook.uses += 1
        commandWebhooks[id] = hook
        let isJSON = call.request.header("Content-Type")?.hasPrefix("application/json") ?? false
        let response = isJSON
            ? call.decode(CommandResponse.self)
            : CommandResponse(text: String(decoding: call.request.body, as: UTF8.self))
        guard let response else { return call.invalidBody("response") }
        applyCommandResponse(response, userID: hook.userID, channelID: hook.channelID, rootID: hook.rootID)
        return .text("ok")
    }

    /// Shows a command response like the server: ephemeral to the invoker, or a post as the invoker marked
    /// `from_webhook`; `extra_responses` each the same way.
    func applyCommandResponse(_ response: CommandResponse, userID: String, channelID: String, rootID: String) {
        for part in [response] + (response.extraResponses ?? []) {
            let attachments = part.attachments ?? []
            if part.isInChannel {
                var props = part.props ?? [:]
                props["from_webhook"] = "true"
                if !attachments.isEmpty { props["attachments"] = try? JSONValue(encoding: attachments) }
                let timestamp = now
                let post = Post(
                    id: FakeID.make(), channelID: channelID, userID: userID, rootID: rootID, message: part.text ?? "",
                    type: attachments.isEmpty ? "" : "slack_attachment", props: props,
                    createAt: timestamp.millisecondsSince1970, updateAt: timestamp.millisecondsSince1970)
                posts[post.id] = post
                createdPosts.append(RecordedPost(post: post, receivedAt: timestamp))
            } else if !(part.text ?? "").isEmpty || !attachments.isEmpty {
                ephemeralPosts.append(
                    EphemeralPost(userID: userID, channelID: channelID, message: part.text ?? "", attachments: attachments))
            }
        }
    }
}
