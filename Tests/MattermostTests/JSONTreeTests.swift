import Foundation
@testable import Mattermost
import RemindCore
import Testing

/// `JSONValue(parsing:)` and the tree readers of `Post`/`PostList` replace `JSONDecoder` on the delivery
/// path, so they must accept and refuse exactly what it does.
@Suite("JSON trees agree with JSONDecoder")
struct JSONTreeTests {
    private static let sample = #"""
     { "s": "plain", "e": "q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00 ü",
       "n": [0, -1.5, 1e3, 2E-2, 12345678901234, -0.0], "b": [true, false], "z": null,
       "o": {"empty": {}, "list": [], "deep": [[{"k": "v"}]]}, "": "empty key" }
    """#

    @Test("a parsed tree equals the decoded one")
    func parsedEqualsDecoded() throws {
        let data = Data(Self.sample.utf8)
        #expect(try JSONValue(parsing: data) == JSONDecoder().decode(JSONValue.self, from: data))
        #expect(try JSONValue(parsing: data)["e"] == .string("q\"b\\s/n\nt\tu\u{e9}\u{1F600} ü"))
    }

    @Test("malformed JSON is refused by both", arguments: [
        #"{"a":}"#, #""\ud800""#, #""\udc00x""#, "01", "tru", #"{"a":1} x"#, #""a"#, "\"a\u{01}\"", "1.", "-",
        ".5", "", "{\"a\" 1}", "[1 2]", "nan", "0x10", "\"\\x\"",
    ])
    func malformed(text: String) {
        let data = Data(text.utf8)
        #expect(throws: (any Error).self) { try JSONValue(parsing: data) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: data) }
    }

    @Test("deep nesting is refused, not a stack overflow")
    func deepNesting() {
        let data = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: (any Error).self) { try JSONValue(parsing: data) }
    }

    @Test("attachments converted to a tree read back unchanged")
    func attachmentsRoundTrip() throws {
        let action = try PostAction(
            id: "snooze", type: .select, name: "Snooze",
            options: [PostActionOption(text: "10 minutes", value: "10m")],
            integration: PostActionIntegration(url: "http://remindd/action", stringContext: ["occurrence": "42"]))
        let attachment = MessageAttachment(text: "due \"now\"", fields: [AttachmentField(title: "Due", value: "today", short: true)],
                                           actions: [action])
        var post = Post(channelID: "c", message: "m")
        try post.setAttachments([attachment])
        #expect(post.attachments == [attachment])
    }

    @Test("an attachment's tree equals what JSONEncoder writes", arguments: [
        MessageAttachment(),
        MessageAttachment(
            fallback: "f", color: "#FF0000", pretext: "p", authorName: "a", title: "t", titleLink: "http://x/y",
            text: "due \"now\"\n", fields: [AttachmentField(title: "Due", value: "today", short: true), AttachmentField(title: "", value: "")],
            footer: "ft", actions: [
                try! PostAction(id: "done", name: "Done", style: "primary", disabled: false,
                                integration: PostActionIntegration(url: "http://remindd/action", stringContext: ["occurrence": "42"])),
                try! PostAction(id: "snooze", type: .select, name: "Snooze", dataSource: "users",
                                options: [PostActionOption(text: "10 minutes", value: "10m")], defaultOption: "10m",
                                integration: PostActionIntegration(url: "http://remindd/a", context: ["n": .number(3), "b": .bool(true)])),
                try! PostAction(id: "plain", name: "Plain", integration: PostActionIntegration(url: "http://remindd/b")),
            ]),
    ])
    func attachmentTree(attachment: MessageAttachment) throws {
        #expect(attachment.jsonTree() == (try JSONValue(encoding: attachment)))
        var post = Post(channelID: "c", message: "m")
        try post.setAttachments([attachment])
        #expect(post.props?["attachments"] == (try JSONValue(encoding: [attachment])))
    }

    @Test("a post read from a tree equals the decoded post")
    func postFromTree() throws {
        var post = Post(id: "p1", channelID: "c1", userID: "u1", rootID: "r1", message: "hello", type: "slack_attachment",
                        pendingPostID: "k1", createAt: 1_700_000_000_123, updateAt: 1_700_000_000_456, editAt: 0, deleteAt: 7)
        try post.setAttachments([MessageAttachment(text: "t")])
        post.props?["remindd_delivery"] = "abc-1"
        let encoded = try JSONEncoder().encode(post)
        #expect(try Post(tree: JSONValue(parsing: encoded)) == JSONDecoder().decode(Post.self, from: encoded))
        #expect(try Post(tree: JSONValue(parsing: encoded)) == post)
        let list = Data(#"{"order":["p1"],"posts":{"p1":\#(String(decoding: encoded, as: UTF8.self))}}"#.utf8)
        #expect(try PostList(tree: JSONValue(parsing: list)) == JSONDecoder().decode(PostList.self, from: list))
        let sparse = Data(#"{"id":"p2","props":null,"create_at":null}"#.utf8)
        #expect(try Post(tree: JSONValue(parsing: sparse)) == JSONDecoder().decode(Post.self, from: sparse))
    }

    @Test("a post written from its tree reads back as JSONEncoder's text does")
    func postToTree() throws {
        var post = Post(channelID: "c1", message: "say \"hi\"\n\u{01}/ü", pendingPostID: "k1", createAt: 1_700_000_000_123)
        try post.setAttachments([MessageAttachment(color: "#2389D7", text: "t", fields: [AttachmentField(title: "a", value: "b", short: true)])])
        post.props?["n"] = .number(-2.5)
        post.props?["z"] = .null
        let fast = try post.jsonTree().serialized()
        let standard = try JSONEncoder().encode(post)
        #expect(try JSONValue(parsing: fast) == JSONValue(parsing: standard))
        #expect(try JSONDecoder().decode(Post.self, from: fast) == post)
        #expect(String(decoding: try JSONValue.object(["b": .number(1), "a": [true, "x/y"]]).serialized(), as: UTF8.self)
            == #"{"a":[true,"x/y"],"b":1}"#)
        #expect(throws: (any Error).self) { try JSONValue.number(.nan).serialized() }
    }

    @Test("request bodies, log lines and the parse report escape strings alike, and JSONDecoder reads them back")
    func oneEscaper() throws {
        let every = String(String.UnicodeScalarView((0...0x80).compactMap(Unicode.Scalar.init))) + "\u{2028}é😀/"
        let body = try JSONValue.array([.string(every)]).serialized()
        #expect(String(decoding: body, as: UTF8.self) == "[" + JSONLiteral.string(every) + "]")
        #expect(try JSONDecoder().decode([String].self, from: body) == [every])
        #expect(JSONLiteral.string("\u{7F}\u{1}\u{8}/") == #""\u007f\u0001\b/""#)
    }

    @Test("a post with a field of the wrong kind is refused by both", arguments: [
        #"{"id":5}"#, #"{"create_at":"5"}"#, #"{"create_at":1.5}"#, #"{"props":[]}"#, "[]", #"{"message":true}"#,
    ])
    func wrongKinds(text: String) {
        let data = Data(text.utf8)
        #expect(throws: (any Error).self) { try Post(tree: JSONValue(parsing: data)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Post.self, from: data) }
    }
}
