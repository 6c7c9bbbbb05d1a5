import Foundation
import Mattermost

/// One request the fake received.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    public var query: String
    public var headers: [(name: String, value: String)]
    public var body: Data
    public var receivedAt: Date

    /// The first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body decoded as JSON.
    public func decodeBody<Value: Decodable>(as type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: body)
    }
}

/// A post created through the API, as stored, with the time it arrived.
public struct RecordedPost: Sendable {
    public var post: Post
    public var receivedAt: Date
}

/// A message only one user sees.
public struct EphemeralPost: Sendable, Equatable {
    public var userID: String
    public var channelID: String
    /// The thread it belongs to: a click's reply has the clicked post's root (its own id for an ephemeral
    /// post), which the webapp keeps out of the channel view when reply threads collapse.
    public var rootID: String
    public var message: String
    public var attachments: [MessageAttachment]

    /// Creates a record (for comparisons in tests).
    public init(userID: String, channelID: String, rootID: String = "", message: String, attachments: [MessageAttachment] = []) {
        self.userID = userID
        self.channelID = channelID
        self.rootID = rootID
        self.message = message
        self.attachments = attachments
    }
}

/// A dialog opened through `POST /api/v4/actions/dialogs/open`, with the context of its trigger.
public struct OpenedDialog: Sendable {
    public var request: OpenDialogRequest
    public var userID: String
    public var channelID: String
    public var teamID: String
}

/// What came back from the service under test for a command, click or dialog submission.
public struct CallbackReply<Response: Sendable>: Sendable {
    /// The HTTP status (Mattermost accepts only 200).
    public var status: Int
    /// The body decoded as the callback's JSON response, when it was JSON of that shape.
    public var response: Response?
    /// The raw body.
    public var body: Data
    /// The `Content-Type` header.
    public var contentType: String?

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Misuse of the fake or a wait that ran out.
public enum FakeMattermostError: Error, Equatable {
    case timeout(String)
    case notFound(String)
    case notStarted
    case invalidUpdate(String)
    /// A call to an internal host not in `AllowedUntrustedInternalConnections` (with the rule enforced).
    case forbiddenAddress(String)
}

/// Mattermost-style 26-character ids.
enum FakeID {
    private static let alphabet = Array("ybndrfg8ejkmcpqxot1uwisza345h769")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<26).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}

/// The state of one `pending_post_id`.
enum PendingPost {
    case inFlight(since: Date)
    case saved(postID: String, at: Date)
}

/// Who a trigger id was issued to, and when.
struct Trigger {
    var userID: String
    var channelID: String
    var teamID: String
    var issuedAt: Date
}

/// A command's `response_url`: where it posts, and how often it was used.
struct CommandWebhook {
    var userID: String
    var channelID: String
    var rootID: String
    var createdAt: Date
    var uses: Int
}

extension Date {
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}
