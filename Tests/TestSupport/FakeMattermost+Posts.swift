import Foundation
import HTTPServer
import Mattermost

/// The post endpoints, with the server's de-duplication and a validation stricter than the server's (so that
/// payloads which would silently misbehave in a real Mattermost fail loudly here).
extension FakeMattermost {
    /// How long the server remembers a `pending_post_id`.
    static let pendingPostLifetime: TimeInterval = 30

    func createPost(_ call: FakeCall) async -> HTTPResponse {
        if !postFailures.isEmpty {
            let status = postFailures.removeFirst()
            return call.error(status, "fake.injected_failure.app_error", "Injected failure \(status).")
        }
        guard var post = call.decode(Post.self) else { return call.invalidBody("post") }
        let pendingKey = post.pendingPostID
        if !pendingKey.isEmpty, let answer = deduplicate(call, key: pendingKey) { return answer }
        if !pendingKey.isEmpty { pendingPostIDs[pendingKey] = .inFlight(since: now) }
        if latency > .zero { try? await Task.sleep(for: latency) }

        if let refusal = refuseCreate(call, post: &post) {
            if !pendingKey.isEmpty { pendingPostIDs[pendingKey] = nil }
            return refusal
        }
        let timestamp = now
        post.id = FakeID.make()
        post.userID = call.callerID
        post.createAt = timestamp.millisecondsSince1970
        post.updateAt = post.createAt
        if users[call.callerID]?.isBot == true {
            var props = post.props ?? [:]
            props["from_bot"] = "true"
            post.props = props
        }
        posts[post.id] = post
        createdPosts.append(RecordedPost(post: post, receivedAt: timestamp))
        if !pendingKey.isEmpty { pendingPostIDs[pendingKey] = .saved(postID: post.id, at: timestamp) }
        if dropsAfterCreatingPost > 0 {
            dropsAfterCreatingPost -= 1
            return .dropConnection
        }
        return call.json(Self.forClient(post), status: 201)
    }

    /// The server's answer to a repeated `pending_post_id` within 30 s, or nil to go ahead.
    private func deduplicate(_ call: FakeCall, key: String) -> HTTPResponse? {
        switch pendingPostIDs[key] {
        case .inFlight(let since) where now.timeIntervalSince(since) < Self.pendingPostLifetime:
            return call.error(
                500, "api.post.deduplicate_create_post.pending", "Rejected post since another request with the same pending ID is still being processed.")
        case .saved(let postID, let at) where now.timeIntervalSince(at) < Self.pendingPostLifetime:
            guard let original = posts[postID] else { return nil }
            return call.json(Self.forClient(original), status: 201)
        default:
            return nil
        }
    }

