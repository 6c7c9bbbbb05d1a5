import Foundation

/// A lowercased word of a phrase as a plain value: its first 16 UTF-8 bytes packed into two integers.
///
/// The grammar compares words hundreds of times per phrase; comparing two `Word`s is two integer
/// compares, and a literal (`word(i) == "at"`, `case "until", "till":`) is packed at compile time (the
/// initialiser is inlined over a `StaticString`, so the optimiser folds it to constants). Every word of
/// the vocabulary fits in 16 bytes; a longer word keeps its first 15 bytes and a marker byte (0xFF, never
/// part of UTF-8 text), so it equals no literal. Text is needed only on rare paths (zone names,
/// hyphenated numbers), and `WhenGrammar.text(_:)` rebuilds it there.
struct Word: Hashable, Sendable, ExpressibleByStringLiteral {
    /// Bytes 0–7, the first byte in the lowest bits.
    private(set) var low: UInt64 = 0
    /// Bytes 8–15; top byte 0xFF for a word longer than 16 bytes.
    private(set) var high: UInt64 = 0

    /// The empty word (quoted tokens).
    init() {}

    @inline(__always)
    init(stringLiteral literal: StaticString) {
        self = literal.withUTF8Buffer { Word(bytes: $0) }
    }

    /// A word from text that is already lowercased (vocabulary tables).
    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Packs `bytes` as they are (the caller lowercases). Written as two plain loops so that, for a
    /// literal, the optimiser unrolls them and folds the word to two constants.
    @inline(__always)
    init<Bytes: RandomAccessCollection>(bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        let start = bytes.startIndex
        let count = bytes.count
        var shift: UInt64 = 0
        for i in 0..<Swift.min(count, 8) {
            low |= UInt64(bytes[start + i]) &<< shift
            shift &+= 8
        }
        shift = 0
        var i = 8
        while i < Swift.min(count, 16) {
            high |= UInt64(bytes[start + i]) &<< shift
            shift &+= 8
            i &+= 1
        }
        if count > 16 { high = (high & 0x00FF_FFFF_FFFF_FFFF) | 0xFF00_0000_0000_0000 }
    }

    /// Appends one byte (the tokenizer builds words byte by byte); `count` is the number already in.
    @inline(__always)
    mutating func append(_ byte: UInt8, count: Int) {
        if count < 8 {
            low |= UInt64(byte) &<< UInt64(count * 8)
        } else if count < 16 {
            high |= UInt64(byte) &<< UInt64((count - 8) * 8)
        } else {
            high = (high & 0x00FF_FFFF_FFFF_FFFF) | 0xFF00_0000_0000_0000
        }
    }

    /// The byte at `offset` (0 past the end of a short word).
    func byte(_ offset: Int) -> UInt8 {
        switch offset {
        case 0..<8: UInt8(truncatingIfNeeded: low &>> UInt64(offset * 8))
        case 8..<16: UInt8(truncatingIfNeeded: high &>> UInt64((offset - 8) * 8))
        default: 0
        }
    }

    /// Whether the word starts with `prefix` (a prefix of at most 8 bytes).
    func hasPrefix(_ prefix: Word) -> Bool {
        var length = 0
        while length < 8, prefix.byte(length) != 0 { length += 1 }
        let mask: UInt64 = length == 8 ? ~0 : (1 &<< UInt64(length * 8)) &- 1
        return low & mask == prefix.low
    }

    /// The first byte (0 for the empty word).
    var first: UInt8 { UInt8(truncatingIfNeeded: low) }

    /// Whether the word starts with an ASCII digit.
    var startsWithDigit: Bool { first >= 0x30 && first <= 0x39 }

    /// The packed bytes of a short word, in order (for building text and checking prefixes).
    var bytes: [UInt8] {
        var result: [UInt8] = []
        for offset in 0..<16 {
            let b = byte(offset)
            if b == 0 { break }
            result.append(b)
        }
        return result
    }
}
