import Foundation
import Testing
@testable import RemindCore

/// Days left out of a repeat (`every weekday except friday`), ordinals before a unit as intervals
/// (`every 2nd day`, `every second week`, while `every second tuesday` stays monthly), `every fortnight`,
/// `bimonthly`, `semiannually`, `every half year`, counts per period (`twice a day`, refused) and unknown
/// words after `every` (refused, never left in the message). Expectations worked out by hand.
@Suite("Exceptions and ordinal intervals")
struct PhraseExceptIntervalTests {
    /// Monday 2026-11-23 10:00 in New York: today's 09:00 has passed, so daily repeats start Tuesday.
    static let ny = PhraseContext.newYorkMonday
    /// Saturday 2027-06-12 08:00 in Berlin (summer time): today's 09:00 is still ahead.
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")

    static let weekly = "FREQ=WEEKLY;BYDAY="
    static let nine = ";BYHOUR=9;BYMINUTE=0"

    static let exceptionRows: [ContextRow] = [
        ny.row("me to X every weekday except friday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH" + nine),
        ny.row("me to X every day except sunday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,FR,SA" + nine),
        ny.row("me to X every day except weekends", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,FR" + nine),
        ny.row("me every weekday except friday at 9am to stand up", "stand up", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH" + nine),
        // The exception may stand apart from the repeat; 5pm today is still ahead.
        ny.row("me to X every day at 5pm except saturday and sunday", "X", "2026-11-23T17:00:00-05:00", weekly + "MO,TU,WE,TH,FR;BYHOUR=17;BYMINUTE=0"),
        ny.row("me to X daily but not on sundays", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,FR,SA" + nine),
        ny.row("me to X every morning excluding the weekend", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,FR" + nine),
        ny.row("me to X every weekday but friday", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH" + nine),
        ny.row("me to X every day except for fridays", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH,SA,SU" + nine),
        // Monday 09:00 has passed: the first matching day is Friday, then every other week.
        ny.row("me to X every other week on mon, wed and fri except wed", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR" + nine),
        // Through the end of December 20 in New York (05:00 UTC the next day, minus a second).
        ny.row("me to X every weekday except friday until december 20", "X", "2026-11-24T09:00:00-05:00", weekly + "MO,TU,WE,TH" + nine + ";UNTIL=20261221T045959Z"),
        // Saturday 07:00 has passed and Sunday is left out: Monday 07:00.
        berlin.row("me to X every day except sunday at 7", "X", "2027-06-14T07:00:00+02:00", weekly + "MO,TU,WE,TH,FR,SA;BYHOUR=7;BYMINUTE=0"),
        berlin.row("me to X every weekday except friday", "X", "2027-06-14T09:00:00+02:00", weekly + "MO,TU,WE,TH" + nine),
        berlin.row("me to X every day except weekends", "X", "2027-06-14T09:00:00+02:00", weekly + "MO,TU,WE,TH,FR" + nine),

        ny.refused("me to X every day except holidays", .exceptionUnreadable("except holidays")),
        ny.refused("me to X every day except Holidays at 9am", .exceptionUnreadable("except Holidays")),
        ny.refused("me every day except holidays to water the plants", .exceptionUnreadable("except holidays")),
        ny.refused("me to X every weekday except", .exceptionUnreadable("except")),
        ny.refused("me to X every month except december", .exceptionUnreadable("except december")),
        ny.refused("me to X every day except when it rains", .exceptionUnreadable("except when it rains")),
        ny.refused("me to X every other day except sunday", .exceptionNeedsWeekdays),
        ny.refused("me to X every month except friday", .exceptionNeedsWeekdays),
        ny.refused("me to X weekly except monday", .exceptionNeedsWeekdays),
        ny.refused("me to X every hour except sunday", .exceptionNeedsWeekdays),
        ny.refused("me to X every weekend except saturday and sunday", .exceptionLeavesNothing),
    ]

    static let intervalRows: [ContextRow] = [
        ny.row("me to X every 2nd day", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;INTERVAL=2" + nine),
        ny.row("me to X every third day at 8pm", "X", "2026-11-23T20:00:00-05:00", "FREQ=DAILY;INTERVAL=3;BYHOUR=20;BYMINUTE=0"),
        // `weekly`-like: on the weekday of the first occurrence (Tuesday 09:00).
        ny.row("me to X every second week", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" + nine),
        ny.row("me to X every 2nd week on monday", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" + nine),
        // Today's date, the 23rd; today's 09:00 has passed.
        ny.row("me to X every third month", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=23" + nine),
        ny.row("me to X every 4th year", "X", "2027-11-23T09:00:00-05:00", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYMONTHDAY=23" + nine),
        ny.row("me to X every 2nd hour", "X", "2026-11-23T12:00:00-05:00", "FREQ=HOURLY;INTERVAL=2"),
        // Before a weekday an ordinal still names the nth weekday of the month (December 1 is a Tuesday).
        ny.row("me to X every second tuesday", "X", "2026-12-08T09:00:00-05:00", "FREQ=MONTHLY;BYDAY=2TU" + nine),
        ny.row("me to X every 2nd day of the month", "X", "2026-12-02T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=2" + nine),
        ny.row("me to X every fortnight", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" + nine),
        ny.row("me to X every fortnight on friday", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR" + nine),
        ny.row("me to X every half year", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=23" + nine),
        ny.row("me to X semi-annually", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=23" + nine),
        ny.row("me to X semiannually", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=23" + nine),
        ny.row("me to X biannually", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=23" + nine),
        ny.row("me to X bimonthly", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=23" + nine),
        ny.row("me to X every 1.5 years", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=18;BYMONTHDAY=23" + nine),
        // Saturday 09:00 is still ahead in Berlin: the series runs on Saturdays.
        berlin.row("me to X every 2nd week", "X", "2027-06-12T09:00:00+02:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA" + nine),
        berlin.row("me to X every second day", "X", "2027-06-12T09:00:00+02:00", "FREQ=DAILY;INTERVAL=2" + nine),

        ny.refused("me to X every second minute", .intervalTooShort),
        ny.refused("me to X twice a day", .timesPerPeriod("twice a day")),
        ny.refused("me to X twice daily", .timesPerPeriod("twice daily")),
        ny.refused("me twice a week to X", .timesPerPeriod("twice a week")),
        ny.refused("me to take the pills 3 times a day", .timesPerPeriod("3 times a day")),
        ny.refused("me to take 2 pills twice a day at 9am", .timesPerPeriod("twice a day")),
    ]

    /// Unknown words after `every` make the *when* unreadable; none of them stays in the message.
    static let unknownRows: [ContextRow] = [
        ny.refused("me to X every blue moon", .unreadableWhen("every blue moon")),
        ny.refused("me to X every now and then", .unreadableWhen("every now and then")),
        ny.refused("me to X every so often", .unreadableWhen("every so often")),
        ny.refused("me to water the plants every once in a while", .unreadableWhen("every once in a while")),
        ny.refused("me every blue moon to X", .unreadableWhen("every blue moon to X")),
    ]

    @Test("except / excluding / but not after a repeat", arguments: exceptionRows)
    func exception(_ row: ContextRow) { row.check() }

    @Test("ordinal intervals, fortnight, half year, bimonthly, counts per period", arguments: intervalRows)
    func interval(_ row: ContextRow) { row.check() }

    @Test("unknown words after every", arguments: unknownRows)
    func unknownAfterEvery(_ row: ContextRow) { row.check() }

    @Test("except without a repeat is not a when: the phrase is not read as a one-off Friday")
    func exceptWithoutRepeat() {
        let got = PhraseFixtures.outcome("me to call everyone except friday")
        #expect(got.refusal != nil, "\(got)")
    }
}
