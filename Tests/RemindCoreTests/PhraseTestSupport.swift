import Foundation
import Testing
@testable import RemindCore

/// Parses phrases for the grammar tests and renders results as text that reads well in failures.
enum PhraseFixtures {
    /// The outcome of a phrase: message, first instant (ISO 8601 in the reminder's zone) and RRULE,
    /// or the refusal.
    struct Outcome: Equatable, CustomStringConvertible {
        var message = ""
        var first = ""
        var rrule: String?
        var refusal: Refusal?
        var description: String {
            refusal.map { "refused: \($0)" } ?? "\(message) @ \(first) \(rrule ?? "once")"
        }
    }

    static let newYork = "America/New_York"
    /// Monday 2026-11-23 10:00 in New York, the corpus's usual "now".
    static let monday = "2026-11-23T10:00:00-05:00"

    static func parse(_ text: String, now: String = monday, zone: String = newYork, clock24: Bool = false) -> Result<ParsedReminder, Refusal> {
        guard let timeZone = TimeZone(identifier: zone), let instant = ISOTimestamp.parse(now, zone: timeZone) else {
            preconditionFailure("bad fixture \(now) \(zone)")
        }
        return PhraseParser.parse(text, now: instant, timeZone: timeZone, clock24: clock24)
    }

    static func outcome(_ text: String, now: String = monday, zone: String = newYork, clock24: Bool = false) -> Outcome {
        switch parse(text, now: now, zone: zone, clock24: clock24) {
        case .failure(let refusal):
            return Outcome(refusal: refusal)
        case .success(let reminder):
            var rrule: String?
            if case .recurring(let recurrence) = reminder.schedule { rrule = recurrence.rule.rrule }
            return Outcome(message: reminder.message, first: ParseReport.iso8601(reminder.first, in: reminder.timeZone), rrule: rrule)
        }
    }
}

/// A "now", zone and clock setting for table rows that do not use the usual Monday in New York.
struct PhraseContext: Sendable {
    var now: String
    var zone: String
    var clock24 = false

    static let newYorkMonday = PhraseContext(now: PhraseFixtures.monday, zone: PhraseFixtures.newYork)

    /// A row expecting a reminder: message, first instant (with its offset) and RRULE (nil: one-off).
    func row(_ text: String, _ message: String, _ first: String, _ rrule: String? = nil) -> ContextRow {
        ContextRow(text: text, context: self, expected: PhraseFixtures.Outcome(message: message, first: first, rrule: rrule))
    }

    /// A row expecting a refusal.
    func refused(_ text: String, _ refusal: Refusal) -> ContextRow {
        ContextRow(text: text, context: self, expected: PhraseFixtures.Outcome(refusal: refusal))
    }
}

/// One hand-derived expectation for a phrase in a given context.
struct ContextRow: Sendable, CustomStringConvertible {
    var text: String
    var context: PhraseContext
    var expected: PhraseFixtures.Outcome

    var description: String { "\(text) [\(context.now) \(context.zone)\(context.clock24 ? " 24h" : "")]" }

    /// Parses the row's phrase in its context and compares the outcome with the expectation.
    func check() {
        let got = PhraseFixtures.outcome(text, now: context.now, zone: context.zone, clock24: context.clock24)
        #expect(got == expected, "\(self)")
        if let refusal = expected.refusal {
            #expect(refusal.message.contains("`/remind"), "the refusal shows an example that works")
        }
    }
}
