import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 14: times said in words — `ten fifteen p m`, `half past seven in the evening`, `a quarter
/// after 4`, `nine oh five`, `twenty to ten`, British `half seven`. Hand-derived instants; an hour without
/// am/pm follows the usual rules (the next one today, or 1–6 pm / 7–11 am on a named day).
@Suite("Phrase families: spoken times")
struct PhraseSpokenTimeTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let rows: [ContextRow] = [
        ny.row("me to X at ten fifteen p m", "X", "2026-11-23T22:15:00-05:00"),
        ny.row("me to X ten fifteen p m", "X", "2026-11-23T22:15:00-05:00"),
        ny.row("me to X at ten fifteen pm", "X", "2026-11-23T22:15:00-05:00"),
        ny.row("me to X at six a m", "X", "2026-11-24T06:00:00-05:00"),
        ny.row("me to X half past seven in the evening", "X", "2026-11-23T19:30:00-05:00"),
        ny.row("me to X a quarter after 4", "X", "2026-11-23T16:15:00-05:00"),
        ny.row("me to X quarter to nine tomorrow", "X", "2026-11-24T08:45:00-05:00"),
        ny.row("me to X at seven thirty am", "X", "2026-11-24T07:30:00-05:00"),
        ny.row("me to X at eleven forty-five", "X", "2026-11-23T11:45:00-05:00"),
        ny.row("me at three forty five pm to X", "X", "2026-11-23T15:45:00-05:00"),
        ny.row("me to X at nine oh five tomorrow", "X", "2026-11-24T09:05:00-05:00"),
        ny.row("me to X twenty past six pm", "X", "2026-11-23T18:20:00-05:00"),
        ny.row("me to X ten past 3 in the afternoon", "X", "2026-11-23T15:10:00-05:00"),
        ny.row("me to X at twenty to ten tomorrow", "X", "2026-11-24T09:40:00-05:00"),
        ny.row("me to X at 5 past 9 tonight", "X", "2026-11-23T21:05:00-05:00"),
        ny.row("me to X at five o'clock", "X", "2026-11-23T17:00:00-05:00"),
        ny.row("me to X at twelve thirty pm", "X", "2026-11-23T12:30:00-05:00"),
        ny.row("me to X at half past twelve", "X", "2026-11-23T12:30:00-05:00"),
        ny.row("me to X at quarter past midnight", "X", "2026-11-24T00:15:00-05:00"),
        ny.row("@ana to X at a quarter to noon", "X", "2026-11-23T11:45:00-05:00"),
        ny.row("me to X seven thirty tonight", "X", "2026-11-23T19:30:00-05:00"),
        ny.row("me to X eight fifteen tomorrow morning", "X", "2026-11-24T08:15:00-05:00"),
        ny.row("me to X at nine in the morning on friday", "X", "2026-11-27T09:00:00-05:00"),
        ny.row("~dev at one thirty in the afternoon to X", "X", "2026-11-23T13:30:00-05:00"),
        // British `half seven` is 7:30.
        ny.row("me to X at half seven", "X", "2026-11-23T19:30:00-05:00"),
        berlin.row("me to X at half nine tomorrow", "X", "2027-06-13T09:30:00+02:00"),
    ]

    @Test("spoken times", arguments: rows) func spoken(_ row: ContextRow) { row.check() }
}
