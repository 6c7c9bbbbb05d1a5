import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 2: days of the month — `the 9th of every third month`, `monthly on the 21st`, `20th of
/// next month`, `last day of the month after next`, `on the 12th`, a bare `on 12` / `on twelve`, `every 3/15
/// and 10/15`, `every may 5 and 25`, the first or last working day of a month (once; a repeat of it is
/// refused, as RRULE needs BYSETPOS for it). Hand-derived: November 2026 starts on a Sunday.
@Suite("Phrase families: day of the month")
struct PhraseDayOfMonthTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        // Repeats start at the next such day, then keep their step.
        ny.row("me to X the 9th of every third month", "X", "2026-12-09T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=9;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X on the 15th of every other month", "X", "2026-12-15T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X monthly on the 21st", "X", "2026-12-21T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=21;BYHOUR=9;BYMINUTE=0"),
        ny.row("~dev monthly on the 25th at 4pm to X", "X", "2026-11-25T16:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=16;BYMINUTE=0"),
        ny.row("me to X every month on the 1st and 15th", "X", "2026-12-01T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every 3/15 and 10/15", "X", "2027-03-15T09:00:00-04:00", "FREQ=YEARLY;BYMONTH=3,10;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X every may 5 and 25", "X", "2027-05-05T09:00:00-04:00", "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=5,25;BYHOUR=9;BYMINUTE=0"),
        berlin.row("me to X every june 1 and december 1 at 10:00", "X", "2027-12-01T10:00:00+01:00", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=1;BYHOUR=10;BYMINUTE=0"),
        // Once.
        ny.row("me to X 20th of next month", "X", "2026-12-20T09:00:00-05:00"),
        ny.row("@ana on the 20th of next month at 3pm to X", "X", "2026-12-20T15:00:00-05:00"),
        ny.row("me to X last day of the month after next", "X", "2027-01-31T09:00:00-05:00"),
        ny.row("me to X the 5th of the month after next", "X", "2027-01-05T09:00:00-05:00"),
        ny.row("me to X on the 12th", "X", "2026-12-12T09:00:00-05:00"),
        ny.row("me to X on 12", "X", "2026-12-12T09:00:00-05:00"),
        ny.row("me to X on twelve", "X", "2026-12-12T09:00:00-05:00"),
        ny.row("me on 30 to X", "X", "2026-11-30T09:00:00-05:00"),
        ny.row("me to X on the 30th at 5pm", "X", "2026-11-30T17:00:00-05:00"),
        // February has no 30th: the next month that has one.
        PhraseContext(now: "2027-02-10T10:00:00-05:00", zone: PhraseFixtures.newYork).row("me to X on 30", "X", "2027-03-30T09:00:00-04:00"),
        ny.row("me to X first weekday of next month", "X", "2026-12-01T09:00:00-05:00"),
        ny.row("me to X last working day of the month", "X", "2026-11-30T09:00:00-05:00"),
        ny.row("me to X on the last business day of next month", "X", "2026-12-31T09:00:00-05:00"),
        // May 2027 starts on a Saturday: its first weekday is Monday the 3rd.
        ny.row("me to X the first working day of may", "X", "2027-05-03T09:00:00-04:00"),
        berlin.row("me to X last weekday of the month at 4pm", "X", "2027-06-30T16:00:00+02:00"),
        ny.refused("me to X first weekday of every month", .workdayOfMonthRepeats),
        ny.refused("me to X every last working day of the month", .workdayOfMonthRepeats),
    ]

    @Test("day of the month", arguments: rows) func daysOfMonth(_ row: ContextRow) { row.check() }
}
