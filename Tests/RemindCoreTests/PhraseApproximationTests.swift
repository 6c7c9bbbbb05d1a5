import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 8: approximations and fractions of a duration — `in about two hours`, `in around 20
/// minutes`, `in roughly 10 min`, `in quarter of an hour`, `in three quarters of an hour`, `in a half hour`,
/// `in an hour or so`. The hedge is dropped: the time is the duration from now. Hand-derived instants.
@Suite("Phrase families: approximations and fractions")
struct PhraseApproximationTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X in about two hours", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("me in around 20 minutes to X", "X", "2026-11-23T10:20:00-05:00"),
        ny.row("me to X in roughly 10 min", "X", "2026-11-23T10:10:00-05:00"),
        ny.row("me to X in approximately 45 minutes", "X", "2026-11-23T10:45:00-05:00"),
        ny.row("me to X in approx 5 mins", "X", "2026-11-23T10:05:00-05:00"),
        ny.row("me to X in quarter of an hour", "X", "2026-11-23T10:15:00-05:00"),
        ny.row("me to X in a quarter of an hour", "X", "2026-11-23T10:15:00-05:00"),
        ny.row("me to X in a quarter hour", "X", "2026-11-23T10:15:00-05:00"),
        ny.row("me to X in three quarters of an hour", "X", "2026-11-23T10:45:00-05:00"),
        ny.row("me to X in 3 quarters of an hour", "X", "2026-11-23T10:45:00-05:00"),
        ny.row("me to X in a half hour", "X", "2026-11-23T10:30:00-05:00"),
        ny.row("me to X in half an hour", "X", "2026-11-23T10:30:00-05:00"),
        ny.row("me to X in 3/4 of an hour", "X", "2026-11-23T10:45:00-05:00"),
        ny.row("me to X in about 1/2 hour", "X", "2026-11-23T10:30:00-05:00"),
        ny.row("me to X in an hour and a quarter", "X", "2026-11-23T11:15:00-05:00"),
        ny.row("me to X in an hour or so", "X", "2026-11-23T11:00:00-05:00"),
        ny.row("me to X about 2 hours from now", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("@ana to X around 20 minutes from now", "X", "2026-11-23T10:20:00-05:00"),
        ny.row("me to X in 1 1/2 hours", "X", "2026-11-23T11:30:00-05:00"),
        ny.row("me to X in one and a half hours", "X", "2026-11-23T11:30:00-05:00"),
        ny.row("me to X in a day and a half", "X", "2026-11-24T22:00:00-05:00"),
        ny.row("me to X in about a week", "X", "2026-11-30T10:00:00-05:00"),
        ny.row("me to X in half a day", "X", "2026-11-23T22:00:00-05:00"),
        ny.row("~dev in roughly an hour to X", "X", "2026-11-23T11:00:00-05:00"),
        ny.row("me to X in about an hour and a half", "X", "2026-11-23T11:30:00-05:00"),
        ny.row("me to X in a couple of hours", "X", "2026-11-23T12:00:00-05:00"),
        berlin.row("me to X in about 3 hours", "X", "2027-06-12T11:00:00+02:00"),
        // `around` before a clock time is still a time.
        ny.row("me to X around 5pm", "X", "2026-11-23T17:00:00-05:00"),
    ]

    @Test("approximations and fractions", arguments: rows) func approximations(_ row: ContextRow) { row.check() }
}
