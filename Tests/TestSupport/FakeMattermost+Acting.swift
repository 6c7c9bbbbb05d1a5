import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mattermost

/// The fake acting as Mattermost towards the service under test: running slash commands, clicking buttons and
/// submitting dialogs the way the real server sends them, and applying the replies to its state.
extension FakeMattermost {
    /// Runs `/<trigger> <text>` as `user` in `channel`: POSTs the Go-encoded form to the registered command's
    /// URL with its token, then shows the reply (ephemeral, or a post as the user) like the server would.
    public func runSlashCommand(
        _ text: String, user: User, channel: Channel, trigger: String = "remind", rootID: String = ""
    ) async throws -> CallbackReply<CommandResponse> {
        let team = teams[channel.teamID] ?? self.team
        guard let command = commands.values.first(where: { $0.teamID == team.id && $0.trigger == trigger }),
            let url = URL(string: command.url)
        else { throw FakeMattermostError.notFound("no command /\(trigger) in team \(team.name)") }
        if let host = url.host, refusesUntrusted(host) {
            throw FakeMattermostError.forbiddenAddress(host)
        }
        let mentions = mentions(in: text, teamID: team.id)
        let values: [String: [String]] = [
            "token": [command.token], "team_id": [team.id], "team_domain": [team.name], "channel_id": [channel.id],
            "channel_name": [channel.name], "user_id": [user.id], "user_name": [user.username],
            "command": ["/" + trigger], "text": [text],
            "trigger_id": [issueTrigger(userID: user.id, channelID: channel.id, teamID: team.id)], "root_id": [rootID],
            "response_url": [makeCommandWebhook(userID: user.id, channelID: channel.id, rootID: rootID)],
            "user_mentions": mentions.users.map(\.name), "user_mentions_ids": mentions.users.map(\.id),
            "channel_mentions": mentions.channels.map(\.name), "channel_mentions_ids": mentions.channels.map(\.id),
        ]
        let form = GoForm.encode(SlashCommandRequest(fields: { values[$0] ?? [] }).formFields)
        var headers = [
            ("Accept", "application/json"), ("Authorization", "Token \(command.token)"),
            ("User-Agent", "Mattermost-Bot/1.1"),
        ]
        let reply: CallbackReply<CommandResponse>
        if command.method == "G" {
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            let existingQuery = components?.percentEncodedQuery
            components?.percentEncodedQuery = [existingQuery, form].compactMap { $0 }.joined(separator: "&")
            reply = try await Self.call(components?.url ?? url, method: "GET", headers: headers, body: Data())
        } else {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            reply = try await Self.call(url, method: "POST", headers: headers, body: Data(form.utf8))
        }
        if reply.status == 200 {
            let isJSON = reply.contentType?.hasPrefix("application/json") ?? false
            if let response = reply.response {
                applyCommandResponse(response, userID: user.id, channelID: channel.id, rootID: rootID)
            } else if !isJSON, !reply.body.isEmpty {
                applyCommandResponse(CommandResponse(text: reply.text), userID: user.id, channelID: channel.id, rootID: rootID)
            }
        }
        return reply
    }

    /// Clicks a button (or picks `selectedOption` in a select) on a stored post as `user`: POSTs the action
    /// request with the stored `integration.context` to `integration.url`, then applies the reply's `update`
    /// (message replaced; props replaced when present, `from_webhook` and overrides kept) and `ephemeral_text`.
    public func clickButton(
        postID: String, actionID: String, user: User, selectedOption: String? = nil
    ) async throws -> CallbackReply<PostActionResponse> {
        guard let post = posts[postID], post.deleteAt == 0 else { throw FakeMattermostError.notFound("post \(postID)") }
        guard let action = post.attachments.lazy.compactMap({ $0.actions?.first { $0.id == actionID } }).first,
            let integration = action.integration, let url = URL(string: integration.url)
        else { throw FakeMattermostError.notFound("action \(actionID) with an integration on post \(postID)") }
        let channel = channels[post.channelID]
        let team = channel.flatMap { teams[$0.teamID] }
        var context = integration.context ?? [:]
        // The server adds selected_option for select menus only.
        if let selectedOption, action.type == .select { context["selected_option"] = .string(selectedOption) }
        let request = PostActionRequest(
            userID: user.id, userName: user.username, channelID: post.channelID, channelName: channel?.name ?? "",
            teamID: team?.id ?? "", teamDomain: team?.name ?? "", postID: postID,
            triggerID: issueTrigger(userID: user.id, channelID: post.channelID, teamID: team?.id ?? ""),
            type: action.type.rawValue, dataSource: action.dataSource ?? "", context: context)
        let reply: CallbackReply<PostActionResponse> = try await Self.call(
            url, method: "POST", headers: Self.jsonHeaders, body: try JSONEncoder().encode(request))
        guard reply.status == 200, let response = reply.response else { return reply }
        if let update = response.update { try applyUpdate(update, to: postID) }
        if let text = response.ephemeralText, !text.isEmpty {
            ephemeralPosts.append(EphemeralPost(
                userID: user.id, channelID: post.channelID, rootID: post.rootID.isEmpty ? postID : post.rootID, message: text))
        }
        return reply
    }

