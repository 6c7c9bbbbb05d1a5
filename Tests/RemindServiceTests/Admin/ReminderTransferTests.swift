import Foundation
import RemindCore
import RemindService
import RemindStore
import Testing

@Suite("remindd export / import")
struct ReminderTransferTests {
    let directory: AdminScratchDirectory
    let source: ReminderStore
    let longMessage = "Ünïcødé check, with; commas \\ and a\nnewline — " + String(repeating: "🎉 party ", count: 12)

    init() throws {
        directory = try AdminScratchDirectory()
        source = try ReminderStore(path: directory.path("source.sqlite"), now: adminT0)
    }

    /// A varied set: one-offs, a channel reminder, a snoozed one, recurring ones that fired, a
    /// group of two, and a completed one (not exported).
    func seed() async throws {
        _ = try await source.create([adminReminder(longMessage)], at: adminT0)
        let channel = try await source.create(
            [adminReminder("standup notes", target: "c-town", kind: .channel, fireAt: adminT0.addingTimeInterval(7_200))], at: adminT0)
        try await source.snooze(reminderID: channel[0].id, until: adminT0.addingTimeInterval(9_000), at: adminT0)
        for (rrule, zone) in [("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30", "America/New_York"),
                              ("FREQ=DAILY;INTERVAL=2;BYHOUR=18;BYMINUTE=0", "Asia/Kolkata")] {
            let rule = try RecurrenceRule(rrule: rrule)
            let timeZone = try #require(TimeZone(identifier: zone))
            let first = try #require(Recurrence.firstOccurrence(of: rule, after: adminT0, in: timeZone))
            let created = try await source.create([adminReminder("recurring \(zone)", zone: zone, fireAt: first, rrule: rrule)], at: adminT0)
            let next = try #require(created[0].recurrence?.occurrence(after: first))
            _ = try await source.claimOccurrence(reminderID: created[0].id, dueAt: first, kind: .scheduled, nextFireAt: next, now: first)
        }
        _ = try await source.create([adminReminder("pair", target: "u-ben"), adminReminder("pair", target: "u-cy")], at: adminT0)
        let done = try await source.create([adminReminder("finished")], at: adminT0)
        try await source.complete(reminderID: done[0].id, at: adminT0)
    }

