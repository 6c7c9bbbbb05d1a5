import Foundation

/// The body of `POST /api/v4/actions/dialogs/open` (MATTERMOST.md §4). The trigger expires 30 s after the
/// command or click that produced it.
public struct OpenDialogRequest: Codable, Sendable, Equatable {
    public var triggerID: String
    /// Where the submission is POSTed.
    public var url: String
    public var dialog: Dialog

    /// Creates a request.
    public init(triggerID: String, url: String, dialog: Dialog) {
        self.triggerID = triggerID
        self.url = url
        self.dialog = dialog
    }

    enum CodingKeys: String, CodingKey {
        case url, dialog
        case triggerID = "trigger_id"
    }
}

/// An interactive dialog.
public struct Dialog: Codable, Sendable, Equatable {
    public var callbackID: String
    /// 1–24 characters.
    public var title: String
    public var introductionText: String?
    public var elements: [DialogElement]
    public var submitLabel: String?
    public var notifyOnCancel: Bool?
    /// Opaque text handed back in the submission.
    public var state: String?

    /// Creates a dialog.
    public init(
        callbackID: String, title: String, introductionText: String? = nil, elements: [DialogElement],
        submitLabel: String? = nil, notifyOnCancel: Bool? = nil, state: String? = nil
    ) {
        self.callbackID = callbackID
        self.title = title
        self.introductionText = introductionText
        self.elements = elements
        self.submitLabel = submitLabel
        self.notifyOnCancel = notifyOnCancel
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case title, elements, state
        case callbackID = "callback_id", introductionText = "introduction_text", submitLabel = "submit_label"
        case notifyOnCancel = "notify_on_cancel"
    }
}

/// One field of a dialog. `optional` is a JSON boolean: the docs' `"true"` string breaks decoding server-side.
public struct DialogElement: Codable, Sendable, Equatable {
    /// ≤ 24 characters.
    public var displayName: String
    /// The key in the submission; unique in the dialog.
    public var name: String
    /// `text`, `textarea`, `select`, `bool`, `radio`, `date` or `datetime`.
    public var type: String
    /// For `text`: `text`, `email`, `number`, `tel`, `url` or `password`.
    public var subtype: String?
    public var defaultValue: String?
    public var placeholder: String?
    public var helpText: String?
    public var optional: Bool
    public var minLength: Int?
    public var maxLength: Int?
    public var dataSource: String?
    public var options: [PostActionOption]?

    /// Creates an element.
    public init(
        displayName: String, name: String, type: String, subtype: String? = nil, defaultValue: String? = nil,
        placeholder: String? = nil, helpText: String? = nil, optional: Bool = false, minLength: Int? = nil,
        maxLength: Int? = nil, dataSource: String? = nil, options: [PostActionOption]? = nil
    ) {
        self.displayName = displayName
        self.name = name
        self.type = type
        self.subtype = subtype
        self.defaultValue = defaultValue
        self.placeholder = placeholder
        self.helpText = helpText
        self.optional = optional
        self.minLength = minLength
        self.maxLength = maxLength
        self.dataSource = dataSource
        self.options = options
    }

    /// Strict like the server: `optional` must be a boolean when present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        displayName = try container.decode(String.self, forKey: .displayName)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        subtype = try container.decodeIfPresent(String.self, forKey: .subtype)
        defaultValue = try container.decodeIfPresent(String.self, forKey: .defaultValue)
        placeholder = try container.decodeIfPresent(String.self, forKey: .placeholder)
        helpText = try container.decodeIfPresent(String.self, forKey: .helpText)
        optional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
        minLength = try container.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength)
        dataSource = try container.decodeIfPresent(String.self, forKey: .dataSource)
        options = try container.decodeIfPresent([PostActionOption].self, forKey: .options)
    }

    enum CodingKeys: String, CodingKey {
        case name, type, subtype, placeholder, optional, options
        case displayName = "display_name", defaultValue = "default", helpText = "help_text"
        case minLength = "min_length", maxLength = "max_length", dataSource = "data_source"
    }
}

/// What Mattermost POSTs to the dialog's `url` on submit or (with `notify_on_cancel`) cancel. Carries no
/// trigger id.
public struct SubmitDialogRequest: Codable, Sendable, Equatable {
    /// `dialog_submission`.
    public var type: String
    public var callbackID: String
    public var state: String
    public var userID: String
    public var channelID: String
    public var teamID: String
    /// Values by element name: strings, booleans for `bool` elements, sometimes numbers.
    public var submission: [String: JSONValue]
    public var cancelled: Bool

    /// Creates a submission.
    public init(
        callbackID: String, state: String = "", userID: String, channelID: String, teamID: String = "",
        submission: [String: JSONValue] = [:], cancelled: Bool = false
    ) {
        self.type = "dialog_submission"
        self.callbackID = callbackID
        self.state = state
        self.userID = userID
        self.channelID = channelID
        self.teamID = teamID
        self.submission = submission
        self.cancelled = cancelled
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        type = try text(.type)
        callbackID = try text(.callbackID)
        state = try text(.state)
        userID = try text(.userID)
        channelID = try text(.channelID)
        teamID = try text(.teamID)
        submission = try container.decodeIfPresent([String: JSONValue].self, forKey: .submission) ?? [:]
        cancelled = try container.decodeIfPresent(Bool.self, forKey: .cancelled) ?? false
    }

    /// A submitted value as text, whatever JSON type the client chose (`true`, `5`, `"5"` → `"true"`, `"5"`).
    public func text(_ name: String) -> String? {
        switch submission[name] {
        case .string(let string): string
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number):
            number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: nil
        }
    }

    /// A submitted value as a boolean (`true`, `"true"`).
    public func bool(_ name: String) -> Bool? {
        switch submission[name] {
        case .bool(let bool): bool
        case .string(let string): string == "true" ? true : (string == "false" ? false : nil)
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, state, submission, cancelled
        case callbackID = "callback_id", userID = "user_id", channelID = "channel_id", teamID = "team_id"
    }
}

/// The reply to a submission: empty closes the dialog; `errors` marks fields; `error` is a general message.
public struct SubmitDialogResponse: Codable, Sendable, Equatable {
    public var errors: [String: String]?
    public var error: String?

    /// Creates a reply.
    public init(errors: [String: String]? = nil, error: String? = nil) {
        self.errors = errors
        self.error = error
    }
}