    /// Submits (or with `cancelled`, cancels) the most recently opened dialog: POSTs the submission to its url.
    /// `user` defaults to the one the dialog was opened for.
    public func submitDialog(
        _ submission: [String: JSONValue], user: User? = nil, cancelled: Bool = false
    ) async throws -> CallbackReply<SubmitDialogResponse> {
        guard let dialog = openedDialogs.last, let url = URL(string: dialog.request.url) else {
            throw FakeMattermostError.notFound("no dialog was opened")
        }
        let request = SubmitDialogRequest(
            callbackID: dialog.request.dialog.callbackID, state: dialog.request.dialog.state ?? "",
            userID: user?.id ?? dialog.userID, channelID: dialog.channelID, teamID: dialog.teamID,
            submission: cancelled ? [:] : submission, cancelled: cancelled)
        return try await Self.call(url, method: "POST", headers: Self.jsonHeaders, body: try JSONEncoder().encode(request))
    }

    private func applyUpdate(_ update: Post, to postID: String) throws {
        guard var post = posts[postID] else { return }
        let originalMessage = post.message
        post.message = update.message
        if var props = update.props {
            // Like UpdatePost: these survive a props replacement; `from_bot` does not.
            for key in ["from_webhook", "override_username", "override_icon_url"] {
                if let kept = post.props?[key] { props[key] = kept }
            }
            if let attachments = props["attachments"] {
                switch Self.checkedAttachments(attachments) {
                case .success(let checked): props["attachments"] = checked
                case .failure(let problem): throw FakeMattermostError.invalidUpdate(problem.message)
                }
            }
            post.props = props
        }
        post.updateAt = now.millisecondsSince1970
        if post.message != originalMessage { post.editAt = post.updateAt }
        posts[postID] = post
    }

    /// `@names` of team members and `~names` of public team channels in `text`, in order of appearance.
    func mentions(in text: String, teamID: String) -> (users: [(name: String, id: String)], channels: [(name: String, id: String)]) {
        var foundUsers: [(name: String, id: String)] = []
        var foundChannels: [(name: String, id: String)] = []
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "@" || scalar == "~" {
            if index > 0, Self.isWordCharacter(scalars[index - 1]) { continue }
            let nameCharacters = scalars[(index + 1)...].prefix { Self.isNameCharacter($0, allowDot: scalar == "@") }
            var name = String(String.UnicodeScalarView(nameCharacters)).lowercased()
            while !name.isEmpty {
                if scalar == "@", let user = users.values.first(where: { $0.username == name }),
                    isMember(user.id, ofTeam: teamID)
                {
                    if !foundUsers.contains(where: { $0.id == user.id }) { foundUsers.append((name, user.id)) }
                    break
                }
                if scalar == "~", let channel = channels.values.first(where: { $0.teamID == teamID && $0.name == name && $0.type == .open }) {
                    if !foundChannels.contains(where: { $0.id == channel.id }) { foundChannels.append((name, channel.id)) }
                    break
                }
                guard let last = name.last, ".-_".contains(last) else { break }
                name.removeLast()
            }
        }
        return (foundUsers, foundChannels)
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar, allowDot: Bool) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            || (allowDot && scalar == "."))
    }

    static let jsonHeaders = [
        ("Content-Type", "application/json"), ("Accept", "application/json"), ("User-Agent", "Mattermost-Bot/1.1"),
    ]

    /// One outgoing request with Mattermost's 30 s integration timeout; decodes a JSON body when it can.
    static func call<Response: Decodable & Sendable>(
        _ url: URL, method: String, headers: [(String, String)], body: Data
    ) async throws -> CallbackReply<Response> {
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if method != "GET" { request.httpBody = body }
        let (data, response) = try await outgoingSession.data(for: request)
        let http = response as? HTTPURLResponse
        return CallbackReply(
            status: http?.statusCode ?? 0, response: try? JSONDecoder().decode(Response.self, from: data), body: data,
            contentType: http?.value(forHTTPHeaderField: "Content-Type"))
    }

    private static let outgoingSession: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()
}