    @Test("JSON export → import into a fresh database keeps every field, group and schedule")
    func roundTrip() async throws {
        try await seed()
        let original = try await source.activeReminders()
        #expect(original.count == 6 && !original.contains { $0.message == "finished" })
        let json = try await ReminderTransfer.export(from: source, format: .json, now: adminT0)

        let target = try ReminderStore(path: directory.path("target.sqlite"), now: adminT0)
        let summary = try await ReminderTransfer.importArchive(json, into: target)
        #expect(summary == .init(inFile: 6, imported: 6, skippedDuplicates: 0))

        let copied = try await target.activeReminders()
        try #require(copied.count == original.count)
        for (before, after) in zip(original, copied) {
            // Every field but the ids, which the new instance assigns.
            var renumbered = after
            renumbered.id = before.id
            renumbered.groupID = before.groupID
            #expect(renumbered == before)
            #expect(before.recurrence?.occurrences(after: before.nextFireAt ?? adminT0, limit: 8)
                    == after.recurrence?.occurrences(after: after.nextFireAt ?? adminT0, limit: 8))
        }
        #expect(original.contains { $0.firedCount == 1 && $0.lastFiredAt != nil && $0.isRecurring })
        #expect(original.contains { $0.snoozeCount == 1 && $0.snoozedUntil != nil })
        // The pair shares a group in both, and only it.
        let groupSizes = { (records: [ReminderRecord]) in Dictionary(grouping: records, by: \.groupID).values.map(\.count).sorted() }
        #expect(groupSizes(original) == groupSizes(copied))
        #expect(groupSizes(copied) == [1, 1, 1, 1, 2])
        // The scheduler sees the same due times.
        let horizon = adminT0.addingTimeInterval(30 * 86_400)
        #expect(try await source.dueReminders(before: horizon, limit: 100).map(\.dueAt)
                == (try await target.dueReminders(before: horizon, limit: 100)).map(\.dueAt))
    }

    @Test("a team's thread reminder that nags keeps its people, thread and nag settings through export and import")
    func threadAndNagRoundTrip() async throws {
        var reminder = adminReminder("this thread")
        reminder.thread = ThreadLink(rootID: "r00t", url: "https://chat.example.com/acme/pl/r00t", quote: "Release notes?")
        reminder.nag = NagSettings(interval: 1_800, allDay: true, zone: "Asia/Kolkata")
        reminder.team = [TeamPerson(id: "u-ana", username: "ana"), TeamPerson(id: "u-ben", username: "ben")]
        let created = try await source.create([reminder], at: adminT0)
        _ = try await source.claimOccurrence(
            reminderID: created[0].id, dueAt: created[0].nextFireAt ?? adminT0, kind: .scheduled, nextFireAt: nil,
            nextNagAt: adminT0.addingTimeInterval(5_400), now: adminT0)
        let original = try #require(try await source.activeReminders().first)
        #expect(original.snoozedUntil == adminT0.addingTimeInterval(5_400))
        let json = try await ReminderTransfer.export(from: source, format: .json, now: adminT0)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"root_id\"") && text.contains("\"interval_seconds\""), "\(text)")
        let target = try ReminderStore(path: directory.path("nag.sqlite"), now: adminT0)
        _ = try await ReminderTransfer.importArchive(json, into: target)
        var copied = try #require(try await target.activeReminders().first)
        copied.id = original.id
        copied.groupID = original.groupID
        #expect(copied == original)
        #expect(copied.thread?.quote == "Release notes?" && copied.nag?.zone == "Asia/Kolkata")
        #expect(copied.team?.map(\.username) == ["ana", "ben"])
    }

    @Test("importing the same file again, or into its source, skips every reminder as a duplicate")
    func idempotent() async throws {
        try await seed()
        let json = try await ReminderTransfer.export(from: source, format: .json, now: adminT0)
        let target = try ReminderStore(path: directory.path("target.sqlite"), now: adminT0)
        _ = try await ReminderTransfer.importArchive(json, into: target)
        let again = try await ReminderTransfer.importArchive(json, into: target)
        #expect(again == .init(inFile: 6, imported: 0, skippedDuplicates: 6))
        #expect(again.description == "6 reminders in the file: 0 imported, 6 skipped (already present)")
        #expect(try await target.countActive() == 6)
        let intoSource = try await ReminderTransfer.importArchive(json, into: source)
        #expect(intoSource.imported == 0 && intoSource.skippedDuplicates == 6)
    }

    @Test("a file that is not an export, a newer version or a bad entry imports nothing")
    func refusals() async throws {
        let target = try ReminderStore(path: directory.path("target.sqlite"), now: adminT0)
        await #expect(throws: ArchiveError.self) { try await ReminderTransfer.importArchive(Data("{}".utf8), into: target) }
        let newer = #"{"format":"remindd-reminders","version":99,"exported_at":"2026-03-01T12:00:00.000Z","reminders":[]}"#
        await #expect(throws: ArchiveError.unsupportedVersion(99)) {
            try await ReminderTransfer.importArchive(Data(newer.utf8), into: target)
        }
        try await seed()
        let json = try await ReminderTransfer.export(from: source, format: .json, now: adminT0)
        let broken = try #require(String(data: json, encoding: .utf8)).replacingOccurrences(of: "\"Asia/Kolkata\"", with: "\"Mars/Olympus\"")
        await #expect(throws: ArchiveError.self) { try await ReminderTransfer.importArchive(Data(broken.utf8), into: target) }
        #expect(try await target.countActive() == 0)
    }

    @Test("an imported rule is checked like a typed one: 500 repeated BY… values are refused, repeats dropped")
    func hostileRules() async throws {
        try await seed()
        let json = try #require(String(data: try await ReminderTransfer.export(from: source, format: .json, now: adminT0), encoding: .utf8))
        let many = (0..<500).map { String($0 % 24) }.joined(separator: ",")
        let huge = "FREQ=DAILY;BYHOUR=\(many);BYMINUTE=\((0..<500).map { String($0 % 60) }.joined(separator: ","));BYSECOND=\((0..<500).map { String($0 % 60) }.joined(separator: ","))"
        let hostile = json.replacingOccurrences(of: "FREQ=DAILY;INTERVAL=2;BYHOUR=18;BYMINUTE=0", with: huge)
        #expect(hostile != json)
        let target = try ReminderStore(path: directory.path("hostile.sqlite"), now: adminT0)
        await #expect(throws: ArchiveError.self) { try await ReminderTransfer.importArchive(Data(hostile.utf8), into: target) }
        #expect(try await target.countActive() == 0)

        let repeated = json.replacingOccurrences(
            of: "FREQ=DAILY;INTERVAL=2;BYHOUR=18;BYMINUTE=0", with: "FREQ=DAILY;INTERVAL=2;BYHOUR=18,18,18;BYMINUTE=0,0")
        let cleanTarget = try ReminderStore(path: directory.path("repeated.sqlite"), now: adminT0)
        _ = try await ReminderTransfer.importArchive(Data(repeated.utf8), into: cleanTarget)
        let rules = try await cleanTarget.reminders(forUser: "u-ana", limit: 50).reminders.compactMap(\.rrule)
        #expect(rules.contains("FREQ=DAILY;INTERVAL=2;BYHOUR=18;BYMINUTE=0"), "\(rules)")
        #expect(throws: RecurrenceRuleError.self) { try RecurrenceRule(rrule: huge) }
    }

    @Test("the JSON carries a format version and readable times with milliseconds")
    func jsonShape() async throws {
        _ = try await source.create([adminReminder("tea", fireAt: adminT0.addingTimeInterval(0.123))], at: adminT0)
        let json = try await ReminderTransfer.export(from: source, format: .json, now: adminT0)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["format"] as? String == "remindd-reminders")
        #expect(object["version"] as? Int == 1)
        let reminder = try #require((object["reminders"] as? [[String: Any]])?.first)
        #expect(reminder["next_fire_at"] as? String == "2026-03-01T12:00:00.123Z")
        #expect((reminder["target"] as? [String: Any])?["kind"] as? String == "user")
        for key in ["creator_id", "team_id", "message", "phrase", "time_zone", "fired_count", "snooze_count", "state", "created_at", "updated_at"] {
            #expect(reminder[key] != nil, "\(key)")
        }
    }
}
