import Foundation
import RemindStore
import Testing
@testable import RemindService

@Suite("History view")
struct HistoryViewTests {
    @Test("late, failed and unfinished deliveries read as such, read back from a real ledger")
    func deliveryStates() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let t0 = Date(timeIntervalSince1970: 1_795_446_000)  // Mon 2026-11-23 15:00 UTC
        let store = try ReminderStore(path: directory.appendingPathComponent("h.sqlite").path, now: t0)
        func reminder(_ message: String, dueIn seconds: TimeInterval) async throws -> ReminderRecord {
            try #require(try await store.create([NewReminder(
                creatorID: "u1", creatorName: "ana", teamID: "t", originChannelID: "c", targetKind: .user, targetID: "u1",
                targetName: "ana", message: message, phrase: "me to \(message)", timeZone: "UTC",
                firstFireAt: t0.addingTimeInterval(seconds))], at: t0).first)
        }
        for (message, offset) in [("late one", 60.0), ("failed one", 120.0), ("pending one", 180.0)] {
            let record = try await reminder(message, dueIn: offset)
            let due = t0.addingTimeInterval(offset)
            let claim = try await store.claimOccurrence(reminderID: record.id, dueAt: due, kind: .scheduled, nextFireAt: nil, now: due)
            switch message {
            case "late one":
                try await store.markPosted(occurrenceID: claim.occurrence.id, postID: "p", channelID: "c", at: due.addingTimeInterval(7_500))
            case "failed one":
                try await store.markFailed(occurrenceID: claim.occurrence.id, error: "403 the bot cannot post there")
            default: break
            }
        }
        let entries = try await store.history(forUser: "u1", limit: HistoryView.limit)
        #expect(entries.map(\.reminder.message) == ["pending one", "failed one", "late one"])
        let text = HistoryView(time: TimeText(timeZone: TimeZone(identifier: "UTC")!, clock24: true), now: t0.addingTimeInterval(9_000))
            .render(entries, skipped: [], messages: [:])
        let lines = text.split(separator: "\n").dropFirst().map(String.init)
        #expect(lines[0] == "- 15:03 today, Mon Nov 23 — **pending one** (#3) — still being delivered", "\(lines)")
        #expect(lines[1] == "- 15:02 today, Mon Nov 23 — **failed one** (#2) — not delivered (403 the bot cannot post there)")
        #expect(lines[2] == "- 15:01 today, Mon Nov 23 — **late one** (#1) — delivered 2 h 5 min late")
        #expect(try await store.history(forUser: "u2", limit: 20).isEmpty)
    }

    @Test("durations", arguments: [(45.0, "45 s"), (180.0, "3 min"), (3_600.0, "1 h"), (7_500.0, "2 h 5 min"), (259_200.0, "3 days")] as [(Double, String)])
    func durations(_ seconds: Double, _ expected: String) {
        #expect(HistoryView.duration(seconds) == expected)
    }
}
