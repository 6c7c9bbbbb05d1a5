/// Random secrets from the kernel CSPRNG (`SystemRandomNumberGenerator`).
public enum RandomToken {
    /// 128 random bits as 32 lower-case hex digits.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let words: (UInt64, UInt64) = (generator.next(), generator.next())
        // Written digit by digit: `String(format:)` went through CoreFoundation's formatter, a measurable
        // share of each claim's CPU (every claim makes one for the post's buttons).
        return String(unsafeUninitializedCapacity: 32) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for (offset, word) in [words.0, words.1].enumerated() {
                for nibble in 0..<16 {
                    let value = Int((word >> UInt64(60 - 4 * nibble)) & 0xF)
                    buffer[offset * 16 + nibble] = digits.utf8Start[value]
                }
            }
            return 32
        }
    }
}
