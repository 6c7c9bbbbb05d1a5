import Foundation

/// A bot account (`POST /api/v4/bots` → 201, `POST /api/v4/bots/{id}/enable` → 200; server/public/model/bot.go).
/// Its `userID` is the id of the user account behind it, the one tokens and memberships name.
public struct Bot: Codable, Sendable, Equatable {
    public var userID: String
    /// 1–64 characters of `[a-z0-9._-]`, unique among users.
    public var username: String
    public var displayName: String
    public var description: String
    /// The user who created it.
    public var ownerID: String
    /// Non-zero while the bot is disabled.
    public var deleteAt: Int64

    /// Creates a bot value (to send: `username`, `displayName` and `description` are read).
    public init(
        userID: String = "", username: String, displayName: String = "", description: String = "", ownerID: String = "",
        deleteAt: Int64 = 0
    ) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.description = description
        self.ownerID = ownerID
        self.deleteAt = deleteAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decodeIfPresent(String.self, forKey: .userID) ?? ""
        username = try container.decode(String.self, forKey: .username)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? ""
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        ownerID = try container.decodeIfPresent(String.self, forKey: .ownerID) ?? ""
        deleteAt = try container.decodeIfPresent(Int64.self, forKey: .deleteAt) ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case username, description
        case userID = "user_id", displayName = "display_name", ownerID = "owner_id", deleteAt = "delete_at"
    }
}

/// A personal or bot access token (`POST /api/v4/users/{id}/tokens` → 200). `token` is present only in
/// the answer to its creation: the server never shows it again.
public struct UserAccessToken: Codable, Sendable, Equatable {
    public var id: String
    public var token: String
    public var userID: String
    public var description: String
    public var isActive: Bool

    /// Creates a token value.
    public init(id: String = "", token: String = "", userID: String = "", description: String, isActive: Bool = true) {
        self.id = id
        self.token = token
        self.userID = userID
        self.description = description
        self.isActive = isActive
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        token = try container.decodeIfPresent(String.self, forKey: .token) ?? ""
        userID = try container.decodeIfPresent(String.self, forKey: .userID) ?? ""
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive) ?? true
    }

    enum CodingKeys: String, CodingKey {
        case id, token, description
        case userID = "user_id", isActive = "is_active"
    }
}

/// `POST /api/v4/commands/execute`: runs a slash command as the token's user in a channel, exactly as if
/// typed there (the server calls the command's URL).
public struct CommandExecution: Codable, Sendable, Equatable {
    public var channelID: String
    public var teamID: String
    /// The whole line, starting with `/`.
    public var command: String

    /// Creates a request.
    public init(channelID: String, teamID: String, command: String) {
        self.channelID = channelID
        self.teamID = teamID
        self.command = command
    }

    enum CodingKeys: String, CodingKey {
        case command
        case channelID = "channel_id", teamID = "team_id"
    }
}
