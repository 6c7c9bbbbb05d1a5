import Foundation
import Mattermost
import Testing
import TestSupport
@testable import RemindService

/// A first delivery to someone does not wait for their DM to be opened after the due time: the scheduler
/// opens it ahead, and the directory asks Mattermost once however many ask at the same time.
@Suite("Direct channels opened ahead")
struct DirectChannelAheadTests {
    /// Monday 2026-11-23 15:00 UTC.
    let start = Date(timeIntervalSince1970: 1_795_446_000)

    private func directOpens(_ harness: DeliveryHarness) async -> Int {
        await harness.fake.requests("POST", "/api/v4/channels/direct").count
    }

    /// Polls for up to `timeout` until `condition` holds; returns whether it did.
    private func eventually(timeout: Duration = .seconds(3), _ condition: () async -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }

    @Test("a user reminder due within 30 s has its DM opened before it is due; one due later does not yet; the delivery opens no other")
    func opensAhead() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)

        let later = try await harness.create(message: "later", due: start.addingTimeInterval(90))
        harness.scheduler.reminderChanged(later)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await directOpens(harness) == 0, "a reminder 90 s away (in the wheel, beyond the 30 s lead) opens nothing yet")

        let soon = try await harness.create(message: "soon", due: start.addingTimeInterval(10))
        harness.scheduler.reminderChanged(soon)
        #expect(try await eventually { await directOpens(harness) == 1 }, "the DM is opened before the due time")
        #expect(await harness.anaPosts().isEmpty)

        clock.set(start.addingTimeInterval(10))
        await harness.settle()
        let posts = await harness.anaPosts()
        #expect(posts.count == 1 && posts.first?.post.message.contains("soon") == true)
        #expect(await directOpens(harness) == 1, "the delivery used the DM opened ahead")
        await harness.close()
    }

    @Test("the horizon load opens the DMs of what is due soon, once per person")
    func loadOpensAhead() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        for index in 0..<5 {
            _ = try await harness.create(message: "batch \(index)", due: start.addingTimeInterval(5 + Double(index)))
        }
        try await harness.scheduler.start(automatically: false)
        #expect(try await eventually { await directOpens(harness) == 1 })
        try await harness.run(until: start.addingTimeInterval(10))
        #expect(await harness.anaPosts().count == 5)
        #expect(await directOpens(harness) == 1)
        await harness.close()
    }

    @Test("callers asking for the same DM at the same time share one request and one answer")
    func sharedRequest() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        await harness.fake.setLatency(.milliseconds(100))
        let directory = harness.directory
        let userID = harness.ana.id
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await directory.directChannel(with: userID) } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(ids.count == 8 && Set(ids).count == 1)
        #expect(await directOpens(harness) == 1)
        // Known for good afterwards: no request at all.
        _ = try await directory.directChannel(with: userID)
        #expect(await directOpens(harness) == 1)
        await harness.close()
    }

    @Test("a failed opening is not remembered: the next ask tries again")
    func failureNotKept() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        let directory = harness.directory
        await #expect(throws: MattermostError.self) { try await directory.directChannel(with: "nosuchuser0000000000000000") }
        await #expect(throws: MattermostError.self) { try await directory.directChannel(with: "nosuchuser0000000000000000") }
        #expect(await directOpens(harness) == 2)
        await harness.close()
    }
}
