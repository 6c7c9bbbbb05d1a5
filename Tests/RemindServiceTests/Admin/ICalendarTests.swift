import Foundation
import RemindCore
import RemindService
import RemindStore
import Testing

@Suite("remindd export --format ics")
struct ICalendarTests {
    let directory: AdminScratchDirectory
    let store: ReminderStore
    let message = "Ünïcødé, check; this \\ out\nnow — " + String(repeating: "🎉 party ", count: 12)
    let rrule = "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30"

    init() throws {
        directory = try AdminScratchDirectory()
        store = try ReminderStore(path: directory.path("remind.sqlite"), now: adminT0)
    }

    func seed() async throws {
        _ = try await store.create([adminReminder(message, target: "u-ana")], at: adminT0)
        let rule = try RecurrenceRule(rrule: rrule)
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let first = try #require(Recurrence.firstOccurrence(of: rule, after: adminT0, in: zone))
        _ = try await store.create([adminReminder("weekly sync", target: "u-ben", zone: "America/New_York", fireAt: first, rrule: rrule)], at: adminT0)
        _ = try await store.create([adminReminder("deploy", target: "c-ops", kind: .channel, zone: "Asia/Kolkata")], at: adminT0)
    }

    func export(user: String? = nil, at now: Date = adminT0) async throws -> String {
        let data = try await ReminderTransfer.export(from: store, format: .ics, userID: user, now: now)
        return try #require(String(data: data, encoding: .utf8))
    }

    /// The logical content lines (unfolded).
    func contentLines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("structure: CRLF, lines of at most 75 octets, balanced BEGIN/END, one VEVENT per reminder")
    func structure() async throws {
        try await seed()
        let text = try await export()
        #expect(text.hasSuffix("\r\n"))
        let physical = text.components(separatedBy: "\r\n").dropLast()
        #expect(physical.allSatisfy { !$0.contains("\n") && !$0.contains("\r") }, "CRLF only")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
        #expect(physical.contains { $0.hasPrefix(" ") }, "the long summary was folded")
        // Folding never splits a UTF-8 sequence: every physical line is valid on its own.
        #expect(physical.allSatisfy { String(validating: Array($0.utf8), as: UTF8.self) != nil })

        let lines = contentLines(text)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        var stack: [String] = []
        for line in lines {
            if line.hasPrefix("BEGIN:") { stack.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") {
                #expect(stack.popLast() == String(line.dropFirst(4)), "END:\(line.dropFirst(4)) matches its BEGIN")
            }
        }
        #expect(stack.isEmpty)
        #expect(lines.contains("VERSION:2.0") && lines.contains { $0.hasPrefix("PRODID:") })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        for zone in ["Europe/Berlin", "America/New_York", "Asia/Kolkata"] {
            #expect(lines.contains("TZID:\(zone)"), "VTIMEZONE for \(zone)")
        }
    }

    @Test("events: DTSTART with TZID, RRULE copied, SUMMARY escaped, UID stable, DTSTAMP in UTC")
    func events() async throws {
        try await seed()
        let lines = contentLines(try await export())
        let reminders = try await store.activeReminders()
        let weekly = try #require(reminders.first { $0.isRecurring })
        #expect(lines.contains("RRULE:\(rrule)"))
        #expect(lines.filter { $0.hasPrefix("RRULE:") }.count == 1)
        let start = try #require(weekly.recurrenceStart)
        #expect(lines.contains("DTSTART;TZID=America/New_York:\(ICalendarWriter.stamp(start, in: TimeZone(identifier: "America/New_York")!))"))
        #expect(lines.contains { $0.hasPrefix("DTSTART;TZID=America/New_York:") && $0.hasSuffix("T093000") })
        #expect(lines.contains("DTSTART;TZID=Asia/Kolkata:20260301T183000"), "a one-off due 13:00Z is 18:30 in Kolkata")
        let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
        #expect(lines.contains("SUMMARY:\(escaped)"))
        #expect(lines.filter { $0.hasPrefix("DTSTAMP:") }.allSatisfy { $0 == "DTSTAMP:20260301T120000Z" })

        let uids = lines.filter { $0.hasPrefix("UID:") }
        #expect(Set(uids).count == 3)
        let later = contentLines(try await export(at: adminT0.addingTimeInterval(86_400)))
        #expect(later.filter { $0.hasPrefix("UID:") } == uids, "UIDs do not change between exports")
        #expect(later.contains("DTSTAMP:20260302T120000Z"))
    }

    @Test("skipped times become one EXDATE in the event's zone; a thread's permalink is its URL; the name is X-WR-CALNAME")
    func exdateAndURL() async throws {
        try await seed()
        let reminders = try await store.activeReminders()
        let weekly = try #require(reminders.first { $0.isRecurring })
        let first = try #require(weekly.nextFireAt)
        var threaded = try #require(reminders.first { !$0.isRecurring })
        threaded.thread = ThreadLink(rootID: "r", url: "https://chat.example.com/acme/pl/r", quote: nil)
        let text = ICalendarWriter.calendar(
            for: [weekly, threaded], stampedAt: adminT0,
            skipped: [weekly.id: [first.addingTimeInterval(7 * 86_400), first]], name: "My reminders")
        let lines = contentLines(text)
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let stamps = [first, first.addingTimeInterval(7 * 86_400)].map { ICalendarWriter.stamp($0, in: zone) }
        #expect(lines.contains("EXDATE;TZID=America/New_York:\(stamps[0]),\(stamps[1])"), "sorted, in the zone: \(lines)")
        #expect(lines.filter { $0.hasPrefix("EXDATE") }.count == 1)
        #expect(lines.contains("URL:https://chat.example.com/acme/pl/r"))
        #expect(lines.contains("X-WR-CALNAME:My reminders"))
        #expect(!contentLines(try await export()).contains { $0.hasPrefix("EXDATE") || $0.hasPrefix("X-WR-CALNAME") },
                "the export is as before")
    }

    @Test("--user keeps only that user's reminders")
    func oneUser() async throws {
        try await seed()
        let lines = contentLines(try await export(user: "u-ben"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(lines.contains("SUMMARY:weekly sync"))
    }

    @Test("folding splits at 75 octets and unfolds back to the line")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "é", count: 100)
        let folded = ICalendarWriter.fold(line)
        let pieces = folded.components(separatedBy: "\r\n")
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendarWriter.fold("SHORT:x") == "SHORT:x")
    }
}
