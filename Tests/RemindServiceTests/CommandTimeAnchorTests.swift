import Foundation
import Testing
import TestSupport
@testable import RemindService

/// "in 10 seconds" means ten seconds from when the command arrived, however long Mattermost takes to answer
/// the look-ups that come before the phrase is read.
@Suite("Command time anchor")
struct CommandTimeAnchorTests {
    @Test("a relative time counts from the command's arrival, not from after the sender look-ups (1 s each here)")
    func anchoredAtArrival() async throws {
        let bench = try await CommandHandlerTests.Bench.make()
        await bench.fake.setLatency(.seconds(1))
        let sent = Date()
        let response = await bench.run("me stretch in 10 seconds")
        #expect(Date().timeIntervalSince(sent) >= 2, "the user and display-setting look-ups each waited 1 s")
        let page = try await bench.context.store.reminders(forUser: bench.ana.id, limit: 5)
        let due = try #require(page.reminders.first?.nextFireAt, "no reminder stored; answer: \(response.text ?? "")")
        let offset = due.timeIntervalSince(sent)
        #expect(offset >= 9.9 && offset < 10.5, "due \(offset) s after the command was sent")
        await bench.fake.stop()
    }
}
