import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 9: a part of the day with an hour — `10 tonight`, `nine tonight`, `tonight at 3` (03:00
/// after midnight), `7 tomorrow morning`, `6 tomorrow evening`, `thu morning at 7:15`, `12 midnight`,
/// `Mar 3, 12 noon`, `by noon`, `eod`, `end of week`, `this weekend`. Hand-derived instants.
@Suite("Phrase families: day part with an hour")
struct PhraseDayPartTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Monday 2026-11-23 23:30 in New York.
    static let nyLate = PhraseContext(now: "2026-11-23T23:30:00-05:00", zone: PhraseFixtures.newYork)
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X 10 tonight", "X", "2026-11-23T22:00:00-05:00"),
        ny.row("me nine tonight to X", "X", "2026-11-23T21:00:00-05:00"),
        berlin.row("me to X 10 tonight", "X", "2027-06-12T22:00:00+02:00"),
        // Small hours with `tonight` are after midnight.
        ny.row("me to X tonight at 3", "X", "2026-11-24T03:00:00-05:00"),
        ny.row("me to X at 1 tonight", "X", "2026-11-24T01:00:00-05:00"),
        ny.row("me to X tonight at 12", "X", "2026-11-24T00:00:00-05:00"),
        ny.row("me tonight at 11 to X", "X", "2026-11-23T23:00:00-05:00"),
        nyLate.row("me to X tonight at 1", "X", "2026-11-24T01:00:00-05:00"),
        ny.row("@ana to X tomorrow night at 2", "X", "2026-11-25T02:00:00-05:00"),
        ny.row("me to X 11 tomorrow night", "X", "2026-11-24T23:00:00-05:00"),
        ny.row("me to X 7 tomorrow morning", "X", "2026-11-24T07:00:00-05:00"),
        ny.row("me to X seven tomorrow morning", "X", "2026-11-24T07:00:00-05:00"),
        ny.row("me to X 6 tomorrow evening", "X", "2026-11-24T18:00:00-05:00"),
        ny.row("me to X thu morning at 7:15", "X", "2026-11-26T07:15:00-05:00"),
        ny.row("me to X friday evening at 6", "X", "2026-11-27T18:00:00-05:00"),
        ny.row("me to X this afternoon at 2", "X", "2026-11-23T14:00:00-05:00"),
        ny.row("me to X 8 in the evening", "X", "2026-11-23T20:00:00-05:00"),
        ny.row("me to X 12 midnight", "X", "2026-11-24T00:00:00-05:00"),
        ny.row("me to X 12 noon", "X", "2026-11-23T12:00:00-05:00"),
        berlin.row("me to X 12 noon tomorrow", "X", "2027-06-13T12:00:00+02:00"),
        ny.row("me to X Mar 3, 12 noon", "X", "2027-03-03T12:00:00-05:00"),
        ny.row("me to X by noon", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("me to X end of day", "X", "2026-11-23T17:00:00-05:00"),
        ny.row("~dev to X by eod", "X", "2026-11-23T17:00:00-05:00"),
        ny.row("me to X by end of week", "X", "2026-11-27T17:00:00-05:00"),
        ny.row("me to X end of next week", "X", "2026-12-04T17:00:00-05:00"),
        ny.row("me to X by the end of next month", "X", "2026-12-31T17:00:00-05:00"),
        ny.row("me to X this weekend", "X", "2026-11-28T09:00:00-05:00"),
        ny.row("me to X on the weekend", "X", "2026-11-28T09:00:00-05:00"),
        ny.row("me to X over the weekend", "X", "2026-11-28T09:00:00-05:00"),
        berlin.row("me to X at the weekend at 10", "X", "2027-06-12T10:00:00+02:00"),
        // An hour that does not fit the part of the day stays in the message.
        ny.row("me to read chapter 5 tonight", "read chapter 5", "2026-11-23T21:00:00-05:00"),
        ny.row("me to read chapter 3 tomorrow morning", "read chapter 3", "2026-11-24T09:00:00-05:00"),
        // A number after a noun that counts things is that thing's.
        ny.row("me to read chapter 10 tonight", "read chapter 10", "2026-11-23T21:00:00-05:00"),
        ny.row("me to watch episode 9 tonight", "watch episode 9", "2026-11-23T21:00:00-05:00"),
        ny.row("me to clean room 7 tomorrow morning", "clean room 7", "2026-11-24T09:00:00-05:00"),
        ny.row("me to back up the db every night at 2", "back up the db", "2026-11-24T02:00:00-05:00", "FREQ=DAILY;BYHOUR=2;BYMINUTE=0"),
        ny.row("me to X nightly at 1", "X", "2026-11-24T01:00:00-05:00", "FREQ=DAILY;BYHOUR=1;BYMINUTE=0"),
        ny.row("me to X every night at 10", "X", "2026-11-23T22:00:00-05:00", "FREQ=DAILY;BYHOUR=22;BYMINUTE=0"),
    ]

    @Test("day part with an hour", arguments: rows) func dayParts(_ row: ContextRow) { row.check() }
}
