import Foundation
import HTTPServer
import Mattermost

/// One request being answered: the request, its id (`X-Request-Id`, `request_id`) and the authenticated user.
struct FakeCall: Sendable {
    var request: HTTPRequest
    var requestID: String
    var callerID: String = ""

    /// A JSON body with `status`.
    func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(value) else {
            return error(500, "fake.encode.app_error", "the fake could not encode its answer")
        }
        return .json(body, status: status)
    }

    /// A Mattermost `AppError` JSON body.
    func error(_ status: Int, _ id: String, _ message: String) -> HTTPResponse {
        let appError = AppError(id: id, message: message, requestID: requestID, statusCode: status)
        let body = (try? JSONEncoder().encode(appError)) ?? Data()
        return .json(body, status: status)
    }

    /// The body decoded as JSON, or nil.
    func decode<Value: Decodable>(_ type: Value.Type) -> Value? {
        try? JSONDecoder().decode(type, from: request.body)
    }

    /// 400 for a body that did not decode, like the server's `invalid_body_param`.
    func invalidBody(_ what: String) -> HTTPResponse {
        error(400, "api.context.invalid_body_param.app_error", "Invalid or missing \(what) in request body.")
    }

    /// A query parameter (decoded; `+` as space).
    func query(_ name: String) -> String? {
        for pair in request.query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.first == name else { continue }
            let raw = parts.count > 1 ? parts[1] : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
        }
        return nil
    }

    /// Matches `pattern` (`/api/v4/users/:id`) against the request; returns the `:` parameters in order.
    func match(_ method: String, _ pattern: String) -> [String]? {
        guard request.method == method else { return nil }
        let expected = pattern.split(separator: "/")
        let actual = request.path.split(separator: "/")
        guard expected.count == actual.count else { return nil }
        var parameters: [String] = []
        for (want, have) in zip(expected, actual) {
            if want.hasPrefix(":") {
                parameters.append(String(have))
            } else if want != have {
                return nil
            }
        }
        return parameters
    }
}

extension FakeMattermost {
    /// The fake as a plain request handler (no socket needed).
    public nonisolated var handler: HTTPHandler {
        { request in await self.handle(request) }
    }

