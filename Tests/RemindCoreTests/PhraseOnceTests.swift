import Foundation
import Testing
@testable import RemindCore

/// One-off *when* forms, beyond the corpus: each row is phrase, now, zone, expected message and first instant.
@Suite("One-off phrases")
struct PhraseOnceTests {
    struct Row: Sendable, CustomStringConvertible {
        var text: String
        var now = PhraseFixtures.monday
        var zone = PhraseFixtures.newYork
        var clock24 = false
        var message: String
        var first: String
        var description: String { "\(text) @ \(now) \(zone)" }
    }

    static let relative: [Row] = [
        Row(text: "me to call mom in 2 hrs", message: "call mom", first: "2026-11-23T12:00:00-05:00"),
        Row(text: "me to X in 1 hour and 30 minutes", message: "X", first: "2026-11-23T11:30:00-05:00"),
        Row(text: "me to X in an hour and a half", message: "X", first: "2026-11-23T11:30:00-05:00"),
        Row(text: "me to X in twenty-five minutes", message: "X", first: "2026-11-23T10:25:00-05:00"),
        Row(text: "me to X in 90s", message: "X", first: "2026-11-23T10:01:30-05:00"),
        Row(text: "me to X in a week", message: "X", first: "2026-11-30T10:00:00-05:00"),
        Row(text: "me to X 3 days from now", message: "X", first: "2026-11-26T10:00:00-05:00"),
        Row(text: "me to X in 2 days at 5pm", message: "X", first: "2026-11-25T17:00:00-05:00"),
        Row(text: "me to X in a month", now: "2028-01-31T10:00:00-05:00", message: "X", first: "2028-02-29T10:00:00-05:00"),
        Row(text: "me to X in 5 years", message: "X", first: "2031-11-23T10:00:00-05:00"),
        Row(text: "me to X in 90 minutes", now: "2026-11-23T10:00:00+05:45", zone: "Asia/Kathmandu", message: "X", first: "2026-11-23T11:30:00+05:45"),
    ]

