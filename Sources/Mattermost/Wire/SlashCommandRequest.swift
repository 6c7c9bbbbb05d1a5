import Foundation

/// What Mattermost POSTs (form-encoded) when someone runs a custom slash command (MATTERMOST.md §1).
///
/// Built from already decoded form fields so that it does not depend on any particular form decoder.
public struct SlashCommandRequest: Codable, Sendable, Equatable {
    public var token: String
    public var teamID: String
    /// The team's URL name.
    public var teamDomain: String
    public var channelID: String
    /// The channel's URL name (`<uid>__<uid>` for a direct message).
    public var channelName: String
    public var userID: String
    /// The invoker's username, without `@`.
    public var userName: String
    /// `/` and the lower-cased trigger, e.g. `/remind`.
    public var command: String
    /// Everything after the first whitespace of the typed line, unchanged.
    public var text: String
    public var triggerID: String
    /// The thread root when run in a reply; empty otherwise.
    public var rootID: String
    public var responseURL: String
    /// `@names` in `text` that are team members; parallel to `userMentionIDs`.
    public var userMentions: [String]
    public var userMentionIDs: [String]
    /// `~names` of public channels in the team; parallel to `channelMentionIDs`.
    public var channelMentions: [String]
    public var channelMentionIDs: [String]

    /// Creates a request from form fields; `fields(name)` returns every value sent under that name, in order.
    /// Missing single fields become empty strings.
    public init(fields: (String) -> [String]) {
        func single(_ name: String) -> String { fields(name).first ?? "" }
        token = single(CodingKeys.token.rawValue)
        teamID = single(CodingKeys.teamID.rawValue)
        teamDomain = single(CodingKeys.teamDomain.rawValue)
        channelID = single(CodingKeys.channelID.rawValue)
        channelName = single(CodingKeys.channelName.rawValue)
        userID = single(CodingKeys.userID.rawValue)
        userName = single(CodingKeys.userName.rawValue)
        command = single(CodingKeys.command.rawValue)
        text = single(CodingKeys.text.rawValue)
        triggerID = single(CodingKeys.triggerID.rawValue)
        rootID = single(CodingKeys.rootID.rawValue)
        responseURL = single(CodingKeys.responseURL.rawValue)
        userMentions = fields(CodingKeys.userMentions.rawValue)
        userMentionIDs = fields(CodingKeys.userMentionIDs.rawValue)
        channelMentions = fields(CodingKeys.channelMentions.rawValue)
        channelMentionIDs = fields(CodingKeys.channelMentionIDs.rawValue)
    }

    /// The form fields as Mattermost sends them: single values once, mention lists as repeated keys
    /// (omitted when empty). Order is unspecified; Go's encoder sorts by key.
    public var formFields: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = [
            (CodingKeys.token.rawValue, token), (CodingKeys.teamID.rawValue, teamID),
            (CodingKeys.teamDomain.rawValue, teamDomain), (CodingKeys.channelID.rawValue, channelID),
            (CodingKeys.channelName.rawValue, channelName), (CodingKeys.userID.rawValue, userID),
            (CodingKeys.userName.rawValue, userName), (CodingKeys.command.rawValue, command),
            (CodingKeys.text.rawValue, text), (CodingKeys.triggerID.rawValue, triggerID),
            (CodingKeys.rootID.rawValue, rootID), (CodingKeys.responseURL.rawValue, responseURL),
        ]
        for name in userMentions { result.append((CodingKeys.userMentions.rawValue, name)) }
        for id in userMentionIDs { result.append((CodingKeys.userMentionIDs.rawValue, id)) }
        for name in channelMentions { result.append((CodingKeys.channelMentions.rawValue, name)) }
        for id in channelMentionIDs { result.append((CodingKeys.channelMentionIDs.rawValue, id)) }
        return result
    }

    /// The mentioned usernames with their user ids (pairs beyond the shorter list are dropped).
    public var mentionedUserIDs: [String: String] {
        Dictionary(zip(userMentions, userMentionIDs).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    /// The mentioned channel names with their channel ids.
    public var mentionedChannelIDs: [String: String] {
        Dictionary(zip(channelMentions, channelMentionIDs).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    enum CodingKeys: String, CodingKey {
        case token, command, text
        case teamID = "team_id", teamDomain = "team_domain", channelID = "channel_id"
        case channelName = "channel_name", userID = "user_id", userName = "user_name"
        case triggerID = "trigger_id", rootID = "root_id", responseURL = "response_url"
        case userMentions = "user_mentions", userMentionIDs = "user_mentions_ids"
        case channelMentions = "channel_mentions", channelMentionIDs = "channel_mentions_ids"
    }
}
