import Foundation

/// A recurring schedule: a rule, the instant of its first occurrence (RFC 5545 `DTSTART`) and the IANA
/// zone whose wall clock the rule is evaluated on.
public struct Recurrence: Sendable, Hashable {
    public var rule: RecurrenceRule
    /// The first occurrence; intervals (every other week, every 2 hours) count from here.
    public var start: Date
    public var timeZone: TimeZone

    public init(rule: RecurrenceRule, start: Date, timeZone: TimeZone) {
        self.rule = rule
        self.start = start
        self.timeZone = timeZone
    }

    // API implemented by the recurrence engine (RecurrenceEngine*.swift):
    //   public func occurrence(after instant: Date) -> Date?
    //       the first occurrence strictly after `instant` (nil when COUNT/UNTIL ended the series)
    //   public func occurrences(after instant: Date, limit: Int) -> [Date]
    //   public static func firstOccurrence(of rule: RecurrenceRule, after instant: Date,
    //                                      in zone: TimeZone) -> Date?
    //       the first instant strictly after `instant` that matches the rule's BY* parts, used as `start`
}
