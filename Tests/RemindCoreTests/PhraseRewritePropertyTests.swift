import Foundation
import Testing
@testable import RemindCore

/// Issue 10's property: rewriting the *when* of a corpus phrase (both corpora and the family tables) — upper case, doubled spaces, a full stop at
/// the end, abbreviations (`tomorrow` → `tmrw`, `friday` → `fri`), small numbers before a unit as words
/// (`2 hours` → `two hours`), and moving it from after the message to before it or back — keeps the
/// reading: the same recipients, message, first instant and rule.
@Suite("Phrase rewrites keep the reading")
struct PhraseRewritePropertyTests {
    struct Variant: Sendable, CustomStringConvertible {
        var source: CorpusFile.Case
        var rewrite: String
        var text: String
        var description: String { "\(source.id) \(rewrite): \(text)" }
    }

    static let abbreviations: [String: String] = [
        "tomorrow": "tmrw", "minutes": "mins", "minute": "min", "hours": "hrs", "hour": "hr", "monday": "mon",
        "tuesday": "tue", "thursday": "thu", "friday": "fri", "wednesday": "weds", "january": "jan",
        "february": "feb", "august": "aug", "september": "sept", "october": "oct", "november": "nov",
        "december": "dec", "weeks": "wks", "seconds": "secs",
    ]
    static let numberWords = ["1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
                              "8": "eight", "9": "nine", "10": "ten", "11": "eleven", "12": "twelve"]
    static let units: Set<String> = ["minutes", "minute", "mins", "min", "hours", "hour", "hrs", "days", "day", "weeks",
                                     "week", "months", "month", "years", "year"]

    /// The variants of every corpus phrase that reads as a reminder and splits cleanly into who, message
    /// and *when* around the message.
    static let variants: [Variant] = {
        var result: [Variant] = []
        for source in CorpusFile.cases(named: "phrases") + CorpusFile.cases(named: "phrases-extra") + familyCases {
            guard let parts = split(source) else { continue }
            func add(_ rewrite: String, _ pieces: [String]) {
                let text = pieces.filter { !$0.isEmpty }.joined(separator: " ")
                if text != source.text { result.append(Variant(source: source, rewrite: rewrite, text: text)) }
            }
            func same(_ rewrite: String, _ change: (String) -> String) {
                add(rewrite, [parts.who, change(parts.before), parts.lead, parts.message, change(parts.after)])
            }
            same("upper case") { $0.uppercased() }
            same("doubled spaces") { $0.replacingOccurrences(of: " ", with: "  ") }
            same("abbreviations") { words($0, abbreviate) }
            same("numbers as words") { words($0, spellNumber) }
            if !parts.after.isEmpty, parts.message.last?.isPunctuation == false {
                add("full stop", [parts.who, parts.before, parts.lead, parts.message, parts.after + "."])
            }
            if parts.before.isEmpty, !parts.after.isEmpty, !parts.message.hasSuffix("?") {
                add("when first", [parts.who, parts.after, "to", parts.message])
            }
            if parts.after.isEmpty, !parts.before.isEmpty {
                add("when last", [parts.who, "to", parts.message, parts.before])
            }
        }
        return result
    }()

    /// The rows of the issue 10 family tables that expect a reminder, as corpus cases.
    static let familyCases: [CorpusFile.Case] = {
        let tables = [PhraseShorthandTests.rows, PhraseDashDateTests.rows, PhraseRelativeChainTests.rows, PhraseApproximationTests.rows,
                      PhraseDayPartTests.rows, PhraseNthWeekdayTests.rows, PhraseDayOfMonthTests.rows, PhraseTypoTests.rows,
                      PhraseSpokenTimeTests.rows, PhraseZoneTests.rows, PhraseFrequencyTests.rows, PhraseWeekdayRangeTests.rows,
                      PhraseSeriesBoundTests.rows, PhraseHolidayTests.rows, PhraseSyntaxLookalikeTests.rows]
        return tables.flatMap { $0 }.enumerated().compactMap { index, row in
            guard row.expected.refusal == nil else { return nil }
            return CorpusFile.Case(id: "family-\(index)", text: row.text, now: row.context.now, zone: row.context.zone,
                                   clock24: row.context.clock24, expectJSON: "{}")
        }
    }()

    /// Who (the leading `me`/`@…`/`~…`), the *when* before the message, the message's `to` if written, the
    /// message as written and the *when* after it; nil for refusals, quoted messages and messages that are
    /// not found exactly once.
    static func split(_ source: CorpusFile.Case) -> (who: String, before: String, lead: String, message: String, after: String)? {
        guard !source.text.contains("\""), !source.text.contains("“"), case .success(let reading) = parse(source.text, source),
              let range = source.text.range(of: reading.message),
              source.text.range(of: reading.message, range: source.text.index(after: range.lowerBound)..<source.text.endIndex) == nil
        else { return nil }
        var head = source.text[..<range.lowerBound].split(separator: " ").map(String.init)
        var who: [String] = []
        while let first = head.first, first == "me" || first == "and" || (first.count > 1 && (first.hasPrefix("@") || first.hasPrefix("~"))) {
            who.append(head.removeFirst())
        }
        var lead = ""
        if head.last == "to" {
            head.removeLast()
            lead = "to"
        }
        guard !who.isEmpty, !head.contains(where: { $0 == "to" || $0 == "about" }) else { return nil }
        let after = source.text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return (who.joined(separator: " "), head.joined(separator: " "), lead, reading.message, after)
    }

    static func words(_ text: String, _ change: ([String], Int) -> String) -> String {
        let list = text.split(separator: " ").map(String.init)
        return list.indices.map { change(list, $0) }.joined(separator: " ")
    }

    static func abbreviate(_ list: [String], _ i: Int) -> String { abbreviations[list[i].lowercased()] ?? list[i] }

    static func spellNumber(_ list: [String], _ i: Int) -> String {
        guard i + 1 < list.count, units.contains(list[i + 1].lowercased()), let word = numberWords[list[i]] else { return list[i] }
        return word
    }

    static func parse(_ text: String, _ source: CorpusFile.Case) -> Result<ParsedReminder, Refusal> {
        guard let zone = TimeZone(identifier: source.zone), let now = ISOTimestamp.parse(source.now, zone: zone) else {
            return .failure(.nothingToParse)
        }
        return PhraseParser.parse(text, now: now, timeZone: zone, clock24: source.clock24)
    }

    @Test("there are rewrites of many corpus phrases")
    func enoughVariants() {
        #expect(Self.variants.count >= 3_000)
    }

    @Test("a rewrite keeps the reading", arguments: variants)
    func rewrite(_ variant: Variant) throws {
        let original = try Self.parse(variant.source.text, variant.source).get()
        let rewritten = Self.parse(variant.text, variant.source)
        guard case .success(let got) = rewritten else {
            Issue.record("\(variant): \(rewritten)")
            return
        }
        #expect(got.targets == original.targets, "\(variant)")
        #expect(got.message == original.message, "\(variant)")
        #expect(got.schedule == original.schedule, "\(variant)")
        #expect(got.timeZone == original.timeZone, "\(variant)")
    }
}
