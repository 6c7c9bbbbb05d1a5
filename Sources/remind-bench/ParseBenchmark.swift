import Foundation
import RemindCore

/// `remind-bench parse [corpus.jsonl]`: phrases per second on one core through `PhraseParser.parse`
/// (no JSON rendering), over the phrase corpus, many rounds.
enum ParseBenchmark {
    struct Input {
        var text: String
        var now: Date
        var zone: TimeZone
        var clock24: Bool
    }

    static func run(_ arguments: [String]) {
        let path = arguments.first ?? "../shared/corpus/phrases.jsonl"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("remind-bench parse: cannot read \(path)")
            return
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
            return
        }
        // Warm up the zone tables and keyword tables.
        var accepted = 0
        for input in inputs { if case .success = parse(input) { accepted += 1 } }
        let rounds = max(1, 200_000 / inputs.count)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for input in inputs { if case .success = parse(input) { accepted &+= 1 } }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let phrases = Double(rounds * inputs.count)
        print("parse: \(inputs.count) phrases × \(rounds) rounds in \(String(format: "%.2f", seconds)) s")
        print("parse: \(Int(phrases / seconds)) phrases/s on one core, \(String(format: "%.2f", seconds / phrases * 1e6)) µs/phrase (checksum \(accepted))")
    }

    private static func parse(_ input: Input) -> Result<ParsedReminder, Refusal> {
        PhraseParser.parse(input.text, now: input.now, timeZone: input.zone, clock24: input.clock24)
    }
}
