import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 6: ranges of weekdays — `fridays through mondays`, `tue thru thu`, `monday to thursday`,
/// `every wed-fri`, `mon - fri`, `from monday to friday`: every day from the first to the last (wrapping
/// round the week), a weekly repeat. `until friday` stays the end of a series. Hand-derived instants.
@Suite("Phrase families: ranges of weekdays")
struct PhraseWeekdayRangeTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (CEST).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")
    static let weekly = "FREQ=WEEKLY;BYDAY="
    static let nine = ";BYHOUR=9;BYMINUTE=0"

    static let rows: [ContextRow] = [
        ny.row("me to X fridays through mondays", "X", "2026-11-27T09:00:00-05:00", weekly + "MO,FR,SA,SU" + nine),
        ny.row("me to X tue thru thu", "X", "2026-11-24T09:00:00-05:00", weekly + "TU,WE,TH" + nine),
        ny.row("me to X monday to thursday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH" + nine),
        ny.row("me monday to thursday at 5pm to X", "X", "2026-11-23T17:00:00-05:00", weekly + "MO,TU,WE,TH;BYHOUR=17;BYMINUTE=0"),
        ny.row("me to X every wed-fri", "X", "2026-11-25T09:00:00-05:00", weekly + "WE,TH,FR" + nine),
        ny.row("me to X every monday through friday at 9am", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,FR" + nine),
        ny.row("me to X mon - fri at 8", "X", "2026-11-24T08:00:00-05:00", weekly + "MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0"),
        ny.row("me to X from monday to friday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,FR" + nine),
        ny.row("me to X saturday through sunday at 10", "X", "2026-11-28T10:00:00-05:00", weekly + "SA,SU;BYHOUR=10;BYMINUTE=0"),
        ny.row("~dev to X thursdays to saturdays", "X", "2026-11-26T09:00:00-05:00", weekly + "TH,FR,SA" + nine),
        ny.row("me to X every tuesday thru thursday at 4pm", "X", "2026-11-24T16:00:00-05:00", weekly + "TU,WE,TH;BYHOUR=16;BYMINUTE=0"),
        ny.row("me to X fri-mon", "X", "2026-11-27T09:00:00-05:00", weekly + "MO,FR,SA,SU" + nine),
        ny.row("me to X monday–wednesday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE" + nine),
        ny.row("me to X sunday thru tuesday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,SU" + nine),
        ny.row("@ana to X every other monday to wednesday", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE" + nine),
        ny.row("me to X monday through friday except wednesday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,TH,FR" + nine),
        // A list without `every` still asks; a range cannot be one day.
        ny.refused("me to X on mon, wed and fri", .onceOrWeekly(["monday", "wednesday", "friday"])),
        berlin.row("me to X monday to friday at 7:30", "X", "2027-06-14T07:30:00+02:00", weekly + "MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=30"),
        berlin.row("me to X sat thru sun", "X", "2027-06-12T09:00:00+02:00", weekly + "SA,SU" + nine),
        // `until` is the end of the series: no Monday is left before Friday.
        ny.refused("me to X every monday until friday", .endsBeforeStart),
        // A weekday followed by `to` and no weekday keeps its meaning.
        ny.row("me on monday to finish the report", "finish the report", "2026-11-30T09:00:00-05:00"),
    ]

    @Test("ranges of weekdays", arguments: rows) func ranges(_ row: ContextRow) { row.check() }
}
