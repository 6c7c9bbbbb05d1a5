import Foundation
import Mattermost
import Testing

/// Encodes with sorted keys so expectations can be written as literal JSON.
private func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

private func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
    try JSONDecoder().decode(type, from: Data(text.utf8))
}

@Suite("Wire format matches MATTERMOST.md")
struct WireFormatTests {
    @Test("action ids must be letters and digits only", arguments: [
        ("complete", true), ("snooze10m", true), ("A1", true),
        ("snooze_10m", false), ("mark-done", false), ("a.b", false), ("", false), ("zurück", false), ("a b", false),
    ])
    func actionIDValidation(id: String, valid: Bool) {
        #expect(PostAction.isValidID(id) == valid, "\(id)")
        #expect(((try? PostAction(id: id, name: "x")) != nil) == valid, "\(id)")
    }

    @Test("an action encodes snake_case with a string-only context")
    func actionEncoding() throws {
        let action = try PostAction(
            id: "snooze", type: .select, name: "Snooze", dataSource: nil,
            options: [PostActionOption(text: "10 minutes", value: "10m")],
            integration: PostActionIntegration(url: "http://remindd/action", stringContext: ["occurrence": "42"]))
        #expect(try json(action) == #"{"id":"snooze","integration":{"context":{"occurrence":"42"},"url":"http://remindd/action"},"name":"Snooze","options":[{"text":"10 minutes","value":"10m"}],"type":"select"}"#)
        let attachment = MessageAttachment(authorName: "a", titleLink: "l", actions: [action])
        let encoded = try json(attachment)
        #expect(encoded.contains(#""author_name":"a""#) && encoded.contains(#""title_link":"l""#))
    }

    @Test("dialog element optional is a JSON boolean; the docs' string form is refused")
    func dialogOptionalIsBoolean() throws {
        let element = DialogElement(displayName: "When", name: "when", type: "text", defaultValue: "tomorrow", optional: true)
        let encoded = try json(element)
        #expect(encoded.contains(#""optional":true"#))
        #expect(encoded.contains(#""default":"tomorrow""#) && encoded.contains(#""display_name":"When""#))
        #expect(throws: DecodingError.self) {
            try decode(DialogElement.self, #"{"display_name":"When","name":"when","type":"text","optional":"true"}"#)
        }
        let dialog = Dialog(callbackID: "edit", title: "Edit", elements: [element], notifyOnCancel: true)
        let request = OpenDialogRequest(triggerID: "t", url: "http://x/dialog", dialog: dialog)
        let text = try json(request)
        #expect(text.contains(#""trigger_id":"t""#) && text.contains(#""callback_id":"edit""#) && text.contains(#""notify_on_cancel":true"#))
    }