    private func refuseCreate(_ call: FakeCall, post: inout Post) -> HTTPResponse? {
        guard let channel = channels[post.channelID] else {
            return call.error(400, "api.context.invalid_param.app_error", "Invalid channel_id parameter.")
        }
        guard isMember(call.callerID, ofChannel: channel.id) else {
            return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        if !post.rootID.isEmpty {
            guard let root = posts[post.rootID], root.rootID.isEmpty, root.channelID == post.channelID else {
                return call.error(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter.")
            }
        }
        return refuseContent(call, post: &post)
    }

    /// Message length, type, props size and every action (ids assigned when empty, refused when unroutable).
    func refuseContent(_ call: FakeCall, post: inout Post) -> HTTPResponse? {
        if post.message.unicodeScalars.count > maxPostSize {
            return call.error(400, "model.post.is_valid.message_length.app_error", "Invalid Message property for post.")
        }
        if post.type.hasPrefix("system_") {
            return call.error(400, "api.context.invalid_param.app_error", "Invalid type parameter.")
        }
        guard var props = post.props else { return nil }
        if let encoded = try? JSONEncoder().encode(props), String(decoding: encoded, as: UTF8.self).unicodeScalars.count > 800_000 {
            return call.error(400, "model.post.is_valid.props.app_error", "Invalid Props property for post.")
        }
        if let attachments = props["attachments"] {
            switch Self.checkedAttachments(attachments) {
            case .success(let checked): props["attachments"] = checked
            case .failure(let problem):
                return call.error(400, "fake.post.invalid_action.app_error", problem.message)
            }
        }
        post.props = props
        return nil
    }

    /// A reason the fake refuses an attachment.
    struct AttachmentProblem: Error {
        var message: String
    }

    /// Checks every action in `props.attachments`; assigns ids to actions sent without one.
    static func checkedAttachments(_ value: JSONValue) -> Result<JSONValue, AttachmentProblem> {
        guard case .array(var attachments) = value else {
            return .failure(AttachmentProblem(message: "props.attachments must be an array"))
        }
        var seen = Set<String>()
        for index in attachments.indices {
            guard case .object(var attachment) = attachments[index] else {
                return .failure(AttachmentProblem(message: "attachment \(index) is not an object"))
            }
            guard let actionsValue = attachment["actions"] else { continue }
            guard case .array(var actions) = actionsValue else {
                return .failure(AttachmentProblem(message: "attachment \(index): actions must be an array"))
            }
            for actionIndex in actions.indices {
                guard case .object(var action) = actions[actionIndex] else {
                    return .failure(AttachmentProblem(message: "action \(actionIndex) is not an object"))
                }
                let id = action["id"]?.stringValue ?? ""
                if id.isEmpty {
                    action["id"] = .string(FakeID.make())
                } else if !PostAction.isValidID(id) {
                    return .failure(AttachmentProblem(message: "action id \"\(id)\" does not match [A-Za-z0-9]+: Mattermost could not route its clicks"))
                } else if !seen.insert(id).inserted {
                    return .failure(AttachmentProblem(message: "action id \"\(id)\" is used twice in one post: only the first would get clicks"))
                }
                if let problem = actionProblem(action) { return .failure(AttachmentProblem(message: problem)) }
                actions[actionIndex] = .object(action)
            }
            attachment["actions"] = .array(actions)
            attachments[index] = .object(attachment)
        }
        return .success(.array(attachments))
    }

    private static func actionProblem(_ action: [String: JSONValue]) -> String? {
        let id = action["id"]?.stringValue ?? ""
        guard let name = action["name"]?.stringValue, !name.isEmpty else { return "action \(id) has no name" }
        if let type = action["type"]?.stringValue, type != "button", type != "select", !type.isEmpty {
            return "action \(id) has type \(type)"
        }
        if let integration = action["integration"] {
            guard let url = integration["url"]?.stringValue, url.hasPrefix("http://") || url.hasPrefix("https://")
            else { return "action \(id) has no absolute http(s) integration url" }
            if let context = integration["context"], containsNumber(context) {
                return "action \(id) has a number in its context: Mattermost turns it into float64, send strings"
            }
        }
        return nil
    }

    private static func containsNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .number: true
        case .array(let elements): elements.contains(where: containsNumber)
        case .object(let members): members.values.contains(where: containsNumber)
        default: false
        }
    }

    /// The post as the API shows it: actions without `integration` (`StripActionIntegrations`).
    static func forClient(_ post: Post) -> Post {
        guard var props = post.props, case .array(var attachments)? = props["attachments"] else { return post }
        for index in attachments.indices {
            guard case .object(var attachment) = attachments[index], case .array(var actions)? = attachment["actions"]
            else { continue }
            for actionIndex in actions.indices {
                guard case .object(var action) = actions[actionIndex] else { continue }
                action["integration"] = nil
                actions[actionIndex] = .object(action)
            }
            attachment["actions"] = .array(actions)
            attachments[index] = .object(attachment)
        }
        props["attachments"] = .array(attachments)
        var stripped = post
        stripped.props = props
        return stripped
    }

