import Foundation

/// A team.
public struct Team: Codable, Sendable, Equatable {
    public var id: String
    /// The URL name (`team_domain` in commands).
    public var name: String
    public var displayName: String

    /// Creates a team.
    public init(id: String, name: String, displayName: String = "") {
        self.id = id
        self.name = name
        self.displayName = displayName
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case displayName = "display_name"
    }
}

/// A user's membership in a team.
public struct TeamMember: Codable, Sendable, Equatable {
    public var teamID: String
    public var userID: String
    /// Space-separated, e.g. `team_user team_admin`.
    public var roles: String
    public var deleteAt: Int64

    /// Creates a membership.
    public init(teamID: String, userID: String, roles: String = "team_user", deleteAt: Int64 = 0) {
        self.teamID = teamID
        self.userID = userID
        self.roles = roles
        self.deleteAt = deleteAt
    }

    enum CodingKeys: String, CodingKey {
        case roles
        case teamID = "team_id", userID = "user_id", deleteAt = "delete_at"
    }
}

/// A channel.
public struct Channel: Codable, Sendable, Equatable {
    /// The one-letter channel type of the wire format.
    public enum Kind: String, Codable, Sendable {
        case open = "O", privateChannel = "P", direct = "D", group = "G"
    }

    public var id: String
    /// Empty for direct and group messages.
    public var teamID: String
    /// The URL name (`<uid>__<uid>` for direct messages, ids sorted).
    public var name: String
    public var displayName: String
    public var type: Kind

    /// Creates a channel.
    public init(id: String, teamID: String, name: String, displayName: String = "", type: Kind = .open) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.displayName = displayName
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type
        case teamID = "team_id", displayName = "display_name"
    }
}

/// A user's membership in a channel.
public struct ChannelMember: Codable, Sendable, Equatable {
    public var channelID: String
    public var userID: String
    /// Space-separated, e.g. `channel_user`.
    public var roles: String

    /// Creates a membership.
    public init(channelID: String, userID: String, roles: String = "channel_user") {
        self.channelID = channelID
        self.userID = userID
        self.roles = roles
    }

    enum CodingKeys: String, CodingKey {
        case roles
        case channelID = "channel_id", userID = "user_id"
    }
}
