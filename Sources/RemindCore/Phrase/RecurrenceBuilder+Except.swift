import Foundation

extension RecurrenceBuilder {
    /// The pattern without the weekdays of `except …`: `every day` becomes weekly on the other days,
    /// a weekly repeat on given days loses those days. Other repeats have no days of the week to leave
    /// out, and leaving out every day leaves nothing: both are refused.
    static func withoutExceptedDays(_ pattern: RecurrencePattern, _ excepted: [Weekday]) -> Result<RecurrencePattern, Refusal> {
        let interval: Int
        let days: [Weekday]
        switch pattern {
        case .daily(1):
            (interval, days) = (1, Weekday.allCases)
        case .weekly(let n, let listed) where !listed.isEmpty:
            (interval, days) = (n, listed)
        default:
            return .failure(.exceptionNeedsWeekdays)
        }
        let kept = days.filter { !excepted.contains($0) }
        return kept.isEmpty ? .failure(.exceptionLeavesNothing) : .success(.weekly(interval: interval, days: kept))
    }
}