    /// Answers one request like Mattermost would, recording it first.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        requests.append(
            RecordedRequest(
                method: request.method, path: request.path, query: request.query, headers: request.headers,
                body: request.body, receivedAt: now))
        var call = FakeCall(request: request, requestID: FakeID.make())
        var extraHeaders: [(name: String, value: String)] = [("X-Request-Id", call.requestID), ("X-Version-Id", version)]
        let elapsed = ContinuousClock.now - startedAt
        if let refusal = applyRateLimit({ $0.take(at: elapsed) }, adding: &extraHeaders) { return refusal }
        if let callerID = authenticate(request) {
            call.callerID = callerID
            if let refusal = applyRateLimit({ $0.take(forUser: callerID, at: elapsed) }, adding: &extraHeaders) {
                return refusal
            }
        }
        var response = await route(call)
        if response.status != HTTPResponse.dropConnection.status { response.headers += extraHeaders }
        return response
    }

    /// Mattermost's rate limiter with `RateLimitSettings.VaryByUser` on or off: on, every authenticated
    /// response carries two `X-RateLimit-*` sets (the fake's own limiter, then the caller's).
    public func setRateLimit(perSecond: Int = 10, maxBurst: Int = 100, varyByUser: Bool) {
        rateLimiter = GCRARateLimiter(perSecond: perSecond, maxBurst: maxBurst, varyByUser: varyByUser)
    }

    /// Runs one of the limiter's checks (when the limiter is on): its headers join `headers`, and a
    /// refusal is the 429 to answer, carrying every set so far.
    private func applyRateLimit(
        _ check: (inout GCRARateLimiter) -> GCRARateLimiter.Decision?, adding headers: inout [(name: String, value: String)]
    ) -> HTTPResponse? {
        guard var limiter = rateLimiter, let decision = check(&limiter) else { return nil }
        rateLimiter = limiter
        headers += decision.headers
        guard !decision.allowed else { return nil }
        rateLimitedCount += 1
        var refusal = HTTPResponse.text("limit exceeded\n", status: 429)
        refusal.headers += headers
        return refusal
    }

    private func authenticate(_ request: HTTPRequest) -> String? {
        guard let authorization = request.header("Authorization") else { return nil }
        for scheme in ["Bearer ", "Token "] where authorization.hasPrefix(scheme) {
            return tokens[String(authorization.dropFirst(scheme.count))]
        }
        return nil
    }

    private func route(_ call: FakeCall) async -> HTTPResponse {
        // Endpoints that need no session.
        if call.match("GET", "/api/v4/system/ping") != nil { return call.json(StatusResponse(status: "OK")) }
        if let parameters = call.match("POST", "/hooks/commands/:id") {
            return commandWebhook(call, id: parameters[0])
        }
        if call.match("POST", "/api/v4/actions/dialogs/open") != nil { return await withLatency(openDialog(call)) }
        guard call.request.path.hasPrefix("/api/v4/") else {
            return call.error(404, "api.context.404.app_error", "Sorry, we could not find the page.")
        }
        guard !call.callerID.isEmpty else {
            return call.error(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.")
        }
        if call.match("POST", "/api/v4/posts") != nil { return await createPost(call) }
        return await withLatency(await routeREST(call))
    }

    private func withLatency(_ response: HTTPResponse) async -> HTTPResponse {
        if latency > .zero { try? await Task.sleep(for: latency) }
        return response
    }

    private func routeREST(_ call: FakeCall) async -> HTTPResponse {
        if let response = await routeSetup(call) { return response }
        if call.match("GET", "/api/v4/users/me") != nil { return userResponse(call, id: call.callerID) }
        if let parameters = call.match("GET", "/api/v4/users/username/:name") {
            return userResponse(call, id: users.values.first { $0.username == parameters[0] }?.id ?? "")
        }
        if call.match("POST", "/api/v4/users/ids") != nil {
            guard let ids = call.decode([String].self) else { return call.invalidBody("user_ids") }
            return call.json(ids.compactMap { users[$0] })
        }
        if let parameters = call.match("GET", "/api/v4/users/:id") { return userResponse(call, id: parameters[0]) }
        if let parameters = call.match("GET", "/api/v4/users/:id/preferences/:category/name/:name") {
            return preference(call, userID: parameters[0], category: parameters[1], name: parameters[2])
        }
        if let parameters = call.match("GET", "/api/v4/teams/name/:name") {
            guard let team = teams.values.first(where: { $0.name == parameters[0] }) else {
                return call.error(404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.")
            }
            return call.json(team)
        }
        if let parameters = call.match("GET", "/api/v4/teams/:team/members/:user") {
            guard let member = teamMembers[Self.memberKey(parameters[0], parameters[1])] else {
                return call.error(404, "app.team.get_member.missing.app_error", "No team member found for that user ID and team ID.")
            }
            return call.json(member)
        }
        if let parameters = call.match("GET", "/api/v4/teams/:team/channels/name/:name") {
            return channelByName(call, teamID: parameters[0], name: parameters[1])
        }
        if let parameters = call.match("GET", "/api/v4/channels/:channel/members") {
            // As the server: read_channel needed; members ordered by user id, `per_page` capped at 200.
            guard channels[parameters[0]] != nil, isMember(call.callerID, ofChannel: parameters[0]) || systemAdmins.contains(call.callerID) else {
                return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
            }
            let page = max(0, call.query("page").flatMap { Int($0) } ?? 0)
            let perPage = min(200, max(1, call.query("per_page").flatMap { Int($0) } ?? 60))
            let members = (channelMembers[parameters[0]] ?? []).sorted().dropFirst(page * perPage).prefix(perPage)
            return call.json(members.map { ChannelMember(channelID: parameters[0], userID: $0) })
        }
        if let parameters = call.match("GET", "/api/v4/channels/:channel/members/:user") {
            // read_channel comes from membership (or being a system admin): a bot outside the channel gets 403.
            if channels[parameters[0]] != nil, !isMember(call.callerID, ofChannel: parameters[0]),
               !systemAdmins.contains(call.callerID) {
                return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
            }
            guard channels[parameters[0]] != nil, isMember(parameters[1], ofChannel: parameters[0]) else {
                return call.error(404, "app.channel.get_member.missing.app_error", "No channel member found for that user ID and channel ID.")
            }
            return call.json(ChannelMember(channelID: parameters[0], userID: parameters[1]))
        }
        if call.match("POST", "/api/v4/channels/direct") != nil { return createDirectChannel(call) }
        if let parameters = call.match("GET", "/api/v4/channels/:channel/posts") {
            return channelPosts(call, channelID: parameters[0])
        }
        if let parameters = call.match("GET", "/api/v4/posts/:id") { return getPost(call, id: parameters[0]) }
        if let parameters = call.match("PUT", "/api/v4/posts/:id/patch") { return patchPost(call, id: parameters[0]) }
        if let parameters = call.match("PUT", "/api/v4/posts/:id") { return updatePost(call, id: parameters[0]) }
        if let parameters = call.match("DELETE", "/api/v4/posts/:id") { return deletePost(call, id: parameters[0]) }
        if call.match("GET", "/api/v4/config/client") != nil { return clientConfig(call) }
        if call.match("GET", "/api/v4/commands") != nil { return listCommands(call) }
        if call.match("POST", "/api/v4/commands") != nil { return createCommand(call) }
        if let parameters = call.match("PUT", "/api/v4/commands/:id") { return updateCommand(call, id: parameters[0]) }
        return call.error(404, "api.context.404.app_error", "Sorry, we could not find the page.")
    }

    private func userResponse(_ call: FakeCall, id: String) -> HTTPResponse {
        guard let user = users[id] else {
            return call.error(404, "app.user.missing_account.const", "Unable to find the user.")
        }
        return call.json(user)
    }

    private func channelByName(_ call: FakeCall, teamID: String, name: String) -> HTTPResponse {
        let channel = channels.values.first { $0.teamID == teamID && $0.name == name }
        guard let channel, channel.type != .privateChannel || isMember(call.callerID, ofChannel: channel.id) else {
            return call.error(404, "app.channel.get_by_name.missing.app_error", "Channel does not exist.")
        }
        return call.json(channel)
    }

    private func createDirectChannel(_ call: FakeCall) -> HTTPResponse {
        guard let ids = call.decode([String].self) else { return call.invalidBody("user_ids") }
        guard ids.count == 2, ids.contains(call.callerID) else {
            return call.invalidBody("user_ids")
        }
        guard let first = users[ids[0]], let second = users[ids[1]] else {
            return call.error(400, "api.context.invalid_url_param.app_error", "Invalid or missing user_id parameter in request URL.")
        }
        return call.json(directChannel(first, second), status: 201)
    }

    private func clientConfig(_ call: FakeCall) -> HTTPResponse {
        guard call.query("format") == "old" else {
            return call.error(501, "api.config.client.old_format.app_error", "New format for the client configuration is not supported yet. Please specify format=old in the query string.")
        }
        return call.json(
            ClientConfig(values: [
                "SiteURL": siteURL, "Version": version, "BuildNumber": "fake", "MaxPostSize": String(maxPostSize),
                "EnableCommands": "true", "CollapsedThreads": collapsedThreads,
            ]))
    }
}
