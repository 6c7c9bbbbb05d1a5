import Foundation
import Testing
import HTTPServer

@Suite("FormData decoding")
struct FormDataTests {
    @Test(
        "decodes urlencoded fields",
        arguments: [
            ("text=me+to+eat", "text", ["me to eat"]),
            ("text=1%2B1%3D2", "text", ["1+1=2"]),
            ("a=1&a=2&b=3&a=", "a", ["1", "2", ""]),
            ("empty=&other=x", "empty", [""]),
            ("flag&x=1", "flag", [""]),
            ("bad=%zz%4", "bad", ["%zz%4"]),
            ("trailing=100%", "trailing", ["100%"]),
            ("utf8=caf%C3%A9+%E2%9C%93", "utf8", ["café ✓"]),
            ("invalid=%FF", "invalid", ["\u{FFFD}"]),
            ("key%20with+space=v", "key with space", ["v"]),
            ("eq=a=b", "eq", ["a=b"]),
            ("&&x=1&&", "x", ["1"]),
            ("x=1", "missing", []),
        ] as [(String, String, [String])])
    func decodes(body: String, key: String, expected: [String]) {
        let form = FormData(Data(body.utf8))
        #expect(form.all(key) == expected, "\(body) [\(key)]")
        #expect(form[key] == expected.first, "\(body) [\(key)] first")
    }

    @Test("a Mattermost slash-command body with mentions as repeated keys")
    func mattermostBody() {
        let body = "channel_id=abc&command=%2Fremind&text=%40alice+to+call+%40bob+at+3pm"
            + "&user_mentions=alice&user_mentions=bob&user_mentions_ids=u1&user_mentions_ids=u2"
        let form = FormData(Data(body.utf8))
        #expect(form["command"] == "/remind")
        #expect(form["text"] == "@alice to call @bob at 3pm")
        #expect(form.all("user_mentions") == ["alice", "bob"])
        #expect(form.all("user_mentions_ids") == ["u1", "u2"])
    }

    @Test("queryItems decodes the raw query the same way")
    func queryItems() {
        let request = HTTPRequest(method: "GET", path: "/command", query: "text=in+2+hours&team=a%26b")
        #expect(request.queryItems["text"] == "in 2 hours")
        #expect(request.queryItems["team"] == "a&b")
        #expect(request.form.pairs.isEmpty)
    }
}
