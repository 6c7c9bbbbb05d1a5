import Foundation

/// A custom slash command registration (`POST /api/v4/commands`, MATTERMOST.md §5).
public struct Command: Codable, Sendable, Equatable {
    /// Assigned by the server.
    public var id: String
    /// Assigned by the server; sent back in every command request.
    public var token: String
    public var teamID: String
    /// Without `/`; stored lower-case.
    public var trigger: String
    /// `P` (POST) or `G` (GET), never `POST`.
    public var method: String
    public var url: String
    public var creatorID: String
    public var displayName: String
    public var description: String
    public var autoComplete: Bool
    public var autoCompleteDesc: String
    public var autoCompleteHint: String
    /// The name posts from `in_channel` responses show (needs `EnablePostUsernameOverride`); an admin's choice.
    public var username: String
    /// The icon those posts show (needs `EnablePostIconOverride`); an admin's choice.
    public var iconURL: String

    /// Creates a registration to send; `id`, `token` and `creatorID` come from the server.
    public init(
        id: String = "", token: String = "", teamID: String, trigger: String, method: String = "P", url: String,
        creatorID: String = "", displayName: String = "", description: String = "", autoComplete: Bool = true,
        autoCompleteDesc: String = "", autoCompleteHint: String = "", username: String = "", iconURL: String = ""
    ) {
        self.id = id
        self.token = token
        self.teamID = teamID
        self.trigger = trigger
        self.method = method
        self.url = url
        self.creatorID = creatorID
        self.displayName = displayName
        self.description = description
        self.autoComplete = autoComplete
        self.autoCompleteDesc = autoCompleteDesc
        self.autoCompleteHint = autoCompleteHint
        self.username = username
        self.iconURL = iconURL
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        id = try text(.id)
        token = try text(.token)
        teamID = try text(.teamID)
        trigger = try text(.trigger)
        method = try text(.method)
        url = try text(.url)
        creatorID = try text(.creatorID)
        displayName = try text(.displayName)
        description = try text(.description)
        autoComplete = try container.decodeIfPresent(Bool.self, forKey: .autoComplete) ?? false
        autoCompleteDesc = try text(.autoCompleteDesc)
        autoCompleteHint = try text(.autoCompleteHint)
        username = try text(.username)
        iconURL = try text(.iconURL)
    }

    enum CodingKeys: String, CodingKey {
        case id, token, trigger, method, url, description, username
        case iconURL = "icon_url"
        case teamID = "team_id", creatorID = "creator_id", displayName = "display_name"
        case autoComplete = "auto_complete", autoCompleteDesc = "auto_complete_desc"
        case autoCompleteHint = "auto_complete_hint"
    }
}

/// The client configuration (`GET /api/v4/config/client?format=old`): a flat map of strings.
public struct ClientConfig: Codable, Sendable, Equatable {
    /// Every key as sent.
    public var values: [String: String]

    /// Wraps the map.
    public init(values: [String: String]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// `ServiceSettings.SiteURL`; empty means custom commands are refused by newer servers.
    public var siteURL: String { values["SiteURL"] ?? "" }
    /// The server version, e.g. `10.5.0`.
    public var version: String { values["Version"] ?? "" }
    /// The longest message in runes (16 383 normally; at least 4 000).
    public var maxPostSize: Int? { values["MaxPostSize"].flatMap { Int($0) } }
}
