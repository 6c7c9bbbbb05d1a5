import Foundation
import Testing
@testable import RemindCore

/// The one reading of what follows `/remind`: the grammar and the trailing clauses, and `remindd parse`'s
/// JSON for both.
@Suite("Reminder phrase and its clauses")
struct ReminderPhraseTests {
    let zone = TimeZone(identifier: "America/New_York")!
    /// Thursday 2026-12-03 10:00 in New York.
    let now = Date(timeIntervalSince1970: 1_796_310_000)

    func json(_ text: String) throws -> [String: Any] {
        let report = ParseReport.json(for: ReminderPhrase.read(text, now: now, timeZone: zone))
        return try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
    }

    @Test("a nag clause is read off, not taken for a recurrence; the report says how it nags")
    func nag() throws {
        let phrase = try ReminderPhrase.read("me to take the pills at 9pm and nag every 30 minutes", now: now, timeZone: zone).get()
        #expect(phrase.reminder.message == "take the pills" && phrase.nag == NagRequest(interval: 1_800, allDay: false))
        #expect(!phrase.isTeam)
        let report = try json("me to take the pills at 9pm and nag every 30 minutes")
        #expect(report["recurrence"] is NSNull)
        #expect(report["message"] as? String == "take the pills")
        let nag = try #require(report["nag"] as? [String: Any])
        #expect(nag["every_seconds"] as? Int == 1_800 && nag["all_day"] as? Bool == false)
        #expect(report["team"] == nil)
        let allNight = try #require(try json("me to check the pager at 9pm and nag me every hour day and night")["nag"] as? [String: Any])
        #expect(allNight["every_seconds"] as? Int == 3_600 && allNight["all_day"] as? Bool == true)
    }

    @Test("a team clause, alone or with a nag clause in either order")
    func team() throws {
        let team = try json("@ana @ben to submit timesheets every friday at 4pm as a team")
        #expect(team["team"] as? Bool == true && team["nag"] == nil)
        #expect((team["recurrence"] as? String)?.hasPrefix("FREQ=WEEKLY;BYDAY=FR") == true)
        #expect((team["targets"] as? [[String: Any]])?.count == 2)
        let both = try json("@ana @ben to ship it at 5pm as a team and nag every hour")
        #expect(both["team"] as? Bool == true && (both["nag"] as? [String: Any])?["every_seconds"] as? Int == 3_600)
    }

    @Test("a phrase without the clauses reports exactly the contract's fields")
    func plainPhrase() throws {
        let report = try json("me to stretch in 10 minutes")
        #expect(Set(report.keys) == ["target", "targets", "message", "timezone", "first", "recurrence", "next"])
    }

    @Test("a nag interval out of range is refused with an example that works", arguments: [
        ("me to x in 1 hour and nag every 2 minutes", 120.0), ("me to x in 1 hour and nag every 13 hours", 46_800.0),
    ])
    func nagOutOfRange(_ text: String, _ interval: TimeInterval) throws {
        #expect(throws: Refusal.nagInterval(interval)) { try ReminderPhrase.read(text, now: now, timeZone: zone).get() }
        let error = try #require(try json(text)["error"] as? String)
        #expect(error.contains("`/remind "))
    }
}
