import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 3: European and 24-hour shorthand — `16h`, `9h45`, `11.40`, `tomorrow 19`, `friday 8`,
/// `at 20 mar` (a date), `0815`, three digits as H:MM (`745 tomorrow`, `415 p.m.`). Each expected instant is
/// worked out by hand in the row's zone.
@Suite("Phrase families: European and 24-hour shorthand")
struct PhraseShorthandTests {
    /// Monday 2026-11-23 10:00 in New York (EST, -05:00); DST starts 2027-03-14.
    static let ny = PhraseContext.newYorkMonday
    static let ny24 = PhraseContext(now: PhraseFixtures.monday, zone: PhraseFixtures.newYork, clock24: true)
    /// Saturday 2027-06-12 08:00 in Berlin (CEST, +02:00).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")
    /// Sunday 2027-10-31 09:15 in London, hours after summer time ended (GMT).
    static let london = PhraseContext(now: "2027-10-31T09:15:00+00:00", zone: "Europe/London")

    static let rows: [ContextRow] = [
        ny.row("me to X at 16h", "X", "2026-11-23T16:00:00-05:00"),
        ny.row("me to X 16h", "X", "2026-11-23T16:00:00-05:00"),
        ny.row("me to X tomorrow 16h", "X", "2026-11-24T16:00:00-05:00"),
        // 09:45 has passed today: the next one is tomorrow's.
        ny.row("me 9h45 to X", "X", "2026-11-24T09:45:00-05:00"),
        ny.row("@ana to X at 18h05", "X", "2026-11-23T18:05:00-05:00"),
        ny.row("me to X on friday at 9h", "X", "2026-11-27T09:00:00-05:00"),
        london.row("me to X 20h", "X", "2027-10-31T20:00:00+00:00"),
        ny.row("me to X every day at 7h30", "X", "2026-11-24T07:30:00-05:00", "FREQ=DAILY;BYHOUR=7;BYMINUTE=30"),
        // A duration after `in` stays a duration; `1h30` is an hour and a half.
        ny.row("me to X in 16h", "X", "2026-11-24T02:00:00-05:00"),
        ny.row("me to X in 1h30", "X", "2026-11-23T11:30:00-05:00"),
        // The European decimal comma.
        berlin.row("me to X in 1,5 hours", "X", "2027-06-12T09:30:00+02:00"),
        berlin.row("me to X in 2,25 hours", "X", "2027-06-12T10:15:00+02:00"),
        berlin.row("me to call the bank 11.40 tomorrow", "call the bank", "2027-06-13T11:40:00+02:00"),
        berlin.row("me to X tomorrow 11.40", "X", "2027-06-13T11:40:00+02:00"),
        ny.row("me to X tomorrow 9.30", "X", "2026-11-24T09:30:00-05:00"),
        berlin.row("me to X 11.40", "X", "2027-06-12T11:40:00+02:00"),
        berlin.row("me 17.45 to X", "X", "2027-06-12T17:45:00+02:00"),
        ny.row("me to X tomorrow 19", "X", "2026-11-24T19:00:00-05:00"),
        ny.row("me to X friday 8", "X", "2026-11-27T08:00:00-05:00"),
        ny.row("me to X friday 5", "X", "2026-11-27T17:00:00-05:00"),
        ny24.row("me to X friday 5", "X", "2026-11-27T05:00:00-05:00"),
        berlin.row("me mon 9 to X", "X", "2027-06-14T09:00:00+02:00"),
        // `sat` and `sun` need context: a time right after them is enough.
        ny.row("me to X sat 10", "X", "2026-11-28T10:00:00-05:00"),
        ny.row("~dev to X tuesday 12", "X", "2026-11-24T12:00:00-05:00"),
        // `at` before a day and a month is a date, not 20:00 (New York is on EDT again by March 20).
        ny.row("me to X at 20 mar", "X", "2027-03-20T09:00:00-04:00"),
        ny.row("me at 3 may to X", "X", "2027-05-03T09:00:00-04:00"),
        ny.row("me to X at 20 mar at 4pm", "X", "2027-03-20T16:00:00-04:00"),
        ny.row("me to X 0815", "X", "2026-11-24T08:15:00-05:00"),
        ny.row("me to X at 0815 on friday", "X", "2026-11-27T08:15:00-05:00"),
        ny.row("me to X 745 tomorrow", "X", "2026-11-24T07:45:00-05:00"),
        ny.row("me 745 tomorrow to X", "X", "2026-11-24T07:45:00-05:00"),
        ny.row("me to X 415 p.m.", "X", "2026-11-23T16:15:00-05:00"),
        ny.row("me to X at 415pm", "X", "2026-11-23T16:15:00-05:00"),
        ny.row("~dev to deploy 1730 friday", "deploy", "2026-11-27T17:30:00-05:00"),
        // Message numbers stay in the message: minutes that are not round, two digits before a day.
        ny.row("me to call 911 tomorrow", "call 911", "2026-11-24T09:00:00-05:00"),
        ny.row("me to book room 405 tomorrow", "book room 405", "2026-11-24T09:00:00-05:00"),
        ny.row("me to review PR 200 friday", "review PR 200", "2026-11-27T09:00:00-05:00"),
        ny.row("me to order 1000 tomorrow", "order 1000", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X 1700 friday", "X", "2026-11-27T17:00:00-05:00"),
        ny.row("me to read chapter 11 tomorrow", "read chapter 11", "2026-11-24T09:00:00-05:00"),
    ]

    @Test("European and 24-hour shorthand", arguments: rows) func shorthand(_ row: ContextRow) { row.check() }
}
