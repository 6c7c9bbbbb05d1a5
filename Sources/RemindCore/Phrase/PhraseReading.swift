import Foundation

/// Splits the tokens after *who* into the message and the *when* elements.
///
/// The *when* is read at the edges of the message: a greedy run of elements right after *who*
/// (`me tomorrow at 10am to call the bank`) and the longest chain of elements that ends the phrase
/// (`me to meet at the cafe tomorrow at 3pm`). Words inside the message are never read as a time,
/// so "call in sick" and "look at the report" stay in the message.
struct PhraseReading {
    var message: String
    var spec: WhenSpec

    static func read(_ tokens: [Token], readings: [Lexeme.Readings], from start: Int, in text: [UInt8]) -> Result<PhraseReading, Refusal> {
        let grammar = WhenGrammar(tokens: tokens, bytes: text, readingsList: readings)
        let count = tokens.count
        var elements = [WhenMatch?](repeating: nil, count: count + 1)
        for i in start..<count where StarterWords.mayStart(tokens[i]) {
            elements[i] = grammar.element(at: i)
        }
        // A quoted message with only *when* around it; otherwise the quote is part of the message
        // (`to tell Ana "hi" tomorrow`).
        if let quote = tokens[start...].firstIndex(where: { $0.kind == .quoted }),
           case .success(let reading) = quoted(tokens, elements, start: start, quote: quote, in: text) {
            return .success(reading)
        }

        // Greedy *when* run at the front.
        var prefix = WhenSpec()
        var p = start
        while p < count {
            if let match = elements[p], prefix.merge(match.spec) {
                p = match.end
            } else if isGlue(tokens, p) || isHedge(tokens, p), p + 1 < count, let next = elements[p + 1],
                      !isHedge(tokens, p) || next.spec.relative != nil {
                p += 1
            } else {
                break
            }
        }
        // Chains that end the phrase, longest first. After a *when* read at the front, a phrase ending in
        // `?` ends with a question, not a time (`every weekday at 4pm to What did you learn today?`).
        let endsWithQuestion = p > start && tokens.last?.kind == .stop && tokens.last?.word == "?"
        let reach = endsWithQuestion ? [Bool](repeating: false, count: count + 1) : suffixReach(tokens, elements, from: p)
        var rejected: Int?
        var i = p + 1
        while i < count {
            if elements[i] != nil, reach[i], hasMessageWords(tokens, p, i) {
                if var spec = chainSpec(tokens, elements, from: i, to: count), spec.merge(prefix), !spec.hasBoundWithoutRepeat {
                    // A longer chain led by `at`/`every`/… could not be read: taking a shorter one would
                    // leave half a *when* in the message ("standup at 9am and").
                    if let unused = rejected ?? unusedElement(tokens, elements, from: p, before: i) {
                        return .failure(unreadableTail(tokens, from: unused, in: text))
                    }
                    // `every friday except the last friday in june`: a day after `except` is not a set of
                    // weekdays that a repeat can leave out, and not the reminder's day either.
                    if tokens[i - 1].word == "except" || tokens[i - 1].word == "excluding" {
                        let words = String(decoding: text[tokens[i - 1].range.lowerBound..<tokens[count - 1].range.upperBound], as: UTF8.self)
                        return .failure(.exceptionUnreadable(words))
                    }
                    let end = withoutDanglingPreposition(tokens, elements, from: p, chain: i)
                    return .success(PhraseReading(message: message(tokens, p, end, in: text), spec: spec))
                }
                if rejected == nil, tokens[i].info.isWhenLead { rejected = i }
            }
            i += 1
        }
        if let rejected { return .failure(unreadableTail(tokens, from: rejected, in: text)) }
        if prefix.hasBoundWithoutRepeat { return .failure(.unreadableWhen("an end or start without a repeat")) }
        if !prefix.isEmpty {
            return .success(PhraseReading(message: message(tokens, p, count, in: text), spec: prefix))
        }
        return .failure(unreadableTail(tokens, from: start, in: text))
    }

