import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 15: zones after a time — abbreviations (`PT`, `ET`, `CET`, `CEST`, `BST`), a city
/// (`9am London time`, `at 9 in Berlin`, `in San Francisco`), a region (`Pacific time`, `eastern`); `IST`
/// names several zones and is refused with a way to say it. The reminder keeps the named zone; an hour
/// without am/pm in a named zone is read literally. Hand-derived instants.
@Suite("Phrase families: time zones")
struct PhraseZoneTests {
    /// Monday 2026-11-23 10:00 in New York (EST): 07:00 in Los Angeles, 15:00 in London, 16:00 in Berlin,
    /// 20:30 in India, Tuesday 00:00 in Tokyo and 02:00 in Sydney.
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST): Friday 23:00 in Los Angeles, 02:00 in New York.
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X at 3pm PT", "X", "2026-11-23T15:00:00-08:00"),
        ny.row("me to X at 3pm ET", "X", "2026-11-23T15:00:00-05:00"),
        ny.row("me to X at 3pm CET", "X", "2026-11-24T15:00:00+01:00"),
        ny.row("me to X at 3pm CEST", "X", "2026-11-24T15:00:00+01:00"),
        // 15:00 in London is now, not ahead.
        ny.row("me to X at 3pm BST", "X", "2026-11-24T15:00:00+00:00"),
        ny.row("me to X at 9am London time", "X", "2026-11-24T09:00:00+00:00"),
        ny.row("me to X at 6pm UK time", "X", "2026-11-23T18:00:00+00:00"),
        ny.row("me to X at 9 in Berlin", "X", "2026-11-24T09:00:00+01:00"),
        ny.row("me to X tomorrow at 9 Berlin time", "X", "2026-11-24T09:00:00+01:00"),
        ny.row("me to X at 5pm New York time", "X", "2026-11-23T17:00:00-05:00"),
        ny.row("me to X at 8am Tokyo time", "X", "2026-11-24T08:00:00+09:00"),
        ny.row("me to X at 7pm in Tokyo", "X", "2026-11-24T19:00:00+09:00"),
        ny.row("me to X at 9 in Sydney", "X", "2026-11-24T09:00:00+11:00"),
        ny.row("me to X at 10am in San Francisco", "X", "2026-11-23T10:00:00-08:00"),
        ny.row("me to X at 9am in Mumbai", "X", "2026-11-24T09:00:00+05:30"),
        ny.row("me to X at noon Pacific time", "X", "2026-11-23T12:00:00-08:00"),
        ny.row("me to X at 4pm eastern", "X", "2026-11-23T16:00:00-05:00"),
        ny.row("~dev to X at 2pm central time", "X", "2026-11-23T14:00:00-06:00"),
        ny.row("@ana to X at 9am Europe/Berlin", "X", "2026-11-24T09:00:00+01:00"),
        ny.row("me to X every monday at 9am London time", "X", "2026-11-30T09:00:00+00:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        berlin.row("me to X at 3pm PT", "X", "2027-06-12T15:00:00-07:00"),
        berlin.row("me to X at 9am ET", "X", "2027-06-12T09:00:00-04:00"),
        berlin.row("me to X at 10 CEST", "X", "2027-06-12T10:00:00+02:00"),
        // A city that does not follow a time stays in the message.
        ny.row("me to meet in London tomorrow", "meet in London", "2026-11-24T09:00:00-05:00"),
        ny.refused("me to X at 3pm IST", .ambiguousZone("ist")),
    ]

    @Test("time zones", arguments: rows) func zones(_ row: ContextRow) { row.check() }
}
