import Foundation

/// An immutable hash table from `Word` to `WordInfo`, looked up once per token.
///
/// `Dictionary` hashes keys with SipHash, well over a hundred instructions a lookup; a `Word` is already
/// two well-mixed integers, so a multiply, a shift and linear probing in a table kept at most a quarter
/// full find a word in a couple of probes.
struct WordTable: Sendable {
    private let keys: [Word]
    private let values: [WordInfo]
    private let occupied: [Bool]
    private let mask: Int

    init(_ entries: [Word: WordInfo]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity *= 2 }
        var keys = [Word](repeating: Word(), count: capacity)
        var values = [WordInfo](repeating: .none, count: capacity)
        var occupied = [Bool](repeating: false, count: capacity)
        for (word, info) in entries {
            var slot = Self.slot(word, capacity - 1)
            while occupied[slot] { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = word
            values[slot] = info
            occupied[slot] = true
        }
        self.keys = keys
        self.values = values
        self.occupied = occupied
        self.mask = capacity - 1
    }

    /// The entry for `word`, if the table has one.
    func lookup(_ word: Word) -> WordInfo? {
        var slot = Self.slot(word, mask)
        while occupied[slot] {
            if keys[slot] == word { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Fibonacci hashing of both halves; the high bits of the product are the well-mixed ones.
    private static func slot(_ word: Word, _ mask: Int) -> Int {
        let mixed = (word.low &* 0x9E37_79B9_7F4A_7C15) ^ (word.high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> 40) & mask
    }
}
