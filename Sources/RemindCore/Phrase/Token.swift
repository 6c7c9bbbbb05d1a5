import Foundation

/// One token of a `/remind` phrase: its lowercased text for matching and its span in the original text
/// (so the message keeps its case and exact inner spacing).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A run of non-space characters (`5:30pm`, `@ana`, `tomorrow`).
        case word
        /// `,` (separates lists: `@ana, @ben`, `mon, wed and fri`).
        case comma
        /// Sentence punctuation split off the end of a word: `.`, `!`, `?`, `;`, `:`.
        case stop
        /// A quoted message; `range` is the inside of the quotes.
        case quoted
    }

    let kind: Kind
    /// Lowercased, curly apostrophes made straight; empty for quoted tokens.
    let text: String
    let range: Range<String.Index>
    /// The vocabulary's entry for `text` (`.none` for most message words).
    var info: WordInfo = .none
}

/// Splits a phrase into tokens in one pass over its UTF-8 bytes.
enum Tokenizer {
    static func tokenize(_ source: String) -> [Token] {
        var tokens: [Token] = []
        let utf8 = source.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if isSpace(byte) || isNoBreakSpace(utf8, index) {
                index = utf8.index(after: index)
                if byte == 0xC2 { index = utf8.index(after: index) }
                continue
            }
            if let closeSet = openingQuote(utf8, index) {
                let insideStart = utf8.index(index, offsetBy: quoteWidth(byte))
                var cursor = insideStart
                while cursor < utf8.endIndex, !isClosingQuote(utf8, cursor, closeSet) {
                    cursor = utf8.index(after: cursor)
                }
                tokens.append(Token(kind: .quoted, text: "", range: insideStart..<cursor))
                index = cursor < utf8.endIndex ? utf8.index(cursor, offsetBy: quoteWidth(utf8[cursor])) : cursor
                continue
            }
            if byte == UInt8(ascii: ",") {
                let next = utf8.index(after: index)
                tokens.append(Token(kind: .comma, text: ",", range: index..<next))
                index = next
                continue
            }
            var end = index
            while end < utf8.endIndex {
                let b = utf8[end]
                if isSpace(b) || b == UInt8(ascii: ",") || isNoBreakSpace(utf8, end) || openingQuote(utf8, end) != nil {
                    break
                }
                end = utf8.index(after: end)
            }
            appendWord(source, index..<end, to: &tokens)
            index = end
        }
        return tokens
    }

    /// Adds a word, splitting trailing sentence punctuation off it (`minutes.` → `minutes` `.`), except in
    /// day.month. dates (`1.6.`) and `a.m.`/`p.m.`.
    private static func appendWord(_ source: String, _ range: Range<String.Index>, to tokens: inout [Token]) {
        let utf8 = source.utf8
        var wordEnd = range.upperBound
        var stops: [Range<String.Index>] = []
        while wordEnd > range.lowerBound {
            let last = utf8.index(before: wordEnd)
            let b = utf8[last]
            guard b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
                || b == UInt8(ascii: ";") || b == UInt8(ascii: ":")
            else { break }
            if b == UInt8(ascii: "."), keepsTrailingDot(source[range.lowerBound..<wordEnd]) { break }
            stops.insert(last..<wordEnd, at: 0)
            wordEnd = last
        }
        if wordEnd > range.lowerBound {
            let text = normalized(source[range.lowerBound..<wordEnd])
            tokens.append(Token(kind: .word, text: text, range: range.lowerBound..<wordEnd, info: Vocabulary.wordInfo[text] ?? .none))
        }
        for stop in stops {
            tokens.append(Token(kind: .stop, text: String(source[stop]), range: stop))
        }
    }

    private static func keepsTrailingDot(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        if lower == "a.m." || lower == "p.m." { return true }
        // `1.6.` (day.month.) but not `5.` or `v1.2` followed by a full stop.
        var digitGroups = 0
        var inDigits = false
        for b in word.utf8 {
            if b >= 0x30 && b <= 0x39 {
                if !inDigits { digitGroups += 1 }
                inDigits = true
            } else if b == UInt8(ascii: ".") {
                inDigits = false
            } else {
                return false
            }
        }
        return digitGroups == 2
    }

    private static func normalized(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x3A) || $0 == 0x2E || $0 == 0x2F }) {
            return String(word)
        }
        var text = word.lowercased()
        if text.utf8.contains(0xE2) { text = text.replacingOccurrences(of: "\u{2019}", with: "'") }
        return text
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F }

    private static func isNoBreakSpace(_ utf8: String.UTF8View, _ index: String.Index) -> Bool {
        guard utf8[index] == 0xC2 else { return false }
        let next = utf8.index(after: index)
        return next < utf8.endIndex && utf8[next] == 0xA0
    }

    private static func quoteWidth(_ firstByte: UInt8) -> Int { firstByte == UInt8(ascii: "\"") ? 1 : 3 }

    private enum QuoteStyle { case straight, curly }

    /// `"`, `“` or `„` start a quoted message.
    private static func openingQuote(_ utf8: String.UTF8View, _ index: String.Index) -> QuoteStyle? {
        let b = utf8[index]
        if b == UInt8(ascii: "\"") { return .straight }
        guard b == 0xE2 else { return nil }
        let second = utf8.index(after: index)
        guard second < utf8.endIndex, utf8[second] == 0x80 else { return nil }
        let third = utf8.index(after: second)
        guard third < utf8.endIndex else { return nil }
        return utf8[third] == 0x9C || utf8[third] == 0x9E ? .curly : nil
    }

    /// `"` closes a straight quote; `”`, `“` or `"` close a curly one.
    private static func isClosingQuote(_ utf8: String.UTF8View, _ index: String.Index, _ style: QuoteStyle) -> Bool {
        let b = utf8[index]
        if b == UInt8(ascii: "\"") { return true }
        guard style == .curly, b == 0xE2 else { return false }
        let second = utf8.index(after: index)
        guard second < utf8.endIndex, utf8[second] == 0x80 else { return false }
        let third = utf8.index(after: second)
        return third < utf8.endIndex && (utf8[third] == 0x9D || utf8[third] == 0x9C)
    }
}
