import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 7: relative chains — a duration counted from a day (`2 days after next fri`, `a week
/// from tomorrow`), `the day after …` nested, `the monday after next thu`, `the week/month/year after next`,
/// `after 3 days`, `now + 45 minutes`, `today in two hours`, `in 2 1/2 hours`. Hand-derived instants.
@Suite("Phrase families: relative chains")
struct PhraseRelativeChainTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Monday 2027-03-08 10:00 in New York, six days before daylight saving starts.
    static let nyMarch = PhraseContext(now: "2027-03-08T10:00:00-05:00", zone: PhraseFixtures.newYork)
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X the day after the day after tomorrow", "X", "2026-11-26T09:00:00-05:00"),
        ny.row("me the day after tomorrow to X", "X", "2026-11-25T09:00:00-05:00"),
        ny.row("me to X the day after friday", "X", "2026-11-28T09:00:00-05:00"),
        berlin.row("me to X the day after the day after tomorrow at 18h", "X", "2027-06-15T18:00:00+02:00"),
        // `from today` counts from now, like `from now`; days keep the wall-clock time across DST.
        ny.row("me to X three days from today", "X", "2026-11-26T10:00:00-05:00"),
        ny.row("me to X two weeks from today", "X", "2026-12-07T10:00:00-05:00"),
        nyMarch.row("me to X two weeks from today", "X", "2027-03-22T10:00:00-04:00"),
        ny.row("me to X 2 days after next fri", "X", "2026-11-29T09:00:00-05:00"),
        ny.row("~dev two days after next friday at 3pm to X", "X", "2026-11-29T15:00:00-05:00"),
        ny.row("me to X a week from tomorrow", "X", "2026-12-01T09:00:00-05:00"),
        ny.row("@ana to X a week from friday", "X", "2026-12-04T09:00:00-05:00"),
        berlin.row("me to X 2 weeks after next monday", "X", "2027-06-28T09:00:00+02:00"),
        ny.row("me to X the monday after next thu", "X", "2026-11-30T09:00:00-05:00"),
        ny.row("me to X the thursday after tomorrow", "X", "2026-11-26T09:00:00-05:00"),
        ny.row("me to X the week after next", "X", "2026-12-07T09:00:00-05:00"),
        // Next Tuesday is tomorrow; the one after it is a week later.
        ny.row("me to X the tuesday after next", "X", "2026-12-01T09:00:00-05:00"),
        ny.row("me to X the day before friday", "X", "2026-11-26T09:00:00-05:00"),
        ny.row("me to X 2 days before next friday", "X", "2026-11-25T09:00:00-05:00"),
        ny.row("me to X a fortnight from today", "X", "2026-12-07T10:00:00-05:00"),
        ny.row("me to X in a fortnight", "X", "2026-12-07T10:00:00-05:00"),
        ny.row("me to X the fortnight after next", "X", "2026-12-14T09:00:00-05:00"),
        ny.row("me to X the month after next", "X", "2027-01-01T09:00:00-05:00"),
        ny.row("me to X the year after next", "X", "2028-01-01T09:00:00-05:00"),
        ny.row("me to X next year", "X", "2027-01-01T09:00:00-05:00"),
        ny.row("me to X next wk", "X", "2026-11-30T09:00:00-05:00"),
        ny.row("me to X after 3 days", "X", "2026-11-26T10:00:00-05:00"),
        ny.row("me after 45 minutes to X", "X", "2026-11-23T10:45:00-05:00"),
        ny.row("me to X now + 45 minutes", "X", "2026-11-23T10:45:00-05:00"),
        ny.row("me to X now plus 2 hours", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("me to X today in two hours", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("me in two hours today to X", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("me to X in 2 1/2 hours", "X", "2026-11-23T12:30:00-05:00"),
        ny.row("me to X in 3.5 hours", "X", "2026-11-23T13:30:00-05:00"),
        ny.row("me to X in 1/2 hour", "X", "2026-11-23T10:30:00-05:00"),
        berlin.row("me to X in 2 and a half hours", "X", "2027-06-12T10:30:00+02:00"),
        // A message that ends in a duration without a day keeps it.
        ny.row("me to walk for 2 days after the surgery tomorrow", "walk for 2 days after the surgery", "2026-11-24T09:00:00-05:00"),
    ]

    @Test("relative chains", arguments: rows) func chains(_ row: ContextRow) { row.check() }
}
