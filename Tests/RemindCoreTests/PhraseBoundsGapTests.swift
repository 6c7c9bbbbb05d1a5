import Foundation
import Testing
@testable import RemindCore

/// Series ends at a clock time (`until 3pm`), starts at a month or a year (`starting january`, `from 2030`),
/// prepositions left before the *when* (`set alarm for 7:30 tomorrow`), and weekday lists without `every`.
/// Expectations worked out by hand from the rules in HelpText / GRAMMAR.md.
@Suite("Phrase bounds and edges")
struct PhraseBoundsGapTests {
    static let ny = PhraseContext.newYorkMonday
    /// Wednesday 16:45 in Los Angeles, four days before daylight saving starts (Sunday 2027-03-14).
    static let la = PhraseContext(now: "2027-03-10T16:45:00-08:00", zone: "America/Los_Angeles")
    /// Saturday 08:00 in Berlin, with the 24-hour clock setting.
    static let berlin24 = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin", clock24: true)
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")
    /// Thursday 23:30 in Tokyo, half an hour before the new year.
    static let tokyo = PhraseContext(now: "2026-12-31T23:30:00+09:00", zone: "Asia/Tokyo")

    static let untilTime: [ContextRow] = [
        ny.row("me to drink water every hour until 3pm", "drink water", "2026-11-23T11:00:00-05:00", "FREQ=HOURLY;UNTIL=20261123T200000Z"),
        ny.row("me to X every 30 minutes until 5:30pm", "X", "2026-11-23T10:30:00-05:00", "FREQ=MINUTELY;INTERVAL=30;UNTIL=20261123T223000Z"),
        ny.row("me to X every day until friday", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20261128T045959Z"),
        // A repeat without a time of its own takes the until's time ("a time anywhere in the phrase applies").
        ny.row("me to X every day until friday at 5pm", "X", "2026-11-23T17:00:00-05:00", "FREQ=DAILY;BYHOUR=17;BYMINUTE=0;UNTIL=20261128T045959Z"),
        ny.row("me to X every monday until june 1 at 3pm", "X", "2026-11-23T15:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=15;BYMINUTE=0;UNTIL=20270602T035959Z"),
        ny.row("me to X every day at 9am until friday at 5pm", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20261127T220000Z"),
        ny.row("me to X every day at 9am until 5pm on friday", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20261127T220000Z"),
        ny.row("me to X every 2 hours until 5", "X", "2026-11-23T12:00:00-05:00", "FREQ=HOURLY;INTERVAL=2;UNTIL=20261123T220000Z"),
        ny.row("me to X every hour from 9am until 5pm", "X", "2026-11-24T09:00:00-05:00", "FREQ=HOURLY;UNTIL=20261124T220000Z"),
        berlin24.row("me to X every 15 minutes until 9", "X", "2027-06-12T08:15:00+02:00", "FREQ=MINUTELY;INTERVAL=15;UNTIL=20270612T070000Z"),
        // 3pm today has passed by the first occurrence (17:45): the next 3pm.
        la.row("me to X every hour until 3pm", "X", "2027-03-10T17:45:00-08:00", "FREQ=HOURLY;UNTIL=20270311T230000Z"),
        la.row("me to X every day at 9am until march 16 at 9am", "X", "2027-03-11T09:00:00-08:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20270316T160000Z"),
        tokyo.row("me to X every hour until 3am", "X", "2027-01-01T00:30:00+09:00", "FREQ=HOURLY;UNTIL=20261231T180000Z"),
        ny.refused("me to X every day at 9am until 8am tomorrow", .endsBeforeStart),
        ny.refused("me to X until 3pm", .unreadableWhen("until 3pm")),
        ny.refused("me to X every day until friday at 5pm 3 times", .unreadableWhen("two ends for one repeat")),
    ]

    static let startMonthOrYear: [ContextRow] = [
        ny.row("me to X every day starting january", "X", "2027-01-01T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every day starting in march", "X", "2027-03-01T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every monday from 2027", "X", "2027-01-04T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every 15th starting january", "X", "2027-01-15T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0"),
        // November 1st has passed this year: next November's.
        ny.row("me to X every day starting november", "X", "2027-11-01T09:00:00-04:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every day starting december at 8am", "X", "2026-12-01T08:00:00-05:00", "FREQ=DAILY;BYHOUR=8;BYMINUTE=0"),
        berlin.row("me to X every year on feb 29 starting 2030", "X", "2032-02-29T09:00:00+01:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9;BYMINUTE=0"),
        berlin.row("me to X monthly starting january 2028", "X", "2028-01-01T09:00:00+01:00", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0"),
        tokyo.row("me to X every day starting january", "X", "2027-01-01T09:00:00+09:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ny.refused("me to X every day from 2025", .pastTime("the start of 2025")),
        ny.refused("me to X every day starting june 2026", .pastTime("June 2026")),
        ny.refused("me to X every day starting 2035", .tooFarAhead),
    ]

    static let danglingPreposition: [ContextRow] = [
        ny.row("set alarm for 7:30 tomorrow", "set alarm", "2026-11-24T07:30:00-05:00"),
        ny.row("me to book a table for tomorrow at 8", "book a table", "2026-11-24T08:00:00-05:00"),
        ny.row("me to submit the report by friday", "submit the report", "2026-11-27T09:00:00-05:00"),
        ny.row("me to call in sick every monday", "call in sick", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to look at the report in 1 hour", "look at the report", "2026-11-23T11:00:00-05:00"),
        ny.row("me to log in at 9am", "log in", "2026-11-24T09:00:00-05:00"),
        ny.row("me to sync on every monday at 10", "sync", "2026-11-30T10:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0"),
        ny.row("me to switch the heater on every morning", "switch the heater on", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to meet Ana at the cafe at 3pm", "meet Ana at the cafe", "2026-11-23T15:00:00-05:00"),
        la.row("me to prepare for tomorrow", "prepare", "2027-03-11T09:00:00-08:00"),
        la.row("me to pick up the kids at 17:30", "pick up the kids", "2027-03-10T17:30:00-08:00"),
        ny.row("me to stand by at 5pm", "stand by", "2026-11-23T17:00:00-05:00"),
        ny.row("me to wait for 5pm", "wait", "2026-11-23T17:00:00-05:00"),
    ]

    static let weekdayLists: [ContextRow] = [
        ny.refused("me to water the plants monday and thursday", .onceOrWeekly(["monday", "thursday"])),
        ny.refused("me to X on tue, thu", .onceOrWeekly(["tuesday", "thursday"])),
        ny.refused("me to X friday, monday and wednesday at 9am", .onceOrWeekly(["monday", "wednesday", "friday"])),
        ny.row("me to water the plants mondays and thursdays", "water the plants", "2026-11-26T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X monday and thursdays", "X", "2026-11-26T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every week on monday and thursday at 5pm", "X", "2026-11-23T17:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=17;BYMINUTE=0"),
        ny.row("me to X on monday", "X", "2026-11-30T09:00:00-05:00"),
    ]

    @Test("until a clock time", arguments: untilTime) func untilRows(_ row: ContextRow) { row.check() }
    @Test("starting a month or a year", arguments: startMonthOrYear) func startRows(_ row: ContextRow) { row.check() }
    @Test("a preposition left before the when", arguments: danglingPreposition) func prepositionRows(_ row: ContextRow) { row.check() }
    @Test("weekday lists without every", arguments: weekdayLists) func weekdayRows(_ row: ContextRow) { row.check() }

    @Test("the weekday refusal suggests the repeat, and the suggestion parses")
    func suggestionParses() {
        let refusal = Refusal.onceOrWeekly(["monday", "thursday"])
        #expect(refusal.message.contains("every monday and thursday"))
        let outcome = PhraseFixtures.outcome("me to water the plants every monday and thursday")
        #expect(outcome.rrule == "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0")
    }
}
