import Foundation
import HTTPServer
import Mattermost

/// What `remindd setup` calls, answered as Mattermost 11 does (server/channels/api4/{bot,user,team,config,command}.go):
/// bots, access tokens, team members, the server configuration, and running a command.
extension FakeMattermost {
    /// A config.json with the settings setup reads, at the server's defaults (bots and personal tokens off).
    static let defaultConfig: JSONValue = [
        "ServiceSettings": [
            "SiteURL": "", "EnableBotAccountCreation": false, "EnableUserAccessTokens": false,
            "AllowedUntrustedInternalConnections": "", "EnableCommands": true,
        ],
        "TeamSettings": ["MaxUsersPerTeam": .number(50)],
    ]

    // MARK: Seeding and reading

    /// Sets one `ServiceSettings` value, as an admin would in the System Console.
    public func setServiceSetting(_ name: String, _ value: JSONValue) {
        config = Self.merged(config, ["ServiceSettings": .object([name: value])])
    }

    /// A `ServiceSettings` value.
    public func serviceSetting(_ name: String) -> JSONValue? {
        config["ServiceSettings"]?[name]
    }

    /// Sets a `ServiceSettings` value as Mattermost's environment would (`MM_SERVICESETTINGS_…`): it wins over
    /// the config API, whose answers then show it whatever was saved.
    public func overrideServiceSettingFromEnvironment(_ name: String, _ value: JSONValue) {
        environmentOverrides[name] = value
    }

    /// Turns on (or off) the rule that command calls to internal hosts need `AllowedUntrustedInternalConnections`.
    public func setEnforcesUntrustedInternalConnections(_ enforced: Bool) {
        enforcesUntrustedInternalConnections = enforced
    }

    /// The bot accounts, by username.
    public func botAccounts() -> [Bot] {
        bots.values.sorted { $0.username < $1.username }
    }

    /// The access tokens created through the API for a user.
    public func accessTokens(for userID: String) -> [UserAccessToken] {
        accessTokens.values.filter { $0.userID == userID }.sorted { $0.id < $1.id }
    }

    /// Whether the user is a member of the team.
    public func isTeamMember(_ userID: String, team: Team) -> Bool {
        isMember(userID, ofTeam: team.id)
    }

    /// Disables a bot (as System Console › Bot Accounts › Disable does).
    public func disableBot(_ userID: String) {
        bots[userID]?.deleteAt = now.millisecondsSince1970
        users[userID]?.deleteAt = now.millisecondsSince1970
    }

    // MARK: Routing

    func routeSetup(_ call: FakeCall) async -> HTTPResponse? {
        if call.match("POST", "/api/v4/bots") != nil { return createBot(call) }
        if let parameters = call.match("POST", "/api/v4/bots/:id/enable") { return enableBot(call, id: parameters[0]) }
        if let parameters = call.match("POST", "/api/v4/users/:id/tokens") { return createAccessToken(call, userID: parameters[0]) }
        if let parameters = call.match("POST", "/api/v4/teams/:team/members") { return addTeamMember(call, teamID: parameters[0]) }
        if call.match("GET", "/api/v4/config") != nil {
            guard systemAdmins.contains(call.callerID) else { return permissionError(call) }
            return call.json(currentConfig)
        }
        if call.match("PUT", "/api/v4/config/patch") != nil { return patchConfig(call) }
        if call.match("POST", "/api/v4/commands/execute") != nil { return await executeCommand(call) }
        return nil
    }

    private func permissionError(_ call: FakeCall) -> HTTPResponse {
        call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
    }

    private func setting(_ name: String) -> Bool {
        if case .bool(let value)? = config["ServiceSettings"]?[name] { return value }
        return false
    }

    private func createBot(_ call: FakeCall) -> HTTPResponse {
        guard let patch = call.decode(Bot.self) else { return call.invalidBody("bot") }
        // create_bot is a system admin permission by default; bots may never create bots.
        guard systemAdmins.contains(call.callerID), users[call.callerID]?.isBot == false else { return permissionError(call) }
        guard setting("EnableBotAccountCreation") else {
            return call.error(403, "api.bot.create_disabled", "Bot creation has been disabled.")
        }
        let username = patch.username.lowercased()
        let valid = (1...64).contains(username.count)
            && username.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
        guard valid else { return call.error(400, "model.bot.is_valid.username.app_error", "Invalid username.") }
        guard !users.values.contains(where: { $0.username == username }) else {
            return call.error(400, "app.user.save.username_exists.app_error", "An account with that username already exists.")
        }
        let user = User(id: FakeID.make(), username: username, isBot: true)
        users[user.id] = user
        let bot = Bot(
            userID: user.id, username: username, displayName: patch.displayName, description: patch.description,
            ownerID: call.callerID)
        bots[user.id] = bot
        return call.json(bot, status: 201)
    }

    private func enableBot(_ call: FakeCall, id: String) -> HTTPResponse {
        guard systemAdmins.contains(call.callerID) else { return permissionError(call) }
        guard var bot = bots[id] else {
            return call.error(404, "store.sql_bot.get.missing.app_error", "Bot does not exist.")
        }
        bot.deleteAt = 0
        bots[id] = bot
        users[id]?.deleteAt = 0
        return call.json(bot)
    }