    static let clock: [Row] = [
        Row(text: "me to X at 3 in the afternoon", message: "X", first: "2026-11-23T15:00:00-05:00"),
        Row(text: "me to X at 5 p.m.", message: "X", first: "2026-11-23T17:00:00-05:00"),
        Row(text: "me to X quarter past 4", message: "X", first: "2026-11-23T16:15:00-05:00"),
        Row(text: "me to X at seven thirty", message: "X", first: "2026-11-23T19:30:00-05:00"),
        Row(text: "me to X at 12", message: "X", first: "2026-11-23T12:00:00-05:00"),
        Row(text: "me to X noon tomorrow", message: "X", first: "2026-11-24T12:00:00-05:00"),
        Row(text: "me to X tomorrow at midnight", message: "X", first: "2026-11-25T00:00:00-05:00"),
        Row(text: "me to X at 09:00", message: "X", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X at 7pm", clock24: true, message: "X", first: "2026-11-23T19:00:00-05:00"),
        Row(text: "me to X at 11", clock24: true, message: "X", first: "2026-11-23T11:00:00-05:00"),
        // The day-part word decides an hour without am/pm, before 8 a.m. too.
        Row(text: "me to X this morning at 8", now: "2026-11-23T06:00:00-05:00", message: "X", first: "2026-11-23T08:00:00-05:00"),
        Row(text: "me to X this evening at 7", now: "2026-11-23T06:00:00-05:00", message: "X", first: "2026-11-23T19:00:00-05:00"),
        // With the 24-hour setting a named day keeps the literal hour.
        Row(text: "me to X friday at 5", clock24: true, message: "X", first: "2026-11-27T05:00:00-05:00"),
        Row(text: "me to X at 6pm", now: "2026-11-23T10:00:00+05:45", zone: "Asia/Kathmandu", message: "X", first: "2026-11-23T18:00:00+05:45"),
        Row(text: "me to X at 5:30 UTC", message: "X", first: "2026-11-24T05:30:00+00:00"),
        Row(text: "me to X at 8am UTC+2", message: "X", first: "2026-11-24T08:00:00+02:00"),
        Row(text: "me to X at 9am Asia/Kolkata", message: "X", first: "2026-11-24T09:00:00+05:30"),
    ]

    static let days: [Row] = [
        Row(text: "me to X tuesday next week", message: "X", first: "2026-12-01T09:00:00-05:00"),
        Row(text: "me next week on sunday at 4pm to X", message: "X", first: "2026-12-06T16:00:00-05:00"),
        Row(text: "me to X monday of next week", now: "2026-11-29T10:00:00-05:00", message: "X", first: "2026-11-30T09:00:00-05:00"),
        Row(text: "me to X on Monday, November 30 at 3pm", message: "X", first: "2026-11-30T15:00:00-05:00"),
        Row(text: "me on monday the 30th to X", message: "X", first: "2026-11-30T09:00:00-05:00"),
        Row(text: "me to X on tue, 12/1", message: "X", first: "2026-12-01T09:00:00-05:00"),
        Row(text: "me to X tmrw", message: "X", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X tues", message: "X", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to X Thursday", message: "X", first: "2026-11-26T09:00:00-05:00"),
        Row(text: "me to X on sat", message: "X", first: "2026-11-28T09:00:00-05:00"),
        Row(text: "me to X next weekend", message: "X", first: "2026-11-28T09:00:00-05:00"),
        Row(text: "me to X friday night", message: "X", first: "2026-11-27T21:00:00-05:00"),
        Row(text: "me to X end of day", message: "X", first: "2026-11-23T17:00:00-05:00"),
        Row(text: "me to pay rent on the 1st", message: "pay rent", first: "2026-12-01T09:00:00-05:00"),
        Row(text: "me to X on the 31st", message: "X", first: "2026-12-31T09:00:00-05:00"),
        Row(text: "me to X on the 30th", now: "2027-02-10T10:00:00-05:00", message: "X", first: "2027-03-30T09:00:00-04:00"),
        Row(text: "me to X on the last day of the month", message: "X", first: "2026-11-30T09:00:00-05:00"),
        Row(text: "me to X on feb 29", message: "X", first: "2028-02-29T09:00:00-05:00"),
        Row(text: "me to X end of month", now: "2026-11-30T18:00:00-05:00", message: "X", first: "2026-12-31T17:00:00-05:00"),
        Row(text: "me to X jan 5", now: "2026-12-31T10:00:00-05:00", message: "X", first: "2027-01-05T09:00:00-05:00"),
        Row(text: "me to X 12/31", now: "2026-12-31T10:00:00-05:00", message: "X", first: "2027-12-31T09:00:00-05:00"),
        Row(text: "me to X next month", now: "2026-12-15T10:00:00-05:00", message: "X", first: "2027-01-01T09:00:00-05:00"),
        Row(text: "me to X June 1st, 2027 at 3pm", message: "X", first: "2027-06-01T15:00:00-04:00"),
    ]

    /// Daylight-saving days: gaps fire at the first valid instant after, repeated times at the first instance.
    static let transitions: [Row] = [
        Row(text: "me to X in 1 day", now: "2026-03-07T02:30:00-05:00", message: "X", first: "2026-03-08T03:00:00-04:00"),
        Row(text: "me to X tomorrow at 2:30am", now: "2026-03-07T10:00:00-05:00", message: "X", first: "2026-03-08T03:00:00-04:00"),
        Row(text: "me to X tomorrow at 1:30am", now: "2026-10-31T10:00:00-04:00", message: "X", first: "2026-11-01T01:30:00-04:00"),
        Row(text: "me to X tomorrow at 2:30am", now: "2026-03-28T10:00:00+01:00", zone: "Europe/Berlin", message: "X", first: "2026-03-29T03:00:00+02:00"),
        Row(text: "me to X in 24 hours", now: "2026-03-28T12:00:00+01:00", zone: "Europe/Berlin", message: "X", first: "2026-03-29T13:00:00+02:00"),
        Row(text: "me to X in 1 day", now: "2026-03-28T12:00:00+01:00", zone: "Europe/Berlin", message: "X", first: "2026-03-29T12:00:00+02:00"),
        Row(text: "me to X tomorrow at 2:15am", now: "2026-10-03T10:00:00+10:30", zone: "Australia/Lord_Howe", message: "X", first: "2026-10-04T02:30:00+11:00"),
        Row(text: "me to X tomorrow at 1:45am", now: "2026-04-04T10:00:00+11:00", zone: "Australia/Lord_Howe", message: "X", first: "2026-04-05T01:45:00+11:00"),
    ]

    static let messages: [Row] = [
        Row(text: "call mom, tomorrow at 5pm", message: "call mom", first: "2026-11-24T17:00:00-05:00"),
        Row(text: "me to take the 5pm train tomorrow", message: "take the 5pm train", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "me to read chapter 5 at 3pm", message: "read chapter 5", first: "2026-11-23T15:00:00-05:00"),
        Row(text: "me to go out in the sun on sunday", message: "go out in the sun", first: "2026-11-29T09:00:00-05:00"),
        Row(text: "me tomorrow to call the bank!", message: "call the bank", first: "2026-11-24T09:00:00-05:00"),
        Row(text: "@Sam.Lee, to X at 4pm", message: "X", first: "2026-11-23T16:00:00-05:00"),
    ]

    @Test("relative durations", arguments: relative) func relativeForms(_ row: Row) { check(row) }
    @Test("clock times and zones", arguments: clock) func clockForms(_ row: Row) { check(row) }
    @Test("days and dates", arguments: days) func dayForms(_ row: Row) { check(row) }
    @Test("daylight-saving transitions", arguments: transitions) func transitionDays(_ row: Row) { check(row) }
    @Test("message edges", arguments: messages) func messageEdges(_ row: Row) { check(row) }

    private func check(_ row: Row) {
        let got = PhraseFixtures.outcome(row.text, now: row.now, zone: row.zone, clock24: row.clock24)
        #expect(got == PhraseFixtures.Outcome(message: row.message, first: row.first), "\(row)")
    }

    @Test("several recipients are kept in order, a channel by its name")
    func targets() throws {
        let reminder = try PhraseFixtures.parse("@ana @ben and ~dev-ops to X at 4pm").get()
        #expect(reminder.targets == [.user("ana"), .user("ben"), .channel("dev-ops")])
        #expect(try PhraseFixtures.parse("call the bank in 2 hours").get().targets == [.me])
    }
}
