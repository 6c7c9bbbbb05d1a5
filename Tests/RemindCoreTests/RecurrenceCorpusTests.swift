import Foundation
import Testing
@testable import RemindCore

/// The recurring cases of shared/corpus/phrases.jsonl: from the expected RRULE, `now` and zone, the
/// engine must produce the expected `first` and `next` instants with their offsets.
@Suite("Recurrence engine on the phrase corpus")
struct RecurrenceCorpusTests {
    struct CorpusCase: Sendable, CustomStringConvertible {
        var id: String
        var now: String
        var zone: String
        var rrule: String
        var first: String
        var next: [String]
        var startsLater: Bool
        var description: String { "\(id) \(rrule)" }
    }

    static let cases: [CorpusCase] = {
        guard let url = Bundle.module.url(forResource: "phrases", withExtension: "jsonl"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> CorpusCase? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let expect = object["expect"] as? [String: Any],
                  let rrule = expect["recurrence"] as? String, let first = expect["first"] as? String,
                  let next = expect["next"] as? [String], let id = object["id"] as? String,
                  let now = object["now"] as? String, let zone = object["tz"] as? String,
                  let text = object["text"] as? String else { return nil }
            // "starting …" / "from …" move the first occurrence away from `now`: only `next` is checked.
            let startsLater = text.contains(" starting ") || text.contains(" from ")
            return CorpusCase(id: id, now: now, zone: zone, rrule: rrule, first: first, next: next,
                              startsLater: startsLater)
        }
    }()

    @Test("the corpus holds recurring cases, including the DST ones")
    func corpusIsLoaded() {
        let ids = Set(Self.cases.map(\.id))
        #expect(Self.cases.count >= 30)
        #expect(ids.isSuperset(of: ["rec-34", "rec-35", "rec-36", "rec-37"]))
    }

    @Test("first occurrence after now", arguments: cases.filter { !$0.startsLater })
    func firstOccurrence(_ corpusCase: CorpusCase) throws {
        let rule = try RecurrenceRule(rrule: corpusCase.rrule)
        let zone = RecurrenceFixtures.zone(corpusCase.zone)
        let first = Recurrence.firstOccurrence(of: rule, after: RecurrenceFixtures.instant(corpusCase.now), in: zone)
        #expect(first.map { RecurrenceFixtures.text($0, in: zone) } == corpusCase.first)
    }

    @Test("the series from the first occurrence", arguments: cases)
    func series(_ corpusCase: CorpusCase) throws {
        let recurrence = try RecurrenceFixtures.recurrence(corpusCase.rrule, start: corpusCase.first, zone: corpusCase.zone)
        let occurrences = [recurrence.start] + recurrence.occurrences(after: recurrence.start, limit: 4)
        let texts = occurrences.map { RecurrenceFixtures.text($0, in: recurrence.timeZone) }
        #expect(texts == corpusCase.next)
    }
}
