import Foundation
import Testing
@testable import RemindCore

/// "Did you mean …?": a one-off whose hour had no am/pm carries the other reading, twelve hours away (the
/// next day when that is past); anything unambiguous carries none. Now is Monday 2026-11-23 10:00 in New York.
@Suite("Phrase grammar: the other reading of an hour without am/pm")
struct PhraseOtherReadingTests {
    static let rows: [(phrase: String, first: String, other: String?)] = [
        ("me to call mom at 4", "2026-11-23T16:00:00-05:00", "2026-11-24T04:00:00-05:00"),
        ("me to call mom at 11", "2026-11-23T11:00:00-05:00", "2026-11-23T23:00:00-05:00"),
        ("me to water the plants tomorrow at 8", "2026-11-24T08:00:00-05:00", "2026-11-24T20:00:00-05:00"),
        ("me to stand up friday at 5:30", "2026-11-27T17:30:00-05:00", "2026-11-27T05:30:00-05:00"),
        ("me to ship it at 12", "2026-11-23T12:00:00-05:00", "2026-11-24T00:00:00-05:00"),
        ("me to ship it on december 3 at 7", "2026-12-03T07:00:00-05:00", "2026-12-03T19:00:00-05:00"),
        ("me to call mom at 4pm", "2026-11-23T16:00:00-05:00", nil),
        ("me to call mom at 4 a.m.", "2026-11-24T04:00:00-05:00", nil),
        ("me to call mom at 16:00", "2026-11-23T16:00:00-05:00", nil),
        ("me to call mom tomorrow morning at 7", "2026-11-24T07:00:00-05:00", nil),
        ("me to call mom tonight at 9", "2026-11-23T21:00:00-05:00", nil),
        ("me to call mom in 2 hours", "2026-11-23T12:00:00-05:00", nil),
        ("me to call mom tomorrow", "2026-11-24T09:00:00-05:00", nil),
        ("me to call mom at noon", "2026-11-23T12:00:00-05:00", nil),
        ("me to call mom at midnight", "2026-11-24T00:00:00-05:00", nil),
    ]

    @Test("one-offs: the other reading, or none when the phrase was not ambiguous", arguments: rows)
    func oneOffs(_ row: (phrase: String, first: String, other: String?)) throws {
        let parsed = try PhraseFixtures.parse(row.phrase).get()
        #expect(ParseReport.iso8601(parsed.first, in: parsed.timeZone) == row.first, "\(row.phrase)")
        #expect(parsed.otherReading.map { ParseReport.iso8601($0, in: parsed.timeZone) } == row.other, "\(row.phrase)")
    }

    @Test("a repeat has no other reading (its hour follows the house convention, shown in its next times)")
    func repeats() throws {
        #expect(try PhraseFixtures.parse("me to stretch every day at 4").get().otherReading == nil)
    }

    @Test("with the 24-hour clock the literal hour is taken and the afternoon is the other reading")
    func clock24() throws {
        let parsed = try PhraseFixtures.parse("me to call mom tomorrow at 4", clock24: true).get()
        #expect(ParseReport.iso8601(parsed.first, in: parsed.timeZone) == "2026-11-24T04:00:00-05:00")
        #expect(parsed.otherReading.map { ParseReport.iso8601($0, in: parsed.timeZone) } == "2026-11-24T16:00:00-05:00")
    }
}
