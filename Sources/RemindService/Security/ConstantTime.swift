import Foundation

/// Comparisons of secrets (command tokens, action tokens, list tokens) whose duration does not depend on
/// where the inputs first differ, so a caller cannot guess a token byte by byte from response times.
public enum ConstantTime {
    /// Whether `candidate` equals `secret`. The time depends only on the lengths, never on the contents.
    public static func equals(_ candidate: String, _ secret: String) -> Bool {
        let left = Array(candidate.utf8)
        let right = Array(secret.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        // Walk the secret's length every time; a shorter candidate is compared against zero bytes.
        for index in 0..<right.count {
            let byte = index < left.count ? left[index] : 0
            difference |= byte ^ right[index]
        }
        return difference == 0 && !right.isEmpty
    }

    /// Whether `candidate` equals any of `secrets`; every secret is compared, matched or not.
    public static func equalsAny(_ candidate: String, _ secrets: [String]) -> Bool {
        var matched = false
        for secret in secrets where equals(candidate, secret) { matched = true }
        return matched
    }
}
