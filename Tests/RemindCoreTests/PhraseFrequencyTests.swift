import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 5: frequency words — `once a week on friday`, `once a year on march 3rd`, `every work
/// day`, `every other saturday and sunday`, `mondays 3 times`, `hourly 6x`, `repeat weekly, end repeat on
/// 1st of June`, `every 2 hours, 30 minutes`; a count per period (`twice a month`) is refused with an
/// example. Hand-derived; a repeat without a day starts at the next 09:00 (Tuesday here).
@Suite("Phrase families: frequency words")
struct PhraseFrequencyTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    static let weekdays = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;"

    static let rows: [ContextRow] = [
        ny.row("me to X once a week on friday", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0"),
        ny.row("me once a year on march 3rd to X", "X", "2027-03-03T09:00:00-05:00", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X once a day at 8pm", "X", "2026-11-23T20:00:00-05:00", "FREQ=DAILY;BYHOUR=20;BYMINUTE=0"),
        ny.row("me to X once a month on the 15th", "X", "2026-12-15T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X once daily", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X once every two weeks", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X once a fortnight", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        // A fortnight is a unit: `every other fortnight` is every four weeks.
        ny.row("me to X every other fortnight", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every 2 fortnights on friday", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=4;BYDAY=FR;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every work day at 9", "X", "2026-11-24T09:00:00-05:00", weekdays + "BYHOUR=9;BYMINUTE=0"),
        ny.row("~dev to X each work day at 4pm", "X", "2026-11-23T16:00:00-05:00", weekdays + "BYHOUR=16;BYMINUTE=0"),
        ny.row("me to X every other saturday and sunday", "X", "2026-11-28T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X mondays 3 times", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;COUNT=3"),
        ny.row("me to X every friday, 4 times", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0;COUNT=4"),
        ny.row("me to X hourly 6x", "X", "2026-11-23T11:00:00-05:00", "FREQ=HOURLY;COUNT=6"),
        ny.row("me to X every weekday 10x", "X", "2026-11-24T09:00:00-05:00", weekdays + "BYHOUR=9;BYMINUTE=0;COUNT=10"),
        ny.row("me to X daily 5 times", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;COUNT=5"),
        ny.row("me to X repeat daily at 7am", "X", "2026-11-24T07:00:00-05:00", "FREQ=DAILY;BYHOUR=7;BYMINUTE=0"),
        ny.row("@ana to X repeating every monday", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        // June 1, 2027 ends at 23:59:59 EDT, 03:59:59 UTC the next day.
        ny.row("me to X repeat weekly, end repeat on 1st of June", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=0;UNTIL=20270602T035959Z"),
        ny.row("me to X every day ending on june 1", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20270602T035959Z"),
        ny.row("me to X every 2 hours, 30 minutes", "X", "2026-11-23T12:30:00-05:00", "FREQ=MINUTELY;INTERVAL=150"),
        ny.row("me to X every 1 hour and 15 minutes", "X", "2026-11-23T11:15:00-05:00", "FREQ=MINUTELY;INTERVAL=75"),
        ny.refused("me to X twice a month", .timesPerPeriod("twice a month")),
        ny.refused("me to X three times a week", .timesPerPeriod("three times a week")),
    ]

    @Test("frequency words", arguments: rows) func frequencies(_ row: ContextRow) { row.check() }
}
