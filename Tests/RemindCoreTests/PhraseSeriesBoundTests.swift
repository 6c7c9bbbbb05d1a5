import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 11: bounds of a series — `until october` (the end of that month), `until the end of
/// june`, `for the next six weeks` (counted from today, where `for 6 weeks` counts from the first
/// occurrence), `until three fridays from now`, `starting the 15th`, `starting in 2 weeks`. UNTIL is the
/// last second of the last day, in UTC (New York: 04:59:59Z in winter, 03:59:59Z in summer). Leaving one
/// date out (`except the last friday in june`) needs EXDATE, which the schedule has not: refused.
@Suite("Phrase families: bounds of a series")
struct PhraseSeriesBoundTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    static let daily = "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"
    static let mondays = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
    static let weekdays = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0"

    static let rows: [ContextRow] = [
        ny.row("me to X every monday until october", "X", "2026-11-30T09:00:00-05:00", mondays + ";UNTIL=20271101T035959Z"),
        ny.row("me to X every day until december", "X", "2026-11-24T09:00:00-05:00", daily + ";UNTIL=20270101T045959Z"),
        ny.row("me to X every weekday until october 2027", "X", "2026-11-24T09:00:00-05:00", weekdays + ";UNTIL=20271101T035959Z"),
        ny.row("me to X every day until the end of june", "X", "2026-11-24T09:00:00-05:00", daily + ";UNTIL=20270701T035959Z"),
        ny.row("me to X daily until the end of the month", "X", "2026-11-24T09:00:00-05:00", daily + ";UNTIL=20261201T045959Z"),
        ny.row("me to X every day until end of year", "X", "2026-11-24T09:00:00-05:00", daily + ";UNTIL=20270101T045959Z"),
        ny.row("me to X every 2 weeks until march", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=0;UNTIL=20270401T035959Z"),
        // `for the next …` counts from today; `for …` from the day of the first reminder (Tuesday).
        ny.row("me to X every weekday for the next six weeks", "X", "2026-11-24T09:00:00-05:00", weekdays + ";UNTIL=20270104T045959Z"),
        ny.row("me to X every weekday for 6 weeks", "X", "2026-11-24T09:00:00-05:00", weekdays + ";UNTIL=20270105T045959Z"),
        ny.row("me to X every monday for the next 3 months", "X", "2026-11-30T09:00:00-05:00", mondays + ";UNTIL=20270223T045959Z"),
        ny.row("me to X every day at 9am for the next 10 days", "X", "2026-11-24T09:00:00-05:00", daily + ";UNTIL=20261203T045959Z"),
        ny.row("me to X every day for 2 weeks", "X", "2026-11-24T09:00:00-05:00", daily + ";UNTIL=20261208T045959Z"),
        ny.row("me to X every friday until three fridays from now", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0;UNTIL=20261212T045959Z"),
        ny.row("@ana to X every tuesday until 2 tuesdays from now", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=0;UNTIL=20261202T045959Z"),
        ny.row("me to X every day starting the 15th", "X", "2026-12-15T09:00:00-05:00", daily),
        ny.row("me to X every day starting in 2 weeks", "X", "2026-12-07T09:00:00-05:00", daily),
        ny.row("~dev to X every monday starting next month", "X", "2026-12-07T09:00:00-05:00", mondays),
        ny.row("me to X every day 10 times starting tomorrow", "X", "2026-11-24T09:00:00-05:00", daily + ";COUNT=10"),
        ny.row("me to X every weekday from december 1 until december 18", "X", "2026-12-01T09:00:00-05:00", weekdays + ";UNTIL=20261219T045959Z"),
        ny.row("me to X every friday until next friday", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0;UNTIL=20261128T045959Z"),
        ny.refused("me to X every friday except the last friday in june", .exceptionUnreadable("except the last friday in june")),
    ]

    @Test("bounds of a series", arguments: rows) func bounds(_ row: ContextRow) { row.check() }
}
