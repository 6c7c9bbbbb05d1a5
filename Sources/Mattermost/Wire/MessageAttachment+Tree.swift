import Foundation

/// Attachments as `JSONValue` trees built directly, for `Post.setAttachments`: going through `JSONEncoder`
/// and parsing its output back was the largest single CPU cost of a delivery. Each tree must equal what
/// `JSONValue(encoding:)` makes of the value (absent optionals left out, as `encodeIfPresent` does);
/// `JSONTreeTests` pins that.
extension MessageAttachment {
    /// The tree `encode(to:)` writes.
    func jsonTree() -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, value) in [(CodingKeys.fallback, fallback), (.color, color), (.pretext, pretext),
                             (.authorName, authorName), (.title, title), (.titleLink, titleLink), (.text, text),
                             (.footer, footer)] {
            if let value { members[key.stringValue] = .string(value) }
        }
        if let fields { members[CodingKeys.fields.stringValue] = .array(fields.map { $0.jsonTree() }) }
        if let actions { members[CodingKeys.actions.stringValue] = .array(actions.map { $0.jsonTree() }) }
        return .object(members)
    }
}

extension AttachmentField {
    /// The tree `encode(to:)` writes.
    func jsonTree() -> JSONValue {
        .object([CodingKeys.title.stringValue: .string(title), CodingKeys.value.stringValue: .string(value),
                 CodingKeys.short.stringValue: .bool(short)])
    }
}

extension PostAction {
    /// The tree `encode(to:)` writes.
    func jsonTree() -> JSONValue {
        var members: [String: JSONValue] = [
            CodingKeys.id.stringValue: .string(id), CodingKeys.type.stringValue: .string(type.rawValue),
            CodingKeys.name.stringValue: .string(name),
        ]
        for (key, value) in [(CodingKeys.style, style), (.dataSource, dataSource), (.defaultOption, defaultOption)] {
            if let value { members[key.stringValue] = .string(value) }
        }
        if let disabled { members[CodingKeys.disabled.stringValue] = .bool(disabled) }
        if let options {
            members[CodingKeys.options.stringValue] = .array(options.map { option in
                .object(["text": .string(option.text), "value": .string(option.value)])
            })
        }
        if let integration {
            var fields: [String: JSONValue] = ["url": .string(integration.url)]
            if let context = integration.context { fields["context"] = .object(context) }
            members[CodingKeys.integration.stringValue] = .object(fields)
        }
        return .object(members)
    }
}
