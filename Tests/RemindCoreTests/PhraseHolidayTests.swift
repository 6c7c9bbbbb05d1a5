import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 10: holidays in the user's zone — fixed (Christmas and its eve, New Year's Day and Eve,
/// Valentine's, Halloween, Independence Day, Boxing Day) and computed (Thanksgiving: 4th Thursday of
/// November; Easter, Good Friday, Easter Monday; US Mother's Day, 2nd Sunday of May, and Father's Day,
/// 3rd Sunday of June). Easter 2027 is March 28. A repeat on Easter is refused: RRULE cannot follow it.
@Suite("Phrase families: holidays")
struct PhraseHolidayTests {
    /// Monday 2026-11-23 10:00 in New York (EST; EDT from 2027-03-14 to 2027-11-07).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2026-12-26 10:00 in New York, the day after Christmas.
    static let nyBoxing = PhraseContext(now: "2026-12-26T10:00:00-05:00", zone: PhraseFixtures.newYork)
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X on christmas", "X", "2026-12-25T09:00:00-05:00"),
        ny.row("me to X on christmas day at 8am", "X", "2026-12-25T08:00:00-05:00"),
        ny.row("me to X xmas eve at 6pm", "X", "2026-12-24T18:00:00-05:00"),
        ny.row("~dev by christmas to X", "X", "2026-12-25T09:00:00-05:00"),
        nyBoxing.row("me to X on christmas", "X", "2027-12-25T09:00:00-05:00"),
        ny.row("me to X on boxing day", "X", "2026-12-26T09:00:00-05:00"),
        ny.row("me to X new year's eve", "X", "2026-12-31T09:00:00-05:00"),
        ny.row("me to X on new year's day", "X", "2027-01-01T09:00:00-05:00"),
        ny.row("me to X on New Years Day at noon", "X", "2027-01-01T12:00:00-05:00"),
        ny.row("me on valentine's day to X", "X", "2027-02-14T09:00:00-05:00"),
        ny.row("me to X on halloween", "X", "2027-10-31T09:00:00-04:00"),
        ny.row("me to X every year on halloween at 6pm", "X", "2027-10-31T18:00:00-04:00", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31;BYHOUR=18;BYMINUTE=0"),
        ny.row("me to X every christmas", "X", "2026-12-25T09:00:00-05:00", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=9;BYMINUTE=0"),
        ny.row("me to X on independence day", "X", "2027-07-04T09:00:00-04:00"),
        ny.row("me to X on thanksgiving", "X", "2026-11-26T09:00:00-05:00"),
        ny.row("me to X the day after thanksgiving", "X", "2026-11-27T09:00:00-05:00"),
        ny.row("@ana to X every thanksgiving at noon", "X", "2026-11-26T12:00:00-05:00", "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;BYHOUR=12;BYMINUTE=0"),
        ny.row("me to X 2 days after christmas", "X", "2026-12-27T09:00:00-05:00"),
        ny.row("me to X the day before christmas", "X", "2026-12-24T09:00:00-05:00"),
        ny.row("me to X on easter", "X", "2027-03-28T09:00:00-04:00"),
        ny.row("me to X on good friday", "X", "2027-03-26T09:00:00-04:00"),
        ny.row("me to X easter monday", "X", "2027-03-29T09:00:00-04:00"),
        ny.row("me to X on mother's day", "X", "2027-05-09T09:00:00-04:00"),
        ny.row("me to X on fathers day at 10am", "X", "2027-06-20T10:00:00-04:00"),
        berlin.row("me to X on christmas eve", "X", "2027-12-24T09:00:00+01:00"),
        berlin.row("me to X on father's day", "X", "2027-06-20T09:00:00+02:00"),
        // Inside the message a holiday is a word.
        ny.row("me to buy a christmas tree tomorrow", "buy a christmas tree", "2026-11-24T09:00:00-05:00"),
        ny.refused("me to X every easter", .movingHolidayRepeat("Easter")),
    ]

    @Test("holidays", arguments: rows) func holidays(_ row: ContextRow) { row.check() }
}
