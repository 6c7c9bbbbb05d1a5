import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// The snooze and edit forms carry no credential from Mattermost: only their signed state counts.
    @Suite("End to end: forged snooze and edit forms")
    struct FormForgeryTests {
        @Test("a form's state for another reminder, another source or another form, or from a sender deactivated a moment ago, is 403", arguments: Stage.Backend.all)
        func forgedForms(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to call mom in 1 hour")
            try await stage.run("me to call dad in 2 hours")
            _ = try await stage.run("list")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last?.post)
            _ = try await stage.fake.clickButton(postID: listPost.id, actionID: "snooze0", user: stage.ana, selectedOption: "other")
            let snoozeState = try #require(await stage.fake.openedDialogs.last?.request.dialog.state)
            _ = try await stage.fake.clickButton(postID: listPost.id, actionID: "edit0", user: stage.ana)
            let editState = try #require(await stage.fake.openedDialogs.last?.request.dialog.state)
            let parts = snoozeState.split(separator: "|").map(String.init)
            let reminders = try await stage.store().reminders(forUser: stage.ana.id, limit: 5).reminders
            let other = try #require(reminders.first { String($0.id) != parts[0] })

            func submit(_ callbackID: String, _ state: String, _ submission: [String: JSONValue]) async throws -> Int {
                let request = SubmitDialogRequest(
                    callbackID: callbackID, state: state, userID: stage.ana.id, channelID: dm.id, submission: submission)
                return try await stage.remind.request(
                    "POST", "/dialog", body: try JSONEncoder().encode(request), contentType: "application/json").status
            }
            let when: [String: JSONValue] = ["when": "in 5 hours"]
            #expect(try await submit("snooze", [String(other.id), parts[1], parts[2]].joined(separator: "|"), when) == 403,
                    "another reminder's id")
            #expect(try await submit("snooze", [parts[0], "post", parts[2]].joined(separator: "|"), when) == 403, "another source")
            #expect(try await submit("edit", snoozeState, ["message": "wire money", "when": "in 5 hours"]) == 403,
                    "a snooze form's state is no edit form's")
            #expect(try await submit("snooze", editState, when) == 403)
            #expect(try await submit("snooze", "1|list|v1.1.1.00", when) == 403)
            #expect(try await submit("snooze", "", when) == 403)
            _ = try await stage.fake.runSlashCommand("", user: stage.ana, channel: stage.office)
            await stage.fake.deactivate(stage.ana)
            #expect(try await submit("snooze", snoozeState, when) == 403, "a deactivated sender, genuine state")
            #expect(try await submit("edit", editState, ["message": "wire money", "when": "in 5 hours"]) == 403)
            // The reminder form too, though Ana was looked up (and cached) a moment before.
            #expect(try await stage.fake.submitDialog(["message": "wire money", "when": "in 5 hours"]).status == 403)
            let after = try await stage.store().reminders(forUser: stage.ana.id, limit: 5).reminders
            #expect(after.allSatisfy { $0.snoozedUntil == nil } && after.map(\.message).sorted() == ["call dad", "call mom"])
            #expect(try await stage.store().countActive() == 2)
            try await stage.finish()
        }
    }
}
