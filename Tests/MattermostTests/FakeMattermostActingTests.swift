import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPServer
import Mattermost
import Testing
import TestSupport

@Suite("FakeMattermost acting as the server towards remindd")
struct FakeMattermostActingTests {
    @Test("a slash command arrives as Go-encoded form that decodes into SlashCommandRequest")
    func slashCommand() async throws {
        let reply = CommandResponse(responseType: .inChannel, text: "Noted, @sam.")
        let answer = HTTPResponse.json(try JSONEncoder().encode(reply))
        try await withCallbackServer(answering: answer) { remindd, inbox in
            let fake = FakeMattermost()
            let fakeURL = try await fake.start()
            let sam = await fake.addUser("sam")
            let kim = await fake.addUser("kim")
            let town = await fake.addChannel("town-square", members: [sam, kim])
            let command = await fake.registerSlashCommand(url: remindd.appending(path: "command"))

            let result = try await fake.runSlashCommand(
                "@kim. and @nobody in ~town-square to review 50% & ship", user: sam, channel: town)
            #expect(result.status == 200 && result.response == reply)

            let request = try #require(await inbox.received.first)
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(request.header("Authorization") == "Token \(command.token)")
            #expect(request.text.contains("text=%40kim.+and+%40nobody+in+~town-square+to+review+50%25+%26+ship"))
            let form = FormData(request.body)
            let decoded = SlashCommandRequest(fields: { form.all($0) })
            #expect(decoded.token == command.token && decoded.command == "/remind")
            #expect(decoded.text == "@kim. and @nobody in ~town-square to review 50% & ship")
            #expect(decoded.userID == sam.id && decoded.userName == "sam" && decoded.channelName == "town-square")
            #expect(decoded.teamDomain == "acme" && decoded.teamID == fake.team.id && !decoded.triggerID.isEmpty)
            #expect(decoded.mentionedUserIDs == ["kim": kim.id])
            #expect(decoded.mentionedChannelIDs == ["town-square": town.id])
            #expect(decoded.responseURL.hasPrefix(fakeURL.absoluteString + "/hooks/commands/"))

            let shown = try #require(await fake.createdPosts.last?.post)
            #expect(shown.userID == sam.id && shown.message == "Noted, @sam." && shown.props?["from_webhook"] == "true")

            // A late answer through response_url (no auth) becomes an ephemeral message.
            var late = URLRequest(url: try #require(URL(string: decoded.responseURL)))
            late.httpMethod = "POST"
            late.setValue("application/json", forHTTPHeaderField: "Content-Type")
            late.httpBody = try JSONEncoder().encode(CommandResponse.ephemeral("Done later"))
            let (body, _) = try await URLSession.shared.data(for: late)
            #expect(String(decoding: body, as: UTF8.self) == "ok")
            #expect(await fake.ephemeralPosts.last?.message == "Done later")
            await fake.stop()
        }
    }

    @Test("a click sends the stored context and applies the update")
    func buttonClick() async throws {
        let update = PostActionResponse(
            update: Post(channelID: "", message: "✅ Completed", props: ["attachments": []]),
            ephemeralText: "Marked done")
        try await withCallbackServer(answering: .json(try JSONEncoder().encode(update))) { remindd, inbox in
            try await withFakeServer { fake, client in
                let sam = await fake.addUser("sam")
                let direct = try await client.directChannel(with: sam.id, botID: fake.bot.id)
                var post = Post(channelID: direct.id, message: "Reminder: stretch")
                let snooze = try PostAction(
                    id: "snooze", type: .select, name: "Snooze", options: [PostActionOption(text: "1 hour", value: "1h")],
                    integration: PostActionIntegration(url: remindd.appending(path: "action").absoluteString, stringContext: ["token": "secret"]))
                try post.setAttachments([MessageAttachment(actions: [snooze])])
                let created = try await client.createPost(post)

                let reply = try await fake.clickButton(postID: created.id, actionID: "snooze", user: sam, selectedOption: "1h")
                #expect(reply.status == 200)
                let sent = try JSONDecoder().decode(PostActionRequest.self, from: try #require(await inbox.received.first).body)
                #expect(sent.contextString("token") == "secret" && sent.selectedOption == "1h")
                #expect(sent.userID == sam.id && sent.postID == created.id && sent.teamID == "" && sent.type == "select")

                let stored = try #require(await fake.post(id: created.id))
                #expect(stored.message == "✅ Completed" && stored.attachments.isEmpty && stored.editAt > 0)
                // Like the server's UpdatePost: replaced props lose from_bot; the reply sits in the post's thread.
                #expect(stored.props?["from_bot"] == nil)
                #expect(await fake.ephemeralPosts.last == EphemeralPost(
                    userID: sam.id, channelID: direct.id, rootID: created.id, message: "Marked done", attachments: []))
                #expect(await fake.visibleEphemeralPosts(for: sam).isEmpty)
            }
        }
    }

    @Test("a dialog opened with a trigger is submitted to its url")
    func dialogSubmission() async throws {
        let answer = HTTPResponse.json(Data(#"{"errors":{"when":"I could not understand that time."}}"#.utf8))
        try await withCallbackServer(answering: answer) { remindd, inbox in
            try await withFakeServer { fake, client in
                let sam = await fake.addUser("sam")
                let town = await fake.addChannel("town-square", members: [sam])
                let dialog = Dialog(callbackID: "edit-1", title: "Edit", elements: [
                    DialogElement(displayName: "When", name: "when", type: "text"),
                ], state: "r42")
                try await client.openDialog(OpenDialogRequest(
                    triggerID: await fake.makeTriggerID(for: sam, in: town), url: remindd.appending(path: "dialog").absoluteString,
                    dialog: dialog))
                let reply = try await fake.submitDialog(["when": "someday", "urgent": true])
                #expect(reply.status == 200 && reply.response?.errors == ["when": "I could not understand that time."])
                let sent = try JSONDecoder().decode(SubmitDialogRequest.self, from: try #require(await inbox.received.first).body)
                #expect(sent.type == "dialog_submission" && sent.callbackID == "edit-1" && sent.state == "r42")
                #expect(sent.userID == sam.id && sent.channelID == town.id && sent.teamID == fake.team.id)
                #expect(sent.text("when") == "someday" && sent.bool("urgent") == true && !sent.cancelled)
            }
        }
    }
}
