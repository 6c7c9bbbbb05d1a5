import Foundation

/// A post, as created, read and updated through REST v4 and as sent in an action's `update`.
///
/// Decoding tolerates missing fields; encoding leaves out empty strings and zero times so that the same
/// type serves as a create body. `props` stays optional because "absent" and "{}" differ in an `update`.
public struct Post: Codable, Sendable, Equatable {
    public var id: String
    public var channelID: String
    public var userID: String
    public var rootID: String
    public var message: String
    /// Empty or `custom_…` for ours; `slack_attachment` once attachments are present.
    public var type: String
    public var props: [String: JSONValue]?
    /// Client-chosen key the server de-duplicates on for 30 s.
    public var pendingPostID: String
    /// Milliseconds since 1970.
    public var createAt: Int64
    public var updateAt: Int64
    public var editAt: Int64
    public var deleteAt: Int64

    /// Creates a post; for a new post only `channelID`, `message` and optionally `rootID`, `props` and
    /// `pendingPostID` matter.
    public init(
        id: String = "", channelID: String, userID: String = "", rootID: String = "", message: String,
        type: String = "", props: [String: JSONValue]? = nil, pendingPostID: String = "", createAt: Int64 = 0,
        updateAt: Int64 = 0, editAt: Int64 = 0, deleteAt: Int64 = 0
    ) {
        self.id = id
        self.channelID = channelID
        self.userID = userID
        self.rootID = rootID
        self.message = message
        self.type = type
        self.props = props
        self.pendingPostID = pendingPostID
        self.createAt = createAt
        self.updateAt = updateAt
        self.editAt = editAt
        self.deleteAt = deleteAt
    }

    /// Decodes through the tree reader (`init(tree:)`), the one reading of a post: missing or null fields are
    /// empty.
    public init(from decoder: any Decoder) throws {
        try self.init(tree: JSONValue(from: decoder))
    }

    /// Encodes the tree `jsonTree()` builds, the one writing of a post: empty strings and zero times are left
    /// out (so the same type serves as a create body), and `message` is always sent (in an action `update`, a
    /// missing message means "make it empty" anyway).
    public func encode(to encoder: any Encoder) throws {
        try jsonTree().encode(to: encoder)
    }

    /// The attachments in `props.attachments`, if any decode.
    public var attachments: [MessageAttachment] {
        (try? props?["attachments"]?.decode(as: [MessageAttachment].self)) ?? []
    }

    /// Stores `attachments` in `props.attachments`, keeping the other props.
    public mutating func setAttachments(_ attachments: [MessageAttachment]) throws {
        var updated = props ?? [:]
        updated["attachments"] = .array(attachments.map { $0.jsonTree() })
        props = updated
    }

    enum CodingKeys: String, CodingKey {
        case id, message, type, props
        case channelID = "channel_id", userID = "user_id", rootID = "root_id"
        case pendingPostID = "pending_post_id", createAt = "create_at", updateAt = "update_at"
        case editAt = "edit_at", deleteAt = "delete_at"
    }
}

/// A page of posts as `GET /api/v4/channels/{id}/posts` returns it: ids newest first, and the posts by id.
public struct PostList: Codable, Sendable, Equatable {
    public var order: [String]
    public var posts: [String: Post]

    /// Creates a list.
    public init(order: [String], posts: [String: Post]) {
        self.order = order
        self.posts = posts
    }

    /// Decodes through the tree reader (`init(tree:)`).
    public init(from decoder: any Decoder) throws {
        try self.init(tree: JSONValue(from: decoder))
    }

    /// The posts in `order`.
    public var orderedPosts: [Post] { order.compactMap { posts[$0] } }

    enum CodingKeys: String, CodingKey { case order, posts }
}

/// The body of `PUT /api/v4/posts/{id}/patch`: only what is set changes; `props` replaces all props.
public struct PostPatch: Codable, Sendable, Equatable {
    public var message: String?
    public var props: [String: JSONValue]?

    /// Creates a patch.
    public init(message: String? = nil, props: [String: JSONValue]? = nil) {
        self.message = message
        self.props = props
    }
}