    func getPost(_ call: FakeCall, id: String) -> HTTPResponse {
        guard let post = posts[id], post.deleteAt == 0, isMember(call.callerID, ofChannel: post.channelID) else {
            return call.error(404, "app.post.get.app_error", "Unable to get the post.")
        }
        return call.json(Self.forClient(post))
    }

    func patchPost(_ call: FakeCall, id: String) -> HTTPResponse {
        guard let patch = call.decode(PostPatch.self) else { return call.invalidBody("patch") }
        // `PostEditTimeLimit` binds REST edits by anyone without manage_system (not action updates).
        if let limit = postEditTimeLimit, let post = posts[id], !systemAdmins.contains(call.callerID),
           now.millisecondsSince1970 - post.createAt > Int64(limit) * 1_000 {
            return call.error(400, "api.post.update_post.permissions_time_limit.app_error",
                              "Post edit is only allowed for \(limit) seconds. Please ask your System Administrator for details.")
        }
        return changePost(call, id: id) { post in
            if let message = patch.message { post.message = message }
            if let props = patch.props { post.props = props }
        }
    }

    func updatePost(_ call: FakeCall, id: String) -> HTTPResponse {
        guard let replacement = call.decode(Post.self), replacement.id == id else { return call.invalidBody("post") }
        return changePost(call, id: id) { post in
            post.message = replacement.message
            if let props = replacement.props { post.props = props }
        }
    }

    private func changePost(_ call: FakeCall, id: String, change: (inout Post) -> Void) -> HTTPResponse {
        guard var post = posts[id], post.deleteAt == 0 else {
            return call.error(404, "app.post.get.app_error", "Unable to get the post.")
        }
        guard post.userID == call.callerID || systemAdmins.contains(call.callerID) else {
            return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        let originalMessage = post.message
        change(&post)
        if let refusal = refuseContent(call, post: &post) { return refusal }
        post.updateAt = now.millisecondsSince1970
        if post.message != originalMessage { post.editAt = post.updateAt }
        posts[id] = post
        return call.json(Self.forClient(post))
    }

    func deletePost(_ call: FakeCall, id: String) -> HTTPResponse {
        guard var post = posts[id], post.deleteAt == 0 else {
            return call.error(404, "app.post.get.app_error", "Unable to get the post.")
        }
        guard post.userID == call.callerID || systemAdmins.contains(call.callerID) else {
            return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        post.deleteAt = now.millisecondsSince1970
        post.updateAt = post.deleteAt
        posts[id] = post
        return call.json(StatusResponse(status: "OK"))
    }

    func channelPosts(_ call: FakeCall, channelID: String) -> HTTPResponse {
        guard channels[channelID] != nil, isMember(call.callerID, ofChannel: channelID) else {
            return call.error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        let live = posts.values.filter { $0.channelID == channelID && $0.deleteAt == 0 }
            .sorted { ($0.createAt, $0.id) > ($1.createAt, $1.id) }
        var listed: [Post]
        if let since = call.query("since").flatMap({ Int64($0) }) {
            listed = live.filter { $0.updateAt > since }
            // The server's query stops at `sinceListLimit` rows, in no particular order: here the oldest.
            if listed.count > sinceListLimit { listed = Array(listed.suffix(sinceListLimit)) }
        } else {
            let perPage = min(200, call.query("per_page").flatMap { Int($0) } ?? 60)
            let page = call.query("page").flatMap { Int($0) } ?? 0
            var older = live[...]
            if let before = call.query("before"), let index = live.firstIndex(where: { $0.id == before }) {
                older = live[(index + 1)...]
            }
            listed = Array(older.dropFirst(page * perPage).prefix(perPage))
        }
        return call.json(
            PostList(order: listed.map(\.id), posts: Dictionary(uniqueKeysWithValues: listed.map { ($0.id, Self.forClient($0)) })))
    }
}
