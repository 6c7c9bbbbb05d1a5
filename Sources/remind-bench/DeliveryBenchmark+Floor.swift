import Foundation
import Mattermost
import RemindService
import RemindStore

/// `remind-bench delivery floor`: what one delivery costs without the scheduler, deliverer and ledger
/// around it: rendering a reminder post, and 10,000 `createPost` calls (8 at a time) against the fake.
extension DeliveryBenchmark {
    static func floor(folder: URL, inProcess: Bool) async throws {
        let store = try ReminderStore(path: folder.appendingPathComponent("floor.sqlite").path)
        let due = Date().addingTimeInterval(-1)
        let reminder = try await store.create([NewReminder(
            creatorID: "u1", creatorName: "u1", teamID: "team", originChannelID: "town", targetKind: .user,
            targetID: "u1", targetName: "u1", message: "bench floor", phrase: "me bench", timeZone: "UTC",
            firstFireAt: due)], at: Date())[0]
        let claim = try await store.claimOccurrence(reminderID: reminder.id, dueAt: due, kind: .scheduled, nextFireAt: nil, now: Date())
        let renderer = ReminderPost(publicURL: URL(string: "http://127.0.0.1:8066")!)
        let time = TimeText(timeZone: TimeZone(identifier: "Europe/Berlin") ?? .current, clock24: false)
        let count = 10_000

        var cpu = ProcessMeasures.cpuSeconds()
        var began = ContinuousClock.now
        var posts: [Post] = []
        posts.reserveCapacity(count)
        for index in 0..<count {
            posts.append(try renderer.post(
                for: reminder, occurrence: claim.occurrence, channelID: "dm", deliveryKey: "floor-\(index)", now: Date(), time: time))
        }
        print("(floor) rendering a reminder post")
        print(String(format: "    %.0f µs CPU per post (%.2f s wall for %d)", (ProcessMeasures.cpuSeconds() - cpu) / Double(count) * 1e6,
                     (ContinuousClock.now - began).seconds, count))

        let fake = try BenchFake.start(limited: false, inProcess: inProcess)
        let client = MattermostClient(baseURL: fake.url, token: "bench")
        let shared = posts
        cpu = ProcessMeasures.cpuSeconds()
        began = ContinuousClock.now
        let failures = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var failed = 0
                    for index in stride(from: worker, to: count, by: 8) {
                        do { _ = try await client.createPost(shared[index]) } catch { failed += 1 }
                    }
                    return failed
                }
            }
            return await group.reduce(0, +)
        }
        let wall = (ContinuousClock.now - began).seconds
        let used = ProcessMeasures.cpuSeconds() - cpu
        let stats = try await fake.stats()
        await fake.stop()
        print("(floor) 10,000 createPost calls, 8 at a time, nothing else")
        print(String(format: "    %.2f s (%.0f posts/s), %.0f µs CPU per post in this process; %d arrived, %d failed",
                     wall, Double(count) / wall, used / Double(count) * 1e6, stats.posts, failures))
        try await spacedFloor(folder: folder, inProcess: inProcess)
    }
}
