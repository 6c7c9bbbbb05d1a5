import Foundation
import Testing
@testable import RemindCore

/// A corpus file (one JSON case a line, the format of shared/corpus/README.md) bundled with the tests,
/// and the check of one case through `ParseReport.json` — the code path of `remindd parse --json`.
enum CorpusFile {
    struct Case: Sendable, CustomStringConvertible {
        var id: String
        var text: String
        var now: String
        var zone: String
        var clock24: Bool
        var expectJSON: String
        var description: String { id }
    }

    static func url(named name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: "jsonl")
    }

    /// The cases of the bundled `name.jsonl`; an unreadable file gives none (the suites check the count).
    static func cases(named name: String) -> [Case] {
        guard let url = url(named: name), let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String, let text = object["text"] as? String,
                  let now = object["now"] as? String, let zone = object["tz"] as? String,
                  let expect = object["expect"],
                  let expectData = try? JSONSerialization.data(withJSONObject: expect)
            else { return nil }
            return Case(id: id, text: text, now: now, zone: zone, clock24: object["clock24"] as? Bool ?? false,
                        expectJSON: String(decoding: expectData, as: UTF8.self))
        }
    }

    /// Parses the case and records one expectation failure listing every mismatch.
    static func check(_ testCase: Case) throws {
        let zone = try #require(TimeZone(identifier: testCase.zone))
        let now = try #require(ISOTimestamp.parse(testCase.now, zone: zone))
        let output = ParseReport.json(for: ReminderPhrase.read(testCase.text, now: now, timeZone: zone, clock24: testCase.clock24))
        let got = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let expect = try #require(try JSONSerialization.jsonObject(with: Data(testCase.expectJSON.utf8)) as? [String: Any])
        let mismatches = CorpusComparison.mismatches(expect: expect, got: got)
        #expect(mismatches.isEmpty, "\(testCase.id): \(testCase.text.prefix(100))\n  expected: \(testCase.expectJSON)\n  actual:   \(output)\n  \(mismatches.joined(separator: "; "))")
    }
}

/// The comparison rules of shared/corpus/README.md (the same as shared/tools/score_corpus.py).
enum CorpusComparison {
    static let zoneAliases = ["UTC": "UTC", "Etc/UTC": "UTC", "GMT": "UTC", "Etc/GMT": "UTC", "Z": "UTC", "Etc/Zulu": "UTC"]

    static func mismatches(expect: [String: Any], got: [String: Any]) -> [String] {
        if expect["error"] as? Bool == true {
            return got["error"] == nil ? ["expected a refusal"] : []
        }
        if let error = got["error"] { return ["refused: \(error)"] }
        var bad: [String] = []
        for key in ["target", "targets"] where expect[key] != nil {
            if !same(expect[key], got[key]) { bad.append("\(key) differs") }
        }
        if let message = expect["message"] as? String,
           (got["message"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) != message {
            bad.append("message differs")
        }
        if let zone = expect["timezone"] as? String {
            let gotZone = got["timezone"] as? String ?? ""
            if (zoneAliases[zone] ?? zone) != (zoneAliases[gotZone] ?? gotZone) { bad.append("timezone differs") }
        }
        if let first = expect["first"] as? String, instant(first) != (got["first"] as? String).flatMap(instant) {
            bad.append("first differs")
        }
        if expect.keys.contains("recurrence"), ruleParts(expect["recurrence"]) != ruleParts(got["recurrence"]) {
            bad.append("recurrence differs")
        }
        if let next = expect["next"] as? [String] {
            let gotNext = (got["next"] as? [String]) ?? []
            if next.map(instant) != gotNext.map(instant) { bad.append("next differs") }
        }
        return bad
    }

    /// The instant and the UTC offset written (`Z` = `+00:00`).
    struct Stamp: Equatable {
        var instant: Date
        var offset: String
    }

    static func instant(_ text: String) -> Stamp? {
        let normalized = text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
        guard let date = ISOTimestamp.parse(normalized, zone: TimeZone(secondsFromGMT: 0) ?? .current) else { return nil }
        return Stamp(instant: date, offset: String(normalized.suffix(6)))
    }

    static func ruleParts(_ value: Any?) -> Set<String>? {
        guard let text = value as? String else { return nil }
        var parts = Set(text.uppercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        parts.remove("INTERVAL=1")
        parts.remove("BYSECOND=0")
        parts.remove("")
        return parts
    }

    private static func same(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b,
              let left = try? JSONSerialization.data(withJSONObject: a, options: .sortedKeys),
              let right = try? JSONSerialization.data(withJSONObject: b, options: .sortedKeys)
        else { return a == nil && b == nil }
        return left == right
    }
}
