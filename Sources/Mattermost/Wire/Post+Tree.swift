import Foundation

/// A response type the client reads through `JSONValue(parsing:)` rather than `JSONDecoder`: posts carry
/// free-form `props`, and decoding those through `Codable` was the most expensive step of a delivery.
/// Each conformance must accept and refuse exactly what its `Decodable` conformance does.
protocol JSONTreeDecodable {
    init(tree: JSONValue) throws
}

extension Post: JSONTreeDecodable {
    /// A post from a parsed tree: missing or null fields are empty, as in `init(from:)`.
    init(tree: JSONValue) throws {
        let members = try TreeFields(tree, type: Post.self)
        self.init(
            id: try members.text(CodingKeys.id), channelID: try members.text(CodingKeys.channelID),
            userID: try members.text(CodingKeys.userID), rootID: try members.text(CodingKeys.rootID),
            message: try members.text(CodingKeys.message), type: try members.text(CodingKeys.type),
            props: try members.object(CodingKeys.props), pendingPostID: try members.text(CodingKeys.pendingPostID),
            createAt: try members.integer(CodingKeys.createAt), updateAt: try members.integer(CodingKeys.updateAt),
            editAt: try members.integer(CodingKeys.editAt), deleteAt: try members.integer(CodingKeys.deleteAt))
    }
}

extension PostList: JSONTreeDecodable {
    /// A page of posts from a parsed tree.
    init(tree: JSONValue) throws {
        let members = try TreeFields(tree, type: PostList.self)
        let order = try members.array(CodingKeys.order)?.map { element -> String in
            guard case .string(let id) = element else { throw TreeFields.mismatch(String.self, CodingKeys.order) }
            return id
        }
        let posts = try members.object(CodingKeys.posts)?.mapValues { try Post(tree: $0) }
        self.init(order: order ?? [], posts: posts ?? [:])
    }
}

/// The members of a JSON object, read with `decodeIfPresent` semantics: missing or null is "absent",
/// any other kind than the expected one is an error.
private struct TreeFields {
    let members: [String: JSONValue]

    init<Owner>(_ tree: JSONValue, type: Owner.Type) throws {
        guard case .object(let members) = tree else {
            throw DecodingError.typeMismatch(Owner.self, DecodingError.Context(codingPath: [], debugDescription: "not an object"))
        }
        self.members = members
    }

    func text(_ key: some CodingKey) throws -> String {
        switch members[key.stringValue] {
        case nil, .null?: return ""
        case .string(let text)?: return text
        default: throw Self.mismatch(String.self, key)
        }
    }

    /// An integral number (what `JSONDecoder` accepts as `Int64`).
    func integer(_ key: some CodingKey) throws -> Int64 {
        switch members[key.stringValue] {
        case nil, .null?: return 0
        case .number(let number)? where number.rounded() == number && abs(number) < 0x1p63: return Int64(number)
        default: throw Self.mismatch(Int64.self, key)
        }
    }

    func object(_ key: some CodingKey) throws -> [String: JSONValue]? {
        switch members[key.stringValue] {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw Self.mismatch([String: JSONValue].self, key)
        }
    }

    func array(_ key: some CodingKey) throws -> [JSONValue]? {
        switch members[key.stringValue] {
        case nil, .null?: return nil
        case .array(let array)?: return array
        default: throw Self.mismatch([JSONValue].self, key)
        }
    }

    static func mismatch(_ type: Any.Type, _ key: some CodingKey) -> DecodingError {
        DecodingError.typeMismatch(type, DecodingError.Context(codingPath: [key], debugDescription: "unexpected kind of value"))
    }
}
