import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 12: weekday and month names one edit away (`tuseday`, `thrusday`, `fridya`, `febuary`)
/// are read where a date is expected — after `on`/`every`/`next`/`by`/an ordinal, in a list of days, next
/// to a day number or before `at` — and left alone elsewhere (`call Fridya`, `the tuseday demo`).
@Suite("Phrase families: typos in day and month names")
struct PhraseTypoTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    static let weekly = "FREQ=WEEKLY;BYDAY="

    static let rows: [ContextRow] = [
        ny.row("me to X on tuseday", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X on Tuseday", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X tuseday at 5pm", "X", "2026-11-24T17:00:00-05:00"),
        ny.row("me on thursdya to X", "X", "2026-11-26T09:00:00-05:00"),
        ny.row("me to X on wednsday", "X", "2026-11-25T09:00:00-05:00"),
        ny.row("me to X next fridya", "X", "2026-11-27T09:00:00-05:00"),
        ny.row("~dev to X by fridya", "X", "2026-11-27T09:00:00-05:00"),
        ny.row("me to X every thrusday", "X", "2026-11-26T09:00:00-05:00", weekly + "TH;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every tusday", "X", "2026-11-24T09:00:00-05:00", weekly + "TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every wendesday at 10", "X", "2026-11-25T10:00:00-05:00", weekly + "WE;BYHOUR=10;BYMINUTE=0"),
        ny.row("me to X every satruday morning", "X", "2026-11-28T09:00:00-05:00", weekly + "SA;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every monday and thrusday", "X", "2026-11-26T09:00:00-05:00", weekly + "MO,TH;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X the first mondy of next month", "X", "2026-12-07T09:00:00-05:00"),
        ny.row("me to X on febuary 3", "X", "2027-02-03T09:00:00-05:00"),
        ny.row("me to X on 3 febuary", "X", "2027-02-03T09:00:00-05:00"),
        ny.row("me to X on the 3rd of febuary", "X", "2027-02-03T09:00:00-05:00"),
        ny.row("me to X feburary 14 at noon", "X", "2027-02-14T12:00:00-05:00"),
        ny.row("me to X sept 5", "X", "2027-09-05T09:00:00-04:00"),
        ny.row("me to X on decmber 24", "X", "2026-12-24T09:00:00-05:00"),
        ny.row("@ana to X on janury 5 at 3pm", "X", "2027-01-05T15:00:00-05:00"),
        ny.row("me to X every day until novembr 30", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20261201T045959Z"),
        // Not where a date is expected: names and words stay in the message.
        ny.row("me to call Fridya tomorrow", "call Fridya", "2026-11-24T09:00:00-05:00"),
        ny.row("me to plan the tuseday demo tomorrow", "plan the tuseday demo", "2026-11-24T09:00:00-05:00"),
        ny.row("me to light a match on friday", "light a match", "2026-11-27T09:00:00-05:00"),
    ]

    @Test("typos in day and month names", arguments: rows) func typos(_ row: ContextRow) { row.check() }
}
