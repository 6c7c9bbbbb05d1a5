import Foundation
import Testing
@testable import RemindCore

/// Every refusal, with the typed case and a message that says what went wrong and shows a working example.
@Suite("Refusals")
struct PhraseRefusalTests {
    struct Row: Sendable, CustomStringConvertible {
        var text: String
        var refusal: Refusal
        var description: String { text.count > 60 ? String(text.prefix(60)) + "…" : text }
    }

    static let rows: [Row] = [
        Row(text: "", refusal: .nothingToParse),
        Row(text: "   .  ", refusal: .nothingToParse),
        Row(text: "me to file taxes on 1/5/2020", refusal: .pastTime("Sunday, January 5, 2020 at 9:00 AM")),
        Row(text: "me to X today at 9am", refusal: .pastTime("Monday, November 23, 2026 at 9:00 AM")),
        Row(text: "me to party on Feb 30", refusal: .noSuchDate("February 30")),
        Row(text: "me to X on feb 29 2027", refusal: .noSuchDate("February 29, 2027")),
        Row(text: "me to read on Mar 99th", refusal: .noSuchDate("March 99")),
        Row(text: "me to X 13/45", refusal: .noSuchDate("month 13, day 45")),
        Row(text: "me to X on the 32nd", refusal: .noSuchDate("32nd day of a month")),
        Row(text: "me to retire in 10 years", refusal: .tooFarAhead),
        Row(text: "me to X in 61 months", refusal: .tooFarAhead),
        Row(text: "me to call Bob", refusal: .noWhen),
        Row(text: "me to dance at blorp o'clock", refusal: .unreadableWhen("at blorp o'clock")),
        Row(text: "@all to go home at 5pm", refusal: .broadcastMention("all")),
        Row(text: "@ana @here to join at 5pm", refusal: .broadcastMention("here")),
        Row(text: "@channel to X at 5pm", refusal: .broadcastMention("channel")),
        Row(text: "me in 10 minutes", refusal: .emptyMessage),
        Row(text: "me \"\" in 10 minutes", refusal: .emptyMessage),
        Row(text: "me to " + String(repeating: "x", count: 4_001) + " in 1 hour", refusal: .messageTooLong(4_001)),
        Row(text: "me to X every 2 minutes", refusal: .intervalTooShort),
        Row(text: "me to X every minute", refusal: .intervalTooShort),
        Row(text: "me to X at 9am IST", refusal: .ambiguousZone("ist")),
        Row(text: "me to sleep today", refusal: .todayNeedsTime),
        Row(text: "me to X every day at 3pm until 11/20/2026", refusal: .endsBeforeStart),
    ]

    @Test("refused with the right reason", arguments: rows)
    func refused(_ row: Row) {
        let got = PhraseFixtures.outcome(row.text)
        #expect(got.refusal == row.refusal, "\(row): \(got)")
    }

    @Test("every refusal message shows an example that works, and that example parses")
    func messagesCarryWorkingExamples() throws {
        for row in Self.rows {
            let message = row.refusal.message
            let example = try #require(message.split(separator: "`").first { $0.hasPrefix("/remind ") }, "\(message)")
            let phrase = String(example.dropFirst("/remind ".count))
            if phrase.contains("…") || phrase == "help" { continue }
            let outcome = PhraseFixtures.outcome(phrase, zone: PhraseFixtures.newYork)
            #expect(outcome.refusal == nil, "example \(phrase) in “\(message)” is refused: \(outcome)")
        }
    }

    @Test("the message says what was understood")
    func messagesQuoteTheInput() {
        #expect(Refusal.unreadableWhen("at blorp o'clock").message.contains("“at blorp o'clock”"))
        #expect(Refusal.noSuchDate("February 30").message.contains("February 30"))
        #expect(Refusal.messageTooLong(4_001).message.contains("4001"))
    }
}

/// `help`, `list` and `version` only as the whole text; nothing opens the dialog.
@Suite("Slash command text")
struct SlashCommandTextTests {
    @Test("classification", arguments: [
        ("help", SlashCommandText.help), ("  HELP ", .help), ("list", .list), ("Version", .version), ("", .dialog),
        ("   ", .dialog), ("me to update the list in 5 minutes", .reminder("me to update the list in 5 minutes")),
        ("help me in 5 minutes", .reminder("help me in 5 minutes")),
        ("snooze 12 in 45 minutes", .snooze(id: "12", when: "in 45 minutes")),
        ("Snooze #7  friday 2pm", .snooze(id: "7", when: "friday 2pm")), ("snooze 7", .snooze(id: "7", when: "")),
        ("snooze the alarm at 7am", .reminder("snooze the alarm at 7am")), ("History", .history),
        ("history of art tomorrow", .reminder("history of art tomorrow")), ("calendar", .calendar(reset: false)),
        ("Calendar Reset", .calendar(reset: true)), ("calendar review friday", .reminder("calendar review friday")),
    ])
    func classify(_ text: String, _ expected: SlashCommandText) {
        #expect(SlashCommandText.classify(text) == expected)
    }

    @Test("the help text's examples all parse")
    func helpExamplesParse() {
        #expect(HelpText.markdown.unicodeScalars.count <= 16_383, "the help fits one post on a default server")
        let examples = HelpText.markdown.components(separatedBy: "`/remind ").dropFirst().compactMap { $0.split(separator: "`").first }
        #expect(examples.count >= 5)
        for example in examples where !example.hasPrefix("[") {
            guard case .reminder = SlashCommandText.classify(String(example)) else { continue }  // list, snooze 12 …
            // The slash command splits a nag clause off before the grammar reads the rest.
            let (phrase, nag, _) = TrailingClauses.split(String(example))
            if case .failure(let refusal)? = nag { Issue.record("help example \(example): \(refusal.message)") }
            let outcome = PhraseFixtures.outcome(phrase)
            #expect(outcome.refusal == nil, "help example \(example): \(outcome)")
        }
    }
}
