import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// "Did you mean 8:00 PM?": the confirmation of an hour without am/pm says how it was read and offers the
    /// other reading as a button that moves the reminder in place.
    @Suite("End to end: the other reading of an hour")
    struct RereadTests {
        @Test("the confirmation says how the hour was read; its button moves the reminder, only for its creator",
              arguments: Stage.Backend.all)
        func otherReading(_ backend: Stage.Backend) async throws {
            let stage = try await Stage.start(backend: backend)
            let text = try await stage.run("me to water the plants tomorrow at 8")
            #expect(text.contains("I took the hour as 8:00 AM; did you mean 8:00 PM tomorrow"), "\(text)")
            let confirmation = try #require(await stage.lastEphemeral(for: stage.ana))
            let button = confirmation.attachments.first?.actions?.first { $0.id == "reread" }
            #expect(button?.name == "8:00 PM instead")

            let stranger = try await stage.fake.clickEphemeralButton(confirmation, actionID: "reread", user: stage.ben)
            #expect(stranger.response?.ephemeralText?.contains("Only the person who set this reminder") == true)
            let store = try stage.store()
            let before = try #require(try await store.reminders(forUser: stage.ana.id, limit: 5).reminders.first)

            let reply = try await stage.fake.clickEphemeralButton(confirmation, actionID: "reread", user: stage.ana)
            #expect(reply.status == 200)
            let visible = await stage.fake.visibleEphemeralPosts(for: stage.ana).last
            #expect(visible?.message.contains("“water the plants” is now at 8:00 PM tomorrow") == true, "\(String(describing: visible))")
            let after = try #require(try await store.reminder(id: before.id))
            #expect(after.nextFireAt == before.nextFireAt?.addingTimeInterval(12 * 3_600), "moved twelve hours on, same id")
            #expect(try await store.countActive() == 1)

            // An unambiguous time offers nothing.
            let plain = try await stage.run("me to water the plants tomorrow at 8pm")
            #expect(!plain.contains("did you mean"))
            let plainConfirmation = try #require(await stage.lastEphemeral(for: stage.ana))
            #expect(plainConfirmation.attachments.first?.actions?.contains { $0.id == "reread" } != true)
            try await stage.finish()
        }
    }
}
