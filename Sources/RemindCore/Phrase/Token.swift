import Foundation

/// One token of a `/remind` phrase: its lowercased word for matching and its byte span in the phrase's
/// UTF-8 (so the message keeps its case and exact inner spacing). A plain value (no references), so
/// token arrays copy and grow cheaply.
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
    /// Lowercased, curly apostrophes made straight; the punctuation itself for commas and stops; empty
    /// for quoted tokens.
    let word: Word
    /// Byte offsets into the phrase's UTF-8.
    let range: Range<Int>
    /// The vocabulary's entry for `word` (`.none` for most message words).
    var info: WordInfo = .none
    /// For a word starting with a digit, where its numeric readings (number, clock, date, …), scanned
    /// once, are in the tokenizer's `readings` list. Kept out of the token, which stays small to copy.
    var readingsIndex: Int?
    /// The word contains `-` or an en dash (`twenty-five`, `second-to-last`, `-5`, `mon–fri`).
    var hasHyphen = false
    /// Punctuation or emoji only (`:)`, `-`, `🎉`): glue between *when* elements, never a *when* itself.
    var isSymbol = false
}

/// Splits a phrase into tokens in one pass over its UTF-8 bytes.
enum Tokenizer {
    /// The tokens of a phrase and the numeric readings of its words that start with a digit.
    static func tokenize(_ bytes: [UInt8]) -> (tokens: [Token], readings: [Lexeme.Readings]) {
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var readings: [Lexeme.Readings] = []
        // Read the tables once: every access to a `static let` goes through `swift_once`.
        let vocabulary = Vocabulary.wordTable
        let typos = Vocabulary.typoTable
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if isSpace(byte) {
                index += 1
                continue
            }
            if isNoBreakSpace(bytes, index) {
                index += 2
                continue
            }
            if let closeSet = openingQuote(bytes, index) {
                let insideStart = index + quoteWidth(byte)
                var cursor = insideStart
                while cursor < end, !isClosingQuote(bytes, cursor, closeSet) { cursor += 1 }
                tokens.append(Token(kind: .quoted, word: Word(), range: insideStart..<cursor))
                index = cursor < end ? cursor + quoteWidth(bytes[cursor]) : cursor
                continue
            }
            if byte == UInt8(ascii: ",") {
                tokens.append(Token(kind: .comma, word: ",", range: index..<index + 1))
                index += 1
                continue
            }
            var wordEnd = index
            while wordEnd < end {
                let b = bytes[wordEnd]
                if isSpace(b) || b == UInt8(ascii: ",") || isNoBreakSpace(bytes, wordEnd) || openingQuote(bytes, wordEnd) != nil {
                    break
                }
                wordEnd += 1
            }
            appendWord(bytes, index..<wordEnd, vocabulary, typos, to: &tokens, readings: &readings)
            index = wordEnd
        }
        return (tokens, readings)
    }

    /// Adds a word, splitting trailing sentence punctuation off it (`minutes.` → `minutes` `.`), except in
    /// day.month. dates (`1.6.`) and `a.m.`/`p.m.`.
    private static func appendWord(_ bytes: [UInt8], _ range: Range<Int>, _ vocabulary: WordTable, _ typos: WordTable, to tokens: inout [Token],
                                   readings: inout [Lexeme.Readings]) {
        var wordEnd = range.upperBound
        while wordEnd > range.lowerBound {
            let b = bytes[wordEnd - 1]
            guard b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
                || b == UInt8(ascii: ";") || b == UInt8(ascii: ":")
            else { break }
            if b == UInt8(ascii: "."), keepsTrailingDot(bytes[range.lowerBound..<wordEnd]) { break }
            wordEnd -= 1
        }
        if wordEnd > range.lowerBound {
            // `2027-06-01T13:55Z`, `…T13:55+02:00`: the zone written onto an ISO 8601 date-time is a word of its own.
            let zoneStart = isoZoneSuffixStart(bytes, range.lowerBound..<wordEnd) ?? wordEnd
            tokens.append(word(bytes, range.lowerBound..<zoneStart, vocabulary, typos, readings: &readings))
            if zoneStart < wordEnd {
                tokens.append(word(bytes, zoneStart..<wordEnd, vocabulary, typos, readings: &readings))
            }
        }
        for stop in wordEnd..<range.upperBound {
            tokens.append(Token(kind: .stop, word: Word(bytes: bytes[stop...stop]), range: stop..<stop + 1))
        }
    }

    /// A word token: lowercased, looked up in the vocabulary (then among misspelt day and month names),
    /// and read as a number/clock/date when it starts with a digit.
    private static func word(_ bytes: [UInt8], _ range: Range<Int>, _ vocabulary: WordTable, _ typos: WordTable,
                             readings list: inout [Lexeme.Readings]) -> Token {
        var word = Word()
        var isASCII = true
        var hasHyphen = false
        var hasLetterOrDigit = false
        for offset in range {
            let b = bytes[offset]
            if b >= 0x80 { isASCII = false }
            if (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) { hasLetterOrDigit = true }
            // `-`, or an en dash (`monday–friday`).
            if b == UInt8(ascii: "-") || (b == 0x80 && offset > range.lowerBound && bytes[offset - 1] == 0xE2
                && offset + 1 < range.upperBound && bytes[offset + 1] == 0x93) {
                hasHyphen = true
            }
            word.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b, count: offset - range.lowerBound)
        }
        var readings: Lexeme.Readings?
        if !isASCII {
            // Unicode lowercasing and curly apostrophes (`o’clock`): the slow path, for rare words.
            let normalized = normalizedText(bytes[range])
            word = Word(normalized)
            if word.startsWithDigit { readings = Lexeme.Readings(Array(normalized.utf8)) }
        } else if word.startsWithDigit {
            readings = Lexeme.Readings(bytes[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        }
        var readingsIndex: Int?
        if let readings {
            readingsIndex = list.count
            list.append(readings)
        }
        // `friday @ 3pm`: a lone `@` is `at`.
        let isAt = range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "@")
        if isAt { word = "at" }
        let first = bytes[range.lowerBound]
        let isSymbol = !hasLetterOrDigit && !isAt && (first < 0x80 || first >= 0xF0)
        var info = vocabulary.lookup(word)
        if info == nil, range.count >= 4, range.count <= 11, word.first >= 0x61, word.first <= 0x7A { info = typos.lookup(word) }
        return Token(kind: .word, word: word, range: range, info: info ?? .none, readingsIndex: readingsIndex, hasHyphen: hasHyphen,
                     isSymbol: isSymbol)
    }

    /// The lowercased text of a word, curly apostrophes made straight.
    static func normalizedText(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self).lowercased()
        if text.utf8.contains(0xE2) { text = text.replacingOccurrences(of: "\u{2019}", with: "'") }
        return text
    }

    /// Where the zone (`Z`, `+02:00`, `-0330`) starts in an ISO 8601 date-time word `YYYY-MM-DDThh:mm[:ss]<zone>`,
    /// or nil when the word is not one.
    private static func isoZoneSuffixStart(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        let start = range.lowerBound
        guard range.count > 16 else { return nil }
        for offset in 0..<10 {
            let b = bytes[start + offset]
            let isDash = offset == 4 || offset == 7
            guard isDash ? b == UInt8(ascii: "-") : isDigit(b) else { return nil }
        }
        guard bytes[start + 10] | 0x20 == UInt8(ascii: "t") else { return nil }
        var index = start + 11
        while index < range.upperBound, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ":") { index += 1 }
        guard index > start + 11, index < range.upperBound else { return nil }
        let marker = bytes[index]
        if marker | 0x20 == UInt8(ascii: "z") { return index + 1 == range.upperBound ? index : nil }
        guard marker == UInt8(ascii: "+") || marker == UInt8(ascii: "-"), index + 1 < range.upperBound else { return nil }
        let offsetIsWellFormed = bytes[(index + 1)..<range.upperBound].allSatisfy { isDigit($0) || $0 == UInt8(ascii: ":") }
        return offsetIsWellFormed ? index : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func keepsTrailingDot(_ word: ArraySlice<UInt8>) -> Bool {
        if word.count == 4 {
            let lower = word.map { $0 | 0x20 }
            if (lower[0] == UInt8(ascii: "a") || lower[0] == UInt8(ascii: "p")) && lower[1] == UInt8(ascii: ".")
                && lower[2] == UInt8(ascii: "m") && lower[3] == UInt8(ascii: ".") {
                return true
            }
        }
        // `1.6.` (day.month.) but not `5.` or `v1.2` followed by a full stop, nor the first dot of `1.6..`,
        // nor a time's (`at 11.40.`: no month 40).
        if word.count >= 2, word[word.endIndex - 2] == UInt8(ascii: ".") { return false }
        var groups = (0, 0)
        var digitGroups = 0
        var inDigits = false
        for b in word {
            if b >= 0x30 && b <= 0x39 {
                if !inDigits { digitGroups += 1 }
                inDigits = true
                let digit = Int(b - 0x30)
                if digitGroups == 1 { groups.0 = groups.0 * 10 + digit } else { groups.1 = groups.1 * 10 + digit }
            } else if b == UInt8(ascii: ".") {
                inDigits = false
            } else {
                return false
            }
            if digitGroups > 2 || groups.0 > 31 || groups.1 > 12 { return false }
        }
        return digitGroups == 2
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F }

    private static func isNoBreakSpace(_ bytes: [UInt8], _ index: Int) -> Bool {
        bytes[index] == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0
    }

    private static func quoteWidth(_ firstByte: UInt8) -> Int { firstByte == UInt8(ascii: "\"") ? 1 : 3 }

    private enum QuoteStyle { case straight, curly }

    /// `"`, `“` or `„` start a quoted message.
    private static func openingQuote(_ bytes: [UInt8], _ index: Int) -> QuoteStyle? {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") { return .straight }
        guard b == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return nil }
        return bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9E ? .curly : nil
    }

    /// `"` closes a straight quote; `”`, `“` or `"` close a curly one.
    private static func isClosingQuote(_ bytes: [UInt8], _ index: Int, _ style: QuoteStyle) -> Bool {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") { return true }
        guard style == .curly, b == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return false }
        return bytes[index + 2] == 0x9D || bytes[index + 2] == 0x9C
    }
}
