import Foundation
import Mattermost
import Testing
import TestSupport

@Suite("Slash command form encoding")
struct SlashCommandFormTests {
    @Test("Go's url.Values.Encode: sorted keys, space as +, repeated keys in order")
    func goEncoding() {
        let encoded = GoForm.encode([
            ("text", "me to buy milk & eggs at 5pm ~ok"), ("b", "2"), ("a", "x/y"), ("b", "1"), ("c", "é=?"),
        ])
        #expect(encoded == "a=x%2Fy&b=2&b=1&c=%C3%A9%3D%3F&text=me+to+buy+milk+%26+eggs+at+5pm+~ok")
    }

    @Test("fields build a request; mentions are parallel lists")
    func fieldsToRequest() {
        let fields: [String: [String]] = [
            "token": ["tok"], "text": ["@sam in 5 min"], "command": ["/remind"],
            "user_mentions": ["sam", "kim"], "user_mentions_ids": ["id1", "id2"],
        ]
        let request = SlashCommandRequest(fields: { fields[$0] ?? [] })
        #expect(request.token == "tok" && request.text == "@sam in 5 min" && request.command == "/remind")
        #expect(request.channelID == "" && request.rootID == "")
        #expect(request.mentionedUserIDs == ["sam": "id1", "kim": "id2"])
        #expect(request.channelMentions.isEmpty)
    }
}
