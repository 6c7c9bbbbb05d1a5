import Foundation

/// What Mattermost POSTs to an action's `integration.url` when someone clicks it (MATTERMOST.md §3).
/// It is **not signed**: authenticate it by a secret in `context`.
public struct PostActionRequest: Codable, Sendable, Equatable {
    public var userID: String
    public var userName: String
    public var channelID: String
    public var channelName: String
    /// Empty in direct messages.
    public var teamID: String
    public var teamDomain: String
    public var postID: String
    public var triggerID: String
    /// `button` or `select`.
    public var type: String
    public var dataSource: String
    /// The action's stored context; selects add `selected_option`.
    public var context: [String: JSONValue]

    /// Creates a request.
    public init(
        userID: String, userName: String = "", channelID: String, channelName: String = "", teamID: String = "",
        teamDomain: String = "", postID: String, triggerID: String = "", type: String = "button",
        dataSource: String = "", context: [String: JSONValue] = [:]
    ) {
        self.userID = userID
        self.userName = userName
        self.channelID = channelID
        self.channelName = channelName
        self.teamID = teamID
        self.teamDomain = teamDomain
        self.postID = postID
        self.triggerID = triggerID
        self.type = type
        self.dataSource = dataSource
        self.context = context
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        userID = try text(.userID)
        userName = try text(.userName)
        channelID = try text(.channelID)
        channelName = try text(.channelName)
        teamID = try text(.teamID)
        teamDomain = try text(.teamDomain)
        postID = try text(.postID)
        triggerID = try text(.triggerID)
        type = try text(.type)
        dataSource = try text(.dataSource)
        context = try container.decodeIfPresent([String: JSONValue].self, forKey: .context) ?? [:]
    }

    /// A string value from `context` (nil when missing or not a string).
    public func contextString(_ key: String) -> String? {
        context[key]?.stringValue
    }

    /// The option picked in a select.
    public var selectedOption: String? { contextString("selected_option") }

    enum CodingKeys: String, CodingKey {
        case type, context
        case userID = "user_id", userName = "user_name", channelID = "channel_id", channelName = "channel_name"
        case teamID = "team_id", teamDomain = "team_domain", postID = "post_id", triggerID = "trigger_id"
        case dataSource = "data_source"
    }
}

/// The reply to a click: must come with status 200. `update` replaces the post's message (and its props if
/// `props` is present); `ephemeral_text` is shown to the clicker only.
public struct PostActionResponse: Codable, Sendable, Equatable {
    public var update: Post?
    public var ephemeralText: String?
    public var skipSlackParsing: Bool?

    /// Creates a reply.
    public init(update: Post? = nil, ephemeralText: String? = nil, skipSlackParsing: Bool? = nil) {
        self.update = update
        self.ephemeralText = ephemeralText
        self.skipSlackParsing = skipSlackParsing
    }

    enum CodingKeys: String, CodingKey {
        case update
        case ephemeralText = "ephemeral_text", skipSlackParsing = "skip_slack_parsing"
    }
}
