import Foundation

/// A Slack-style attachment in `props.attachments` (MATTERMOST.md §3).
public struct MessageAttachment: Codable, Sendable, Equatable {
    public var fallback: String?
    /// `good`, `warning`, `danger` or `#RRGGBB`.
    public var color: String?
    public var pretext: String?
    public var authorName: String?
    public var title: String?
    public var titleLink: String?
    /// Markdown.
    public var text: String?
    public var fields: [AttachmentField]?
    public var footer: String?
    public var actions: [PostAction]?

    /// Creates an attachment; every field is optional.
    public init(
        fallback: String? = nil, color: String? = nil, pretext: String? = nil, authorName: String? = nil,
        title: String? = nil, titleLink: String? = nil, text: String? = nil, fields: [AttachmentField]? = nil,
        footer: String? = nil, actions: [PostAction]? = nil
    ) {
        self.fallback = fallback
        self.color = color
        self.pretext = pretext
        self.authorName = authorName
        self.title = title
        self.titleLink = titleLink
        self.text = text
        self.fields = fields
        self.footer = footer
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey {
        case fallback, color, pretext, title, text, fields, footer, actions
        case authorName = "author_name", titleLink = "title_link"
    }
}

/// A titled value shown in an attachment's table.
public struct AttachmentField: Codable, Sendable, Equatable {
    public var title: String
    /// Markdown. The server also accepts a number here; we always send text.
    public var value: String
    /// Whether it may share a row with another short field.
    public var short: Bool

    /// Creates a field.
    public init(title: String, value: String, short: Bool = false) {
        self.title = title
        self.value = value
        self.short = short
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        if let text = try? container.decode(String.self, forKey: .value) {
            value = text
        } else if let number = try? container.decode(Int.self, forKey: .value) {
            value = String(number)
        } else {
            value = ""
        }
        short = try container.decodeIfPresent(Bool.self, forKey: .short) ?? false
    }

    enum CodingKeys: String, CodingKey { case title, value, short }
}

/// A button or menu on an attachment. Its `id` is restricted to `[A-Za-z0-9]+`: other ids make the click URL
/// fail to route and the button silently does nothing (MATTERMOST.md §0, §3).
public struct PostAction: Codable, Sendable, Equatable {
    /// `button` or `select`.
    public enum Kind: String, Codable, Sendable {
        case button, select
    }

    /// An action id that violates `[A-Za-z0-9]+`.
    public struct InvalidID: Error, Equatable, CustomStringConvertible {
        public let id: String
        public var description: String { "action id \"\(id)\" must match [A-Za-z0-9]+" }
    }

    /// Empty only on actions the server has not saved yet (it assigns one); ours are always set.
    public private(set) var id: String
    public var type: Kind
    /// The label.
    public var name: String
    /// `default`, `primary`, `success`, `good`, `warning`, `danger` or `#RRGGBB`.
    public var style: String?
    public var disabled: Bool?
    /// `users` or `channels` for a select filled by the server.
    public var dataSource: String?
    public var options: [PostActionOption]?
    public var defaultOption: String?
    /// Where the server POSTs a click. Stripped from posts read back through the API.
    public var integration: PostActionIntegration?

    /// Creates an action, refusing ids that Mattermost could not route to.
    public init(
        id: String, type: Kind = .button, name: String, style: String? = nil, disabled: Bool? = nil,
        dataSource: String? = nil, options: [PostActionOption]? = nil, defaultOption: String? = nil,
        integration: PostActionIntegration? = nil
    ) throws(InvalidID) {
        guard Self.isValidID(id) else { throw InvalidID(id: id) }
        self.id = id
        self.type = type
        self.name = name
        self.style = style
        self.disabled = disabled
        self.dataSource = dataSource
        self.options = options
        self.defaultOption = defaultOption
        self.integration = integration
    }

    /// Whether `id` is non-empty ASCII letters and digits only.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
    }

    /// Decodes leniently (a server or a broken peer may send any id); check `isValidID` where it matters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        type = try container.decodeIfPresent(Kind.self, forKey: .type) ?? .button
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        style = try container.decodeIfPresent(String.self, forKey: .style)
        disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled)
        dataSource = try container.decodeIfPresent(String.self, forKey: .dataSource)
        options = try container.decodeIfPresent([PostActionOption].self, forKey: .options)
        defaultOption = try container.decodeIfPresent(String.self, forKey: .defaultOption)
        integration = try container.decodeIfPresent(PostActionIntegration.self, forKey: .integration)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, style, disabled, options, integration
        case dataSource = "data_source", defaultOption = "default_option"
    }
}

/// One entry of a select action.
public struct PostActionOption: Codable, Sendable, Equatable {
    public var text: String
    public var value: String

    /// Creates an option.
    public init(text: String, value: String) {
        self.text = text
        self.value = value
    }
}

/// Where a click goes and what it carries back. `context` values should be strings (numbers become `float64`).
public struct PostActionIntegration: Codable, Sendable, Equatable {
    /// Absolute http(s) URL.
    public var url: String
    public var context: [String: JSONValue]?

    /// Creates an integration.
    public init(url: String, context: [String: JSONValue]? = nil) {
        self.url = url
        self.context = context
    }

    /// Creates an integration whose context holds only strings, the safe choice (MATTERMOST.md §3).
    public init(url: String, stringContext: [String: String]) {
        self.url = url
        self.context = stringContext.mapValues(JSONValue.string)
    }
}
