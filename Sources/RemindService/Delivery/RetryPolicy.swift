import Foundation

/// When to try a delivery again after a 5xx or a network error: exponential backoff with full jitter
/// (a random delay between half and all of `base × 2^(attempt-1)`, capped), so that many reminders
/// failing together during an outage do not come back in lockstep.
struct RetryPolicy: Sendable, Equatable {
    /// The delay ceiling after the first failure.
    var base: TimeInterval
    /// The longest delay between two attempts.
    var maximum: TimeInterval

    /// 1 s, doubling up to 5 minutes.
    static let standard = RetryPolicy(base: 1, maximum: 300)

    /// The delay before attempt `attempts + 1`, given `attempts` failed attempts so far (≥ 1).
    func delay(afterAttempts attempts: Int) -> TimeInterval {
        let exponent = Double(min(max(attempts, 1) - 1, 30))
        let ceiling = min(maximum, base * pow(2, exponent))
        var generator = SystemRandomNumberGenerator()
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2), using: &generator)
    }
}
