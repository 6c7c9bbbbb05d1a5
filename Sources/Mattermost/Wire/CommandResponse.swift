import Foundation

/// The JSON a slash command answers with, or POSTs to `response_url` (MATTERMOST.md §2).
public struct CommandResponse: Codable, Sendable, Equatable {
    /// How a command response is shown.
    public enum ResponseType: String, Codable, Sendable {
        /// Only the invoker sees it; not stored (the default).
        case ephemeral
        /// A real post in the channel, shown as the invoker with a BOT badge.
        case inChannel = "in_channel"

        /// Accepts `""` as ephemeral, like the server.
        public init(from decoder: any Decoder) throws {
            let raw = try decoder.singleValueContainer().decode(String.self)
            switch raw {
            case "", "ephemeral": self = .ephemeral
            case "in_channel": self = .inChannel
            default:
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "unknown response_type \(raw)"))
            }
        }
    }

    public var responseType: ResponseType?
    public var text: String?
    public var attachments: [MessageAttachment]?
    public var props: [String: JSONValue]?
    /// Set when echoing user text so `<!channel>` and `<url|label>` are not rewritten.
    public var skipSlackParsing: Bool?
    public var gotoLocation: String?
    /// Further responses, each becoming its own post.
    public var extraResponses: [CommandResponse]?

    /// Creates a response; every field is optional on the wire.
    public init(
        responseType: ResponseType? = nil, text: String? = nil, attachments: [MessageAttachment]? = nil,
        props: [String: JSONValue]? = nil, skipSlackParsing: Bool? = nil, gotoLocation: String? = nil,
        extraResponses: [CommandResponse]? = nil
    ) {
        self.responseType = responseType
        self.text = text
        self.attachments = attachments
        self.props = props
        self.skipSlackParsing = skipSlackParsing
        self.gotoLocation = gotoLocation
        self.extraResponses = extraResponses
    }

    /// An ephemeral reply to the invoker with user text left unparsed.
    public static func ephemeral(_ text: String) -> CommandResponse {
        CommandResponse(responseType: .ephemeral, text: text, skipSlackParsing: true)
    }

    /// Whether Mattermost would show this to everyone (`in_channel`) rather than to the invoker only.
    public var isInChannel: Bool { responseType == .inChannel }

    enum CodingKeys: String, CodingKey {
        case text, attachments, props
        case responseType = "response_type", skipSlackParsing = "skip_slack_parsing"
        case gotoLocation = "goto_location", extraResponses = "extra_responses"
    }
}
