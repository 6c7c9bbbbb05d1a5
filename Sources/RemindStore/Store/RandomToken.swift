import Foundation

/// Random secrets from the kernel CSPRNG (`SystemRandomNumberGenerator`).
public enum RandomToken {
    /// 128 random bits as 32 lower-case hex digits.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high: UInt64 = generator.next()
        let low: UInt64 = generator.next()
        return String(format: "%016llx%016llx", high, low)
    }
}