    /// A quoted message: everything outside the quotes must be *when* (or glue such as `to`).
    private static func quoted(_ tokens: [Token], _ elements: [WhenMatch?], start: Int, quote: Int, in text: [UInt8]) -> Result<PhraseReading, Refusal> {
        let message = String(decoding: text[tokens[quote].range], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var spec = WhenSpec()
        for (from, to) in [(start, quote), (quote + 1, tokens.count)] where from < to {
            guard let part = chainSpec(tokens, elements, from: from, to: to, allowLeadingGlue: true), spec.merge(part) else {
                return .failure(unreadableTail(tokens, from: from, to: to, in: text))
            }
        }
        guard !spec.isEmpty else { return .failure(.noWhen) }
        return .success(PhraseReading(message: message, spec: spec))
    }

    /// `X tomorrow and friday`: an element joined by `and`/`then` to the chosen chain but not part of it
    /// would stay in the message; its index, if so.
    private static func unusedElement(_ tokens: [Token], _ elements: [WhenMatch?], from start: Int, before chain: Int) -> Int? {
        var k = chain
        while k > start, tokens[k - 1].word == "and" || tokens[k - 1].word == "then" { k -= 1 }
        guard k < chain else { return nil }
        return (start..<k).first { elements[$0]?.end == k }
    }

    /// `reach[i]`: tokens `i..<count` are a chain of elements (and glue).
    private static func suffixReach(_ tokens: [Token], _ elements: [WhenMatch?], from start: Int) -> [Bool] {
        let count = tokens.count
        var reach = [Bool](repeating: false, count: count + 1)
        reach[count] = true
        var i = count - 1
        while i >= start {
            if let match = elements[i], reach[match.end] {
                reach[i] = true
            } else if isGlue(tokens, i), reach[i + 1] {
                reach[i] = true
            }
            i -= 1
        }
        return reach
    }

    /// The merged spec of the chain of elements covering `from..<to`, or nil when they do not cover it
    /// or contradict each other.
    private static func chainSpec(_ tokens: [Token], _ elements: [WhenMatch?], from: Int, to: Int, allowLeadingGlue: Bool = false) -> WhenSpec? {
        var spec = WhenSpec()
        var i = from
        while i < to {
            if let match = elements[i], match.end <= to {
                guard spec.merge(match.spec) else { return nil }
                i = match.end
            } else if isGlue(tokens, i) || (allowLeadingGlue && isMessageLead(tokens, i)) {
                i += 1
            } else {
                return nil
            }
        }
        return spec
    }

    /// `set alarm for 7:30 tomorrow`, `book a table for tomorrow at 8`: a preposition left right before
    /// the *when* belongs to it, not to the message, unless the *when* opens with its own preposition
    /// (`stand by at 5pm`). `for`, `by` and `at` always; `on` only before an
    /// `every`/`each` repeat on given days (`sync on every monday`) — otherwise it and `in` are kept, as
    /// they are often a verb's particle (`log in at 9`, `switch the heater on every morning`). The index
    /// where the message ends.
    private static func withoutDanglingPreposition(_ tokens: [Token], _ elements: [WhenMatch?], from start: Int, chain: Int) -> Int {
        let last = chain - 1
        guard last > start, tokens[last].kind == .word, hasMessageWords(tokens, start, last) else { return chain }
        // A *when* with its own preposition (`stand by at 5pm`) does not take a second one: that word is the message's.
        let lead = tokens[chain].word
        guard lead != "at", lead != "on", lead != "in", lead != "by", lead != "around" else { return chain }
        switch tokens[last].word {
        case "for", "by", "at":
            return last
        case _ where isHedge(tokens, last):
            // `X about 2 hours from now`: the hedge goes with the duration.
            return elements[chain]?.spec.relative != nil ? last : chain
        case "on":
            guard tokens[chain].word == "every" || tokens[chain].word == "each", let pattern = elements[chain]?.spec.pattern
            else { return chain }
            switch pattern {
            case .weekly(_, let days) where !days.isEmpty: return last
            case .monthlyByDay(_, let days) where !days.isEmpty: return last
            case .monthlyByWeekday, .yearly(_, .some, _), .yearlyByWeekday, .yearlyDates: return last
            default: return chain
            }
        default:
            return chain
        }
    }

    private static func isGlue(_ tokens: [Token], _ i: Int) -> Bool {
        guard i < tokens.count else { return false }
        let token = tokens[i]
        return token.kind == .comma || token.kind == .stop || token.word == "and" || token.word == "then" || token.isSymbol
    }

    /// `about`, `roughly`, `approximately`, `approx` before a duration (`about 2 hours from now`).
    private static func isHedge(_ tokens: [Token], _ i: Int) -> Bool {
        let word = tokens[i].word
        return word == "about" || word == "roughly" || word == "approximately" || word == "approx"
    }

    private static func isMessageLead(_ tokens: [Token], _ i: Int) -> Bool {
        tokens[i].word == "to" || tokens[i].word == "about"
    }

    private static func hasMessageWords(_ tokens: [Token], _ from: Int, _ to: Int) -> Bool {
        (from..<to).contains { tokens[$0].kind == .word && !isMessageLead(tokens, $0) }
    }

    /// The original text of tokens `from..<to`, without a leading `to`/`about` and edge punctuation.
    private static func message(_ tokens: [Token], _ from: Int, _ to: Int, in text: [UInt8]) -> String {
        var a = from
        var b = to
        while a < b, tokens[a].kind != .word { a += 1 }
        // `tomorrow at 9 :) to call Bob`: a symbol between the *when* and `to` belongs to neither.
        while a + 1 < b, tokens[a].isSymbol, isMessageLead(tokens, a + 1) { a += 1 }
        if a < b, isMessageLead(tokens, a), a + 1 < b { a += 1 }
        while b > a, tokens[b - 1].kind == .comma || tokens[b - 1].kind == .stop && tokens[b - 1].word != "!" && tokens[b - 1].word != "?" {
            b -= 1
        }
        guard a < b else { return "" }
        // Tokens never start or end with whitespace, so the span needs no trimming; a quoted token at
        // either edge keeps its quote marks.
        var lower = tokens[a].range.lowerBound
        var upper = tokens[b - 1].range.upperBound
        if tokens[a].kind == .quoted { lower -= lower >= 3 && text[lower - 3] == 0xE2 ? 3 : 1 }
        if tokens[b - 1].kind == .quoted, upper < text.count { upper += text[upper] == 0xE2 ? 3 : 1 }
        return String(decoding: text[lower..<min(upper, text.count)], as: UTF8.self)
    }

    /// No readable *when*: quote the words that look like an attempt at one, if any.
    private static func unreadableTail(_ tokens: [Token], from start: Int, to end: Int? = nil, in text: [UInt8]) -> Refusal {
        let stop = end ?? tokens.count
        var hint: Int?
        for i in start..<stop where tokens[i].kind == .word {
            if tokens[i].info.isTimeHint || text[tokens[i].range].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                hint = i
                break
            }
        }
        guard let hint, stop > hint else { return .noWhen }
        // `20`, `1798000000`: a bare number could be seconds, minutes or a Unix timestamp.
        if stop == hint + 1, text[tokens[hint].range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .bareNumber(String(decoding: text[tokens[hint].range].prefix(20), as: UTF8.self))
        }
        let words = String(decoding: text[tokens[hint].range.lowerBound..<tokens[stop - 1].range.upperBound], as: UTF8.self)
        return .unreadableWhen(String(words.prefix(80)))
    }
}