    private func createAccessToken(_ call: FakeCall, userID: String) -> HTTPResponse {
        guard let user = users[userID] else {
            return call.error(404, "app.user.missing_account.const", "Unable to find the user.")
        }
        guard let request = call.decode(UserAccessToken.self) else { return call.invalidBody("user_access_token") }
        guard !request.description.isEmpty else {
            return call.error(400, "api.context.invalid_body_param.app_error", "Invalid or missing description in request body.")
        }
        // create_user_access_token is system admin only by default, plus edit_other_users for someone else.
        guard systemAdmins.contains(call.callerID) else { return permissionError(call) }
        guard setting("EnableUserAccessTokens") || user.isBot else {
            return call.error(501, "app.user_access_token.disabled", "Personal access tokens are disabled on this server.")
        }
        let token = UserAccessToken(id: FakeID.make(), token: FakeID.make(), userID: userID, description: request.description)
        accessTokens[token.token] = token
        tokens[token.token] = userID
        return call.json(token)
    }

    private func addTeamMember(_ call: FakeCall, teamID: String) -> HTTPResponse {
        struct MemberRequest: Decodable {
            var teamID: String
            var userID: String
            enum CodingKeys: String, CodingKey { case teamID = "team_id", userID = "user_id" }
        }
        guard let member = call.decode(MemberRequest.self), member.teamID == teamID else {
            return call.error(400, "api.team.add_team_member.invalid_body.app_error", "Error in model.TeamMemberFromJSON()")
        }
        guard teams[teamID] != nil else {
            return call.error(404, "app.team.get.find.app_error", "Unable to find the existing team.")
        }
        let isTeamAdmin = teamMembers[Self.memberKey(teamID, call.callerID)]?.roles.contains("team_admin") ?? false
        guard systemAdmins.contains(call.callerID) || isTeamAdmin else { return permissionError(call) }
        guard users[member.userID] != nil else {
            return call.error(404, "api.team.user.missing_account", "Unable to find the user.")
        }
        let key = Self.memberKey(teamID, member.userID)
        let stored = teamMembers[key] ?? TeamMember(teamID: teamID, userID: member.userID)
        teamMembers[key] = stored
        return call.json(stored, status: 201)
    }

    private func patchConfig(_ call: FakeCall) -> HTTPResponse {
        guard let patch = call.decode(JSONValue.self), patch.objectValue != nil else { return call.invalidBody("config") }
        guard systemAdmins.contains(call.callerID) else { return permissionError(call) }
        if !siteURL.isEmpty, patch["ServiceSettings"]?["SiteURL"]?.stringValue == "" {
            return call.error(400, "api.config.update_config.clear_siteurl.app_error", "Site URL cannot be cleared.")
        }
        config = Self.merged(config, patch)
        if let url = patch["ServiceSettings"]?["SiteURL"]?.stringValue { siteURL = url }
        return call.json(currentConfig)
    }

    /// The configuration with the `SiteURL` the client config reports and the environment's overrides.
    private var currentConfig: JSONValue {
        let withSiteURL = Self.merged(config, ["ServiceSettings": ["SiteURL": .string(siteURL)]])
        return Self.merged(withSiteURL, ["ServiceSettings": .object(environmentOverrides)])
    }

    /// `POST /commands/execute`: the caller runs `/trigger text` in a channel; the server calls the command's URL.
    private func executeCommand(_ call: FakeCall) async -> HTTPResponse {
        guard let execution = call.decode(CommandExecution.self), execution.command.hasPrefix("/"),
              execution.command.count > 1, let channel = channels[execution.channelID] else {
            return call.error(400, "api.command.execute_command.start.app_error", "No command trigger found.")
        }
        guard isMember(call.callerID, ofChannel: channel.id) || systemAdmins.contains(call.callerID),
              let user = users[call.callerID] else { return permissionError(call) }
        let line = execution.command.dropFirst()
        let trigger = String(line.prefix { !$0.isWhitespace }).lowercased()
        let text = line.drop { !$0.isWhitespace }.dropFirst()
        guard commands.values.contains(where: { $0.teamID == channel.teamID && $0.trigger == trigger }) else {
            return call.error(404, "api.command.execute_command.not_found.app_error", "Command with a trigger of '/\(trigger)' not found.")
        }
        guard !siteURL.isEmpty else {
            return call.error(400, "api.command.execute_command.site_url_required.app_error", "SiteURL is required to execute custom commands.")
        }
        let failed = call.error(500, "api.command.execute_command.failed.app_error", "Command with a trigger of '/\(trigger)' failed.")
        do {
            let reply = try await runSlashCommand(String(text), user: user, channel: channel, trigger: trigger)
            guard reply.status == 200 else {
                return call.error(500, "api.command.execute_command.failed_resp.app_error", "Command with a trigger of '/\(trigger)' returned response \(reply.status).")
            }
            return call.json(reply.response ?? CommandResponse(text: reply.text))
        } catch {
            return failed
        }
    }

    // MARK: Rules

    /// Mattermost's untrusted-connection rule (when enforced): loopback, private and link-local hosts
    /// (and `localhost`) are refused unless `AllowedUntrustedInternalConnections` names the host exactly.
    func refusesUntrusted(_ host: String) -> Bool {
        guard enforcesUntrustedInternalConnections else { return false }
        let allowed = (currentConfig["ServiceSettings"]?["AllowedUntrustedInternalConnections"]?.stringValue ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if allowed.contains(host) { return false }
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return false }
        return octets[0] == 127 || octets[0] == 10 || (octets[0] == 192 && octets[1] == 168)
            || (octets[0] == 172 && (16...31).contains(octets[1])) || (octets[0] == 169 && octets[1] == 254)
    }

    /// `config.Merge`: objects merge key by key, anything else in `patch` replaces.
    static func merged(_ base: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(var result) = base, case .object(let changes) = patch else { return patch }
        for (key, value) in changes { result[key] = result[key].map { merged($0, value) } ?? value }
        return .object(result)
    }
}
