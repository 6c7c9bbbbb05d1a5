import Foundation
import Testing
@testable import RemindCore

/// RRULE text: canonical output, tolerant parsing, specific errors.
@Suite("RRULE text")
struct RecurrenceRuleTextTests {
    @Test("parts in any order and any case read the same rule, written back canonically")
    func canonicalOutput() throws {
        let rule = try RecurrenceRule(rrule: "byminute=0;BYHOUR=10;byday=mo,-1fr;Interval=2;freq=monthly;BYSECOND=0;WKST=MO;")
        #expect(rule.frequency == .monthly)
        #expect(rule.byDay == [WeekdayNum(.monday), WeekdayNum(.friday, ordinal: -1)])
        #expect(rule.rrule == "FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,-1FR;BYHOUR=10;BYMINUTE=0")
    }

    @Test("UNTIL as UTC date-time or as a date (end of that day)")
    func until() throws {
        let dateTime = try RecurrenceRule(rrule: "FREQ=DAILY;UNTIL=20261205T045959Z")
        #expect(dateTime.until == RecurrenceFixtures.instant("2026-12-05T04:59:59Z"))
        #expect(dateTime.rrule == "FREQ=DAILY;UNTIL=20261205T045959Z")
        let date = try RecurrenceRule(rrule: "FREQ=DAILY;UNTIL=20270301")
        #expect(date.until == RecurrenceFixtures.instant("2027-03-01T23:59:59Z"))
    }

    @Test("round trip of a full rule")
    func roundTrip() throws {
        let rule = RecurrenceRule(frequency: .yearly, interval: 3, byMonth: [2, 11], byMonthDay: [-1, 29],
                                  byHour: [7, 19], byMinute: [5], bySecond: [30], count: 4)
        #expect(try RecurrenceRule(rrule: rule.rrule) == rule)
    }

    static let errorCases: [(String, RecurrenceRuleError)] = [
        ("BYHOUR=9", .missingFrequency),
        ("FREQ=SECONDLY", .unsupportedFrequency("SECONDLY")),
        ("FREQ=DAILY;BYSETPOS=1", .unsupportedPart("BYSETPOS")),
        ("FREQ=DAILY;WKST=SU", .unsupportedPart("WKST=SU (weeks start on Monday)")),
        ("FREQ=DAILY;COLOR=RED", .unknownPart("COLOR")),
        ("FREQ=DAILY;FREQ=WEEKLY", .duplicatePart("FREQ")),
        ("FREQ=DAILY;BYHOUR", .malformedPart("BYHOUR")),
        ("FREQ=DAILY;INTERVAL=two", .invalidValue(part: "INTERVAL", value: "TWO")),
        ("FREQ=WEEKLY;BYDAY=XX", .invalidValue(part: "BYDAY", value: "XX")),
        ("FREQ=DAILY;UNTIL=20261305T000000Z", .invalidValue(part: "UNTIL", value: "20261305T000000Z")),
        ("FREQ=DAILY;UNTIL=20261205T000000", .invalidValue(part: "UNTIL", value: "20261205T000000")),
        ("FREQ=DAILY;INTERVAL=0", .valueOutOfRange(part: "INTERVAL", value: 0)),
        ("FREQ=DAILY;COUNT=0", .valueOutOfRange(part: "COUNT", value: 0)),
        ("FREQ=DAILY;BYHOUR=24", .valueOutOfRange(part: "BYHOUR", value: 24)),
        ("FREQ=DAILY;BYMINUTE=60", .valueOutOfRange(part: "BYMINUTE", value: 60)),
        ("FREQ=DAILY;BYSECOND=60", .valueOutOfRange(part: "BYSECOND", value: 60)),
        ("FREQ=MONTHLY;BYMONTHDAY=0", .valueOutOfRange(part: "BYMONTHDAY", value: 0)),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", .valueOutOfRange(part: "BYMONTHDAY", value: -32)),
        ("FREQ=YEARLY;BYMONTH=13", .valueOutOfRange(part: "BYMONTH", value: 13)),
        ("FREQ=MONTHLY;BYDAY=6MO", .valueOutOfRange(part: "BYDAY ordinal", value: 6)),
        ("FREQ=WEEKLY;BYDAY=1MO", .unsupportedCombination("BYDAY ordinals (1MO, -1FR) need FREQ=MONTHLY or YEARLY")),
        ("FREQ=WEEKLY;BYMONTHDAY=1", .unsupportedCombination("BYMONTHDAY cannot be used with FREQ=WEEKLY")),
        ("FREQ=HOURLY;BYHOUR=3", .unsupportedCombination("HOURLY rules take no BY… parts")),
        ("FREQ=YEARLY;BYDAY=20MO", .valueOutOfRange(part: "BYDAY ordinal", value: 20)),
        ("FREQ=YEARLY;BYDAY=1MO", .unsupportedCombination("yearly BYDAY ordinals need BYMONTH (nth weekday of a month)")),
        ("FREQ=DAILY;COUNT=3;UNTIL=20270101", .unsupportedCombination("COUNT and UNTIL cannot both be given")),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", .unsupportedCombination("BYMONTHDAY=30 never occurs in the months of BYMONTH")),
    ]

    @Test("clear errors", arguments: errorCases)
    func errors(_ text: String, _ expected: RecurrenceRuleError) {
        #expect(throws: expected) { try RecurrenceRule(rrule: text) }
    }

    @Test("errors read as sentences")
    func errorDescription() {
        #expect(RecurrenceRuleError.valueOutOfRange(part: "BYHOUR", value: 24).description == "BYHOUR=24 is out of range")
    }
}
