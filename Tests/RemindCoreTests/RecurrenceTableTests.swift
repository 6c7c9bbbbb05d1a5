import Foundation
import Testing
@testable import RemindCore

/// Hand-checked series: each FREQ and BY* combination, month ends, leap days, COUNT/UNTIL and the
/// daylight-saving gaps and repeated hours of several zones.
@Suite("Recurrence engine tables")
struct RecurrenceTableTests {
    struct SeriesCase: Sendable, CustomStringConvertible {
        var name: String
        var rrule: String
        var zone: String
        var start: String
        var expected: [String]
        var description: String { "\(name): \(rrule) from \(start) in \(zone)" }
    }

    static let seriesCases: [SeriesCase] = [
        SeriesCase(name: "New York gap: 02:30 fires at 03:00 EDT", rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=30",
                   zone: "America/New_York", start: "2026-03-07T02:30:00-05:00",
                   expected: ["2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]),
        SeriesCase(name: "two times in one gap fire once", rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=0,30",
                   zone: "America/New_York", start: "2026-03-07T02:00:00-05:00",
                   expected: ["2026-03-07T02:00:00-05:00", "2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00",
                              "2026-03-09T02:00:00-04:00"]),
        SeriesCase(name: "New York overlap: first 01:30", rrule: "FREQ=DAILY;BYHOUR=1;BYMINUTE=30",
                   zone: "America/New_York", start: "2026-10-31T01:30:00-04:00",
                   expected: ["2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]),
        SeriesCase(name: "Berlin gap", rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=15", zone: "Europe/Berlin",
                   start: "2026-03-28T02:15:00+01:00",
                   expected: ["2026-03-28T02:15:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:15:00+02:00"]),
        SeriesCase(name: "Berlin overlap", rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=30", zone: "Europe/Berlin",
                   start: "2026-10-24T02:30:00+02:00",
                   expected: ["2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"]),
        SeriesCase(name: "Lord Howe 30-minute gap", rrule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=15",
                   zone: "Australia/Lord_Howe", start: "2026-10-03T02:15:00+10:30",
                   expected: ["2026-10-03T02:15:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"]),
        SeriesCase(name: "Lord Howe 30-minute overlap", rrule: "FREQ=DAILY;BYHOUR=1;BYMINUTE=45",
                   zone: "Australia/Lord_Howe", start: "2026-04-04T01:45:00+11:00",
                   expected: ["2026-04-04T01:45:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"]),
        SeriesCase(name: "Kathmandu +05:45", rrule: "FREQ=WEEKLY;BYDAY=SU;BYHOUR=9;BYMINUTE=0",
                   zone: "Asia/Kathmandu", start: "2026-06-07T09:00:00+05:45",
                   expected: ["2026-06-07T09:00:00+05:45", "2026-06-14T09:00:00+05:45", "2026-06-21T09:00:00+05:45"]),
        SeriesCase(name: "every other week on Monday and Friday", rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;BYHOUR=9;BYMINUTE=0",
                   zone: "America/New_York", start: "2026-11-23T09:00:00-05:00",
                   expected: ["2026-11-23T09:00:00-05:00", "2026-11-27T09:00:00-05:00", "2026-12-07T09:00:00-05:00",
                              "2026-12-11T09:00:00-05:00"]),
        SeriesCase(name: "weekly without BYDAY keeps start's weekday", rrule: "FREQ=WEEKLY;BYHOUR=9;BYMINUTE=0",
                   zone: "America/New_York", start: "2026-11-25T09:00:00-05:00",
                   expected: ["2026-11-25T09:00:00-05:00", "2026-12-02T09:00:00-05:00", "2026-12-09T09:00:00-05:00"]),
        SeriesCase(name: "every 3 days across a month end", rrule: "FREQ=DAILY;INTERVAL=3;BYHOUR=18;BYMINUTE=0",
                   zone: "UTC", start: "2027-01-29T18:00:00Z",
                   expected: ["2027-01-29T18:00:00+00:00", "2027-02-01T18:00:00+00:00", "2027-02-04T18:00:00+00:00"]),
        SeriesCase(name: "31st every other month skips short months", rrule: "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31;BYHOUR=9;BYMINUTE=0",
                   zone: "America/New_York", start: "2027-07-31T09:00:00-04:00",
                   expected: ["2027-07-31T09:00:00-04:00", "2028-01-31T09:00:00-05:00", "2028-03-31T09:00:00-04:00"]),
        SeriesCase(name: "last day of the month, leap February", rrule: "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=17;BYMINUTE=0",
                   zone: "Europe/Berlin", start: "2028-01-31T17:00:00+01:00",
                   expected: ["2028-01-31T17:00:00+01:00", "2028-02-29T17:00:00+01:00", "2028-03-31T17:00:00+02:00",
                              "2028-04-30T17:00:00+02:00"]),
        SeriesCase(name: "fifth Friday only in months that have one", rrule: "FREQ=MONTHLY;BYDAY=5FR;BYHOUR=9;BYMINUTE=0",
                   zone: "Europe/Berlin", start: "2026-01-30T09:00:00+01:00",
                   expected: ["2026-01-30T09:00:00+01:00", "2026-05-29T09:00:00+02:00", "2026-07-31T09:00:00+02:00"]),
        SeriesCase(name: "Friday the 13th (BYMONTHDAY and BYDAY intersect)", rrule: "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;BYHOUR=13;BYMINUTE=0",
                   zone: "UTC", start: "2026-02-13T13:00:00Z",
                   expected: ["2026-02-13T13:00:00+00:00", "2026-03-13T13:00:00+00:00", "2026-11-13T13:00:00+00:00"]),
        SeriesCase(name: "Feb 29 yearly skips 2100", rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9;BYMINUTE=0",
                   zone: "Europe/Berlin", start: "2096-02-29T09:00:00+01:00",
                   expected: ["2096-02-29T09:00:00+01:00", "2104-02-29T09:00:00+01:00", "2108-02-29T09:00:00+01:00"]),
        SeriesCase(name: "Thanksgiving: 4th Thursday of November", rrule: "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;BYHOUR=12;BYMINUTE=0",
                   zone: "America/New_York", start: "2026-11-26T12:00:00-05:00",
                   expected: ["2026-11-26T12:00:00-05:00", "2027-11-25T12:00:00-05:00", "2028-11-23T12:00:00-05:00"]),
        SeriesCase(name: "twice a year", rrule: "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1;BYHOUR=8;BYMINUTE=0",
                   zone: "Australia/Adelaide", start: "2027-01-01T08:00:00+10:30",
                   expected: ["2027-01-01T08:00:00+10:30", "2027-07-01T08:00:00+09:30", "2028-01-01T08:00:00+10:30"]),
        SeriesCase(name: "COUNT ends the series", rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;COUNT=2",
                   zone: "Asia/Kolkata", start: "2026-06-01T09:00:00+05:30",
                   expected: ["2026-06-01T09:00:00+05:30", "2026-06-02T09:00:00+05:30"]),
        SeriesCase(name: "UNTIL is inclusive", rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20260603T033000Z",
                   zone: "Asia/Kolkata", start: "2026-06-01T09:00:00+05:30",
                   expected: ["2026-06-01T09:00:00+05:30", "2026-06-02T09:00:00+05:30", "2026-06-03T09:00:00+05:30"]),
        SeriesCase(name: "hourly is elapsed time across spring-forward", rrule: "FREQ=HOURLY;INTERVAL=2",
                   zone: "America/New_York", start: "2026-03-08T00:30:00-05:00",
                   expected: ["2026-03-08T00:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-08T05:30:00-04:00"]),
        SeriesCase(name: "minutely with COUNT", rrule: "FREQ=MINUTELY;INTERVAL=45;COUNT=3",
                   zone: "Pacific/Chatham", start: "2026-06-01T23:30:00+12:45",
                   expected: ["2026-06-01T23:30:00+12:45", "2026-06-02T00:15:00+12:45", "2026-06-02T01:00:00+12:45"]),
        SeriesCase(name: "seconds are wall-clock too", rrule: "FREQ=DAILY;BYHOUR=23;BYMINUTE=59;BYSECOND=30",
                   zone: "America/St_Johns", start: "2026-11-01T23:59:30-03:30",
                   expected: ["2026-11-01T23:59:30-03:30", "2026-11-02T23:59:30-03:30"]),
    ]

    @Test("series", arguments: seriesCases)
    func series(_ seriesCase: SeriesCase) throws {
        let recurrence = try RecurrenceFixtures.recurrence(seriesCase.rrule, start: seriesCase.start, zone: seriesCase.zone)
        let series = RecurrenceFixtures.series(recurrence, count: seriesCase.expected.count + 1)
        // With COUNT or UNTIL the series must end after the listed occurrences; otherwise it goes on.
        let ends = seriesCase.rrule.contains("COUNT") || seriesCase.rrule.contains("UNTIL")
        #expect(series.count == seriesCase.expected.count + (ends ? 0 : 1))
        #expect(Array(series.prefix(seriesCase.expected.count)) == seriesCase.expected)
    }

    @Test("before the start the next occurrence is the start; after the end there is none")
    func bounds() throws {
        let recurrence = try RecurrenceFixtures.recurrence(
            "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;COUNT=3", start: "2026-06-01T09:00:00Z", zone: "UTC")
        #expect(recurrence.occurrence(after: RecurrenceFixtures.instant("2026-01-01T00:00:00Z")) == recurrence.start)
        #expect(recurrence.occurrence(after: RecurrenceFixtures.instant("2026-06-02T12:00:00Z"))
            == RecurrenceFixtures.instant("2026-06-03T09:00:00Z"))
        #expect(recurrence.occurrence(after: RecurrenceFixtures.instant("2026-06-03T09:00:00Z")) == nil)
        #expect(recurrence.occurrences(after: recurrence.start, limit: 10).count == 2)
    }

    @Test("a rule whose interval never meets its day ends instead of looping")
    func unreachableDay() throws {
        let recurrence = try RecurrenceFixtures.recurrence(
            "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;BYHOUR=9;BYMINUTE=0", start: "2026-04-30T09:00:00Z", zone: "UTC")
        #expect(recurrence.occurrence(after: recurrence.start) == nil)
    }

    @Test("first occurrence ignores the interval's phase and respects UNTIL")
    func firstOccurrence() throws {
        let zone = RecurrenceFixtures.zone("America/New_York")
        let now = RecurrenceFixtures.instant("2026-03-07T20:00:00-05:00")
        let gapRule = try RecurrenceRule(rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYHOUR=16;BYMINUTE=0")
        #expect(Recurrence.firstOccurrence(of: gapRule, after: now, in: zone).map { RecurrenceFixtures.text($0, in: zone) }
            == "2026-03-27T16:00:00-04:00")
        let ended = try RecurrenceRule(rrule: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20260308T120000Z")
        #expect(Recurrence.firstOccurrence(of: ended, after: now, in: zone) == nil)
        let minutely = try RecurrenceRule(rrule: "FREQ=MINUTELY;INTERVAL=30")
        #expect(Recurrence.firstOccurrence(of: minutely, after: now, in: zone) == now.addingTimeInterval(1800))
    }

    @Test("an invalid rule built in code has no occurrences")
    func invalidRuleHasNoOccurrences() {
        let rule = RecurrenceRule(frequency: .daily, byHour: [25])
        let recurrence = Recurrence(rule: rule, start: Date(timeIntervalSince1970: 0), timeZone: RecurrenceFixtures.zone("UTC"))
        #expect(recurrence.occurrence(after: Date(timeIntervalSince1970: 10)) == nil)
        #expect(Recurrence.firstOccurrence(of: rule, after: Date(timeIntervalSince1970: 0), in: recurrence.timeZone) == nil)
    }
}