    @Test("dialog submissions decode strings, booleans and numbers")
    func lenientSubmission() throws {
        let submission = try decode(SubmitDialogRequest.self, #"""
            {"type":"dialog_submission","callback_id":"c","state":"s","user_id":"u","channel_id":"ch","team_id":"",
             "submission":{"text":"hi","flag":true,"count":5,"ratio":1.5},"cancelled":false}
            """#)
        #expect(submission.text("text") == "hi")
        #expect(submission.text("flag") == "true" && submission.bool("flag") == true)
        #expect(submission.text("count") == "5")
        #expect(submission.text("ratio") == "1.5")
        #expect(submission.text("missing") == nil)
        #expect(submission.callbackID == "c" && submission.userID == "u" && !submission.cancelled)
    }

    @Test("user time zones are strings and fall back when unset")
    func userTimezone() throws {
        let automatic = try decode(User.self, #"{"id":"u","username":"sam","is_bot":false,"delete_at":0,"locale":"de","timezone":{"useAutomaticTimezone":"true","automaticTimezone":"Europe/Berlin","manualTimezone":"America/New_York"}}"#)
        #expect(automatic.effectiveTimeZone == "Europe/Berlin" && automatic.locale == "de")
        let manual = try decode(User.self, #"{"id":"u","username":"sam","timezone":{"useAutomaticTimezone":"false","automaticTimezone":"Europe/Berlin","manualTimezone":"America/New_York"}}"#)
        #expect(manual.effectiveTimeZone == "America/New_York")
        let fresh = try decode(User.self, #"{"id":"u","username":"new","timezone":{"useAutomaticTimezone":"true","automaticTimezone":"","manualTimezone":""}}"#)
        #expect(fresh.effectiveTimeZone == nil)
        #expect(try json(UserTimezone.manual("UTC")) == #"{"automaticTimezone":"","manualTimezone":"UTC","useAutomaticTimezone":"false"}"#)
        let bot = try decode(User.self, #"{"id":"b","username":"bot","is_bot":true,"delete_at":1700000000000}"#)
        #expect(bot.isBot && bot.isDeactivated)
    }

    @Test("command responses use Mattermost's keys and accept an empty response_type")
    func commandResponse() throws {
        let response = CommandResponse(
            responseType: .inChannel, text: "ok", skipSlackParsing: true, gotoLocation: "http://x",
            extraResponses: [CommandResponse.ephemeral("more")])
        #expect(try json(response) == #"{"extra_responses":[{"response_type":"ephemeral","skip_slack_parsing":true,"text":"more"}],"goto_location":"http://x","response_type":"in_channel","skip_slack_parsing":true,"text":"ok"}"#)
        #expect(try decode(CommandResponse.self, #"{"response_type":"","text":"x"}"#).responseType == .ephemeral)
        #expect(throws: DecodingError.self) { try decode(CommandResponse.self, #"{"response_type":"loud"}"#) }
    }

    @Test("a new post encodes only what is set; an action update distinguishes absent and empty props")
    func postEncoding() throws {
        let post = Post(channelID: "c", message: "hi", pendingPostID: "p1")
        #expect(try json(post) == #"{"channel_id":"c","message":"hi","pending_post_id":"p1"}"#)
        let keepProps = try decode(PostActionResponse.self, #"{"update":{"message":"done"}}"#)
        #expect(keepProps.update?.props == nil)
        let clearProps = try decode(PostActionResponse.self, #"{"update":{"message":"done","props":{}},"ephemeral_text":"e"}"#)
        #expect(clearProps.update?.props == [:] && clearProps.ephemeralText == "e")
        #expect(try json(PostActionResponse(ephemeralText: "x", skipSlackParsing: true)) == #"{"ephemeral_text":"x","skip_slack_parsing":true}"#)
    }

    @Test("attachments round-trip through props")
    func attachmentsInProps() throws {
        var post = Post(channelID: "c", message: "")
        let action = try PostAction(id: "complete", name: "Complete", style: "primary")
        try post.setAttachments([MessageAttachment(text: "t", fields: [AttachmentField(title: "Due", value: "10:00", short: true)], actions: [action])])
        let decoded = try decode(Post.self, try json(post))
        #expect(decoded.attachments.first?.actions?.first?.id == "complete")
        #expect(decoded.attachments.first?.fields?.first == AttachmentField(title: "Due", value: "10:00", short: true))
        let numericField = try decode(AttachmentField.self, #"{"title":"n","value":3,"short":false}"#)
        #expect(numericField.value == "3")
    }

    @Test("action callbacks decode with selected_option in the context")
    func actionRequest() throws {
        let request = try decode(PostActionRequest.self, #"""
            {"user_id":"u","user_name":"sam","channel_id":"c","channel_name":"town","team_id":"t","team_domain":"acme",
             "post_id":"p","trigger_id":"tr","type":"select","data_source":"","context":{"token":"abc","selected_option":"1h"}}
            """#)
        #expect(request.userName == "sam" && request.teamDomain == "acme" && request.postID == "p")
        #expect(request.contextString("token") == "abc" && request.selectedOption == "1h")
    }

    @Test("JSON values round-trip and keep booleans apart from numbers")
    func jsonValue() throws {
        let value = try decode(JSONValue.self, #"{"a":[1,true,"s",null,{"b":2.5}]}"#)
        #expect(value == ["a": [.number(1), true, "s", nil, ["b": .number(2.5)]]])
        #expect(try decode(JSONValue.self, try json(value)) == value)
    }

    @Test("app errors and client config decode")
    func errorsAndConfig() throws {
        let error = try decode(AppError.self, #"{"id":"api.context.session_expired.app_error","message":"Invalid","detailed_error":"d","request_id":"r","status_code":401,"is_oauth":false}"#)
        #expect(error == AppError(id: "api.context.session_expired.app_error", message: "Invalid", detailedError: "d", requestID: "r", statusCode: 401))
        let config = try decode(ClientConfig.self, #"{"SiteURL":"https://chat","Version":"10.5.0","MaxPostSize":"16383"}"#)
        #expect(config.siteURL == "https://chat" && config.version == "10.5.0" && config.maxPostSize == 16383)
    }
}
