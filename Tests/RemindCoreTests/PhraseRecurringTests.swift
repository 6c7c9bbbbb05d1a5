import Foundation
import Testing
@testable import RemindCore

/// Recurring forms beyond the corpus: phrase → RRULE (parts in RFC 5545 order) and first occurrence.
@Suite("Recurring phrases")
struct PhraseRecurringTests {
    struct Row: Sendable, CustomStringConvertible {
        var text: String
        var now = PhraseFixtures.monday
        var zone = PhraseFixtures.newYork
        var clock24 = false
        var rrule: String
        var first: String
        var description: String { "\(text) @ \(now)" }
    }

    static let rows: [Row] = [
        Row(text: "me to X every Tuesday and Thursday", rrule: "FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=9;BYMINUTE=0", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X every weekday at 9", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X on weekdays at 9:30am", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30", first: "2026-11-24T09:30:00-05:00"),
        Row(text: "me to X mondays", rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", first: "2026-11-30T09:00:00-05:00"),
        Row(text: "me to X every day at 7", rrule: "FREQ=DAILY;BYHOUR=7;BYMINUTE=0", first: "2026-11-24T07:00:00-05:00"),
        Row(text: "me to X every day at 5", rrule: "FREQ=DAILY;BYHOUR=17;BYMINUTE=0", first: "2026-11-23T17:00:00-05:00"),
        Row(text: "me to X every day at 5", clock24: true, rrule: "FREQ=DAILY;BYHOUR=5;BYMINUTE=0", first: "2026-11-24T05:00:00-05:00"),
        Row(text: "me to X every 90 minutes", rrule: "FREQ=MINUTELY;INTERVAL=90", first: "2026-11-23T11:30:00-05:00"),
        Row(text: "me to X every 2 hours starting at 9am", rrule: "FREQ=HOURLY;INTERVAL=2", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X every 5 minutes", rrule: "FREQ=MINUTELY;INTERVAL=5", first: "2026-11-23T10:05:00-05:00"),
        Row(text: "me to X every last friday", now: "2026-11-28T10:00:00-05:00", rrule: "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=9;BYMINUTE=0", first: "2026-12-25T09:00:00-05:00"),
        Row(text: "me to X every other month on the 4th", rrule: "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=4;BYHOUR=9;BYMINUTE=0", first: "2026-12-04T09:00:00-05:00"),
        Row(text: "me to X every 1st and 15th", rrule: "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9;BYMINUTE=0", first: "2026-12-01T09:00:00-05:00"),
        Row(text: "me to X end of every month", rrule: "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0", first: "2026-11-30T09:00:00-05:00"),
        Row(text: "me to X monthly", rrule: "FREQ=MONTHLY;BYMONTHDAY=23;BYHOUR=9;BYMINUTE=0", first: "2026-12-23T09:00:00-05:00"),
        Row(text: "me to X annually", rrule: "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=23;BYHOUR=9;BYMINUTE=0", first: "2027-11-23T09:00:00-05:00"),
        Row(text: "me to X every 3 weeks", rrule: "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;BYHOUR=9;BYMINUTE=0", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X every day until next friday", rrule: "FREQ=DAILY;UNTIL=20261128T045959Z;BYHOUR=9;BYMINUTE=0", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X every 1st of january", rrule: "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0", first: "2027-01-01T09:00:00-05:00"),
        Row(text: "me every 4th of july at noon to X", rrule: "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;BYHOUR=12;BYMINUTE=0", first: "2027-07-04T12:00:00-04:00"),
        Row(text: "me to X every mon-fri at 8am", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0", first: "2026-11-24T08:00:00-05:00"),
        Row(text: "me to X every fri-sun", rrule: "FREQ=WEEKLY;BYDAY=FR,SA,SU;BYHOUR=9;BYMINUTE=0", first: "2026-11-27T09:00:00-05:00"),
        Row(text: "me to X every day at 2:15am", now: "2026-10-03T10:00:00+10:30", zone: "Australia/Lord_Howe", rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=15", first: "2026-10-04T02:30:00+11:00"),
    ]

    @Test("recurring forms", arguments: rows)
    func recurring(_ row: Row) {
        let got = PhraseFixtures.outcome(row.text, now: row.now, zone: row.zone, clock24: row.clock24)
        #expect(got.refusal == nil, "\(row): \(got)")
        #expect(got.first == row.first, "\(row): \(got)")
        #expect(got.rrule.map(parts) == parts(row.rrule), "\(row): \(got)")
    }

    private func parts(_ rrule: String) -> Set<Substring> { Set(rrule.split(separator: ";")) }

    @Test("COUNT ends the series: next lists only that many")
    func countLimitsOccurrences() throws {
        let reminder = try PhraseFixtures.parse("me to stretch every day at 3pm for 3 times").get()
        #expect(reminder.occurrences(limit: 5).count == 3)
    }
}
