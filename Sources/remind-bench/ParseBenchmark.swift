import Foundation
import RemindCore

/// `remind-bench parse [corpus.jsonl] [rounds]`: phrases per second on one core through
/// `PhraseParser.parse` over the phrase corpus, many rounds (the figure: parsing only), then the
/// same with the `remindd parse --json` report (first five occurrences, ISO 8601) for comparison.
/// A small `rounds` suits `valgrind --tool=callgrind`, where instruction counts replace wall-clock time.
enum ParseBenchmark {
    struct Input {
        var text: String
        var now: Date
        var zone: TimeZone
        var clock24: Bool
    }

    static func run(_ arguments: [String]) {
        let path = arguments.first ?? "../shared/corpus/phrases.jsonl"
        guard let inputs = load(path) else { return }
        // Warm up the zone tables and keyword tables.
        var accepted = 0
        for input in inputs { if case .success = parse(input) { accepted += 1 } }
        let rounds = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 1) : max(1, 200_000 / inputs.count)
        let parseOnly = measure(rounds: rounds, count: inputs.count) {
            for input in inputs { if case .success = parse(input) { accepted &+= 1 } }
        }
        print("parse: \(inputs.count) phrases × \(rounds) rounds in \(format(parseOnly.seconds)) s")
        print("parse: \(Int(parseOnly.perSecond)) phrases/s on one core, \(format(parseOnly.microseconds)) µs/phrase (checksum \(accepted))")
        var characters = 0
        let reportRounds = max(1, rounds / 4)
        let withReport = measure(rounds: reportRounds, count: inputs.count) {
            for input in inputs { characters &+= ParseReport.json(for: parse(input)).utf8.count }
        }
        print("parse + JSON report: \(Int(withReport.perSecond)) phrases/s, \(format(withReport.microseconds)) µs/phrase (checksum \(characters))")
    }

    private static func load(_ path: String) -> [Input]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("remind-bench parse: cannot read \(path)")
            return nil
        }
        let inputs: [Input] = text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let phrase = object["text"] as? String,
                  let zone = TimeZone(identifier: object["tz"] as? String ?? "UTC"),
                  let now = ISOTimestamp.parse(object["now"] as? String ?? "", zone: zone)
            else { return nil }
            return Input(text: phrase, now: now, zone: zone, clock24: object["clock24"] as? Bool ?? false)
        }
        guard !inputs.isEmpty else {
            print("remind-bench parse: no phrases in \(path)")
            return nil
        }
        return inputs
    }

    /// Wall-clock time of `rounds` runs of `body`, each over `count` phrases.
    private static func measure(rounds: Int, count: Int, _ body: () -> Void) -> (seconds: Double, perSecond: Double, microseconds: Double) {
        let elapsed = ContinuousClock().measure {
            for _ in 0..<rounds { body() }
        }
        let seconds = elapsed.seconds
        let phrases = Double(rounds * count)
        return (seconds, phrases / seconds, seconds / phrases * 1e6)
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// What `remindd parse` reads (the grammar and the trailing clauses).
    private static func parse(_ input: Input) -> Result<ReminderPhrase, Refusal> {
        ReminderPhrase.read(input.text, now: input.now, timeZone: input.zone, clock24: input.clock24)
    }
}
