import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 1: the nth weekday of a month without `every` — repeating (`second and fourth tuesday
/// of each month`, `1st and 3rd sunday`, `the second friday of every other month`), once in a named month
/// (`3rd mon in sep`, `last friday of april 2027`) and yearly (`every year on the last monday in may`).
/// Hand-derived: November 2026 starts on a Sunday, December 2026 on a Tuesday.
@Suite("Phrase families: nth weekday of a month")
struct PhraseNthWeekdayTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")
    static let monthly = "FREQ=MONTHLY;BYDAY="

    static let rows: [ContextRow] = [
        ny.row("me to X second and fourth tuesday of each month", "X", "2026-11-24T09:00:00-05:00", monthly + "2TU,4TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X second & fourth tuesday of every month", "X", "2026-11-24T09:00:00-05:00", monthly + "2TU,4TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every second and fourth tuesday", "X", "2026-11-24T09:00:00-05:00", monthly + "2TU,4TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X on the third wednesday of every month at 10am", "X", "2026-12-16T10:00:00-05:00", monthly + "3WE;BYHOUR=10;BYMINUTE=0"),
        ny.row("me to X last thursday of every month", "X", "2026-11-26T09:00:00-05:00", monthly + "-1TH;BYHOUR=9;BYMINUTE=0"),
        ny.row("~dev last friday of each month at 4pm to X", "X", "2026-11-27T16:00:00-05:00", monthly + "-1FR;BYHOUR=16;BYMINUTE=0"),
        ny.row("me to X 1st and 3rd sunday", "X", "2026-12-06T09:00:00-05:00", monthly + "1SU,3SU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X the 1st and 3rd sunday of the month at 5pm", "X", "2026-12-06T17:00:00-05:00", monthly + "1SU,3SU;BYHOUR=17;BYMINUTE=0"),
        ny.row("me to X on the 2nd tuesday of each month at 9:30", "X", "2026-12-08T09:30:00-05:00", monthly + "2TU;BYHOUR=9;BYMINUTE=30"),
        // Like `every other friday`, the series starts at the next such day (December 11) and skips a month.
        ny.row("me to X the second friday of every other month", "X", "2026-12-11T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2FR;BYHOUR=9;BYMINUTE=0"),
        berlin.row("me to X the last sunday of every month", "X", "2027-06-27T09:00:00+02:00", monthly + "-1SU;BYHOUR=9;BYMINUTE=0"),
        // Once: this month's when still ahead, else the next month's.
        ny.row("me to X 3rd to last monday of the month", "X", "2026-12-14T09:00:00-05:00"),
        ny.row("me to X first friday of the month", "X", "2026-12-04T09:00:00-05:00"),
        ny.row("me to X penultimate friday of the month", "X", "2026-12-18T09:00:00-05:00"),
        ny.row("@ana to X the first monday of next month", "X", "2026-12-07T09:00:00-05:00"),
        // Once in a named month (New York is on EDT from March 14, 2027).
        ny.row("me to X 3rd mon in sep", "X", "2027-09-20T09:00:00-04:00"),
        ny.row("me to X second wednesday of june", "X", "2027-06-09T09:00:00-04:00"),
        ny.row("me to X last friday of april 2027", "X", "2027-04-30T09:00:00-04:00"),
        ny.row("me to X 1st tue in may at 11", "X", "2027-05-04T11:00:00-04:00"),
        ny.row("me to X fourth thursday in november", "X", "2026-11-26T09:00:00-05:00"),
        berlin.row("me to X the second friday of june at 3pm", "X", "2028-06-09T15:00:00+02:00"),
        // Yearly.
        ny.row("me to X every year on the last monday in may", "X", "2027-05-31T09:00:00-04:00", "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every year on the 4th thursday of november", "X", "2026-11-26T09:00:00-05:00", "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X yearly on the first sunday of june", "X", "2027-06-06T09:00:00-04:00", "FREQ=YEARLY;BYMONTH=6;BYDAY=1SU;BYHOUR=9;BYMINUTE=0"),
        // `last friday` alone is still the one that has passed.
        ny.refused("me to X last friday", .pastTime("Friday, November 20, 2026 at 9:00 AM")),
    ]

    @Test("nth weekday of a month", arguments: rows) func nthWeekdays(_ row: ContextRow) { row.check() }
}
