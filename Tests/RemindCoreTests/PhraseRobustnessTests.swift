import Foundation
import TestSupport
import Testing
@testable import RemindCore

/// Whatever people paste: a reminder or a refusal, never a crash.
@Suite("Parser robustness")
struct PhraseRobustnessTests {
    static let pieces = [
        "me", "@ana", "~ops", "to", "in", "at", "on", "every", "other", "2", "10", "1.5", "5pm", "17:30", "noon",
        "tomorrow", "next", "friday", "mon,", "and", "the", "15th", "of", "month", "june", "6/1", "1.6.", "2027-06-01",
        "until", "times", "starting", "UTC", "+02:00", "IST", "\"", "“", "”", "half", "past", "quarter", "to", "hours",
        "🎉", "שלום", "مرحبا", "\u{0}", "\u{7}", "\u{202E}", "e\u{301}", "\r\n", "\t", ",", ".", "@", "~", "-", "99th",
        "o'clock", "a", "couple", "few", "last", "second", "day", "week", "year", "1h30m", "9999999999",
    ]

    @Test("random phrases from grammar words and odd characters never crash")
    func randomPhrases() {
        var generator = SplitMix64(seed: 20_261_123)
        var outcomes = (reminders: 0, refusals: 0)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined(separator: " ")
            switch PhraseFixtures.parse(text) {
            case .success(let reminder):
                outcomes.reminders += 1
                #expect(!reminder.message.isEmpty && reminder.message.count <= Refusal.messageLimit, "\(text)")
            case .failure: outcomes.refusals += 1
            }
        }
        #expect(outcomes.reminders > 0 && outcomes.refusals > 0)
    }

    @Test("random text gets a friendly refusal with an example, or a reminder with a message")
    func randomText() {
        var generator = SplitMix64(seed: 42)
        var refusals = 0
        for _ in 0..<500 {
            let length = Int.random(in: 0...200, using: &generator)
            let scalars = (0..<length).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &generator)) }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            switch PhraseFixtures.parse(text) {
            case .failure(let refusal):
                refusals += 1
                // The shape every refusal has: a sentence and an example that works.
                let message = refusal.message
                #expect(message.first?.isUppercase == true || message.first == "“", "\(refusal)")
                #expect(message.contains("`/remind "), "no example in the refusal for \(text.debugDescription)")
            case .success(let reminder):
                #expect(!reminder.message.isEmpty && reminder.message.count <= Refusal.messageLimit)
            }
        }
        #expect(refusals > 400, "random text is mostly not a reminder; \(refusals) of 500 refused")
    }

    @Test("a 100 KB phrase is refused as too long, not crashed on")
    func hugePhrase() {
        let message = String(repeating: "buy milk and eggs at the shop ", count: 3_500).dropLast()
        let text = "me to " + message + " in 1 hour"
        #expect(text.utf8.count > 100_000)
        #expect(PhraseFixtures.outcome(text).refusal == .messageTooLong(message.count))
    }

    @Test("emoji, right-to-left text and inner NUL stay in the message; control characters separate words")
    func oddCharacters() throws {
        let reminder = try PhraseFixtures.parse("me to 🎉 שלום\u{0}עולם\u{7} in 1 hour").get()
        #expect(reminder.message == "🎉 שלום\u{0}עולם")
    }
}
