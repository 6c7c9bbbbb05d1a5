import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 4: dash dates, month-day like the slash forms (`7-4-27`, `11-3-2027`, `10-31`,
/// `2-14 at noon`); ISO `2027-06-01` unchanged; ranges and phone numbers stay in the message. Each expected
/// instant is worked out by hand (New York is on EDT from 2027-03-14 to 2027-11-07).
@Suite("Phrase families: dash dates")
struct PhraseDashDateTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X on 7-4-27", "X", "2027-07-04T09:00:00-04:00"),
        ny.row("me to X 7-4-27 at 9pm", "X", "2027-07-04T21:00:00-04:00"),
        ny.row("me to X 11-3-2027", "X", "2027-11-03T09:00:00-04:00"),
        ny.row("me to X 10-31", "X", "2027-10-31T09:00:00-04:00"),
        ny.row("me to X 2-14 at noon", "X", "2027-02-14T12:00:00-05:00"),
        ny.row("me at noon on 2-14 to X", "X", "2027-02-14T12:00:00-05:00"),
        ny.row("me on 12-25 to X", "X", "2026-12-25T09:00:00-05:00"),
        ny.row("me to X 12-1 at 3pm", "X", "2026-12-01T15:00:00-05:00"),
        ny.row("@ana to X on 1-15-2027 at 10am", "X", "2027-01-15T10:00:00-05:00"),
        ny.row("me 3-1 to X", "X", "2027-03-01T09:00:00-05:00"),
        ny.row("me to X 11-30 at 17:00", "X", "2026-11-30T17:00:00-05:00"),
        ny.row("~dev to release 1-5 at 10", "release", "2027-01-05T10:00:00-05:00"),
        ny.row("me to X friday 11-27", "X", "2026-11-27T09:00:00-05:00"),
        ny.row("me to X 12-24-2026 6pm", "X", "2026-12-24T18:00:00-05:00"),
        ny.row("me to X 01-02", "X", "2027-01-02T09:00:00-05:00"),
        ny.row("me to X every 12-25", "X", "2026-12-25T09:00:00-05:00", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=9;BYMINUTE=0"),
        berlin.row("me to X 6-20", "X", "2027-06-20T09:00:00+02:00"),
        berlin.row("me to X on 6-12 at 18h", "X", "2027-06-12T18:00:00+02:00"),
        // ISO dates keep year-month-day.
        ny.row("me to X 2027-06-01", "X", "2027-06-01T09:00:00-04:00"),
        ny.row("me to X on 2027-02-03 at 8am", "X", "2027-02-03T08:00:00-05:00"),
        // Ranges and phone numbers are not dates.
        ny.row("me to do 10-40 pushups tomorrow", "do 10-40 pushups", "2026-11-24T09:00:00-05:00"),
        ny.row("me to call 555-1234 tomorrow", "call 555-1234", "2026-11-24T09:00:00-05:00"),
        ny.refused("me to X on 2-30", .noSuchDate("February 30")),
    ]

    @Test("dash dates", arguments: rows) func dashDates(_ row: ContextRow) { row.check() }
}
