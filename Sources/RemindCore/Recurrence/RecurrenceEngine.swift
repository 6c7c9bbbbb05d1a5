import Foundation

// PLACEHOLDER: replaced by the recurrence engine (issue 3). Signatures are the contract.
extension Recurrence {
    /// The first occurrence strictly after `instant`, or nil when COUNT/UNTIL ended the series.
    public func occurrence(after instant: Date) -> Date? { nil }

    /// Up to `limit` occurrences strictly after `instant`, in increasing order.
    public func occurrences(after instant: Date, limit: Int) -> [Date] { [] }

    /// The first instant strictly after `instant` matching the rule's BY* parts in `zone`: the `start`
    /// of a new recurrence. COUNT/UNTIL are honoured (nil when nothing matches before UNTIL).
    public static func firstOccurrence(of rule: RecurrenceRule, after instant: Date, in zone: TimeZone) -> Date? { nil }
}

extension RecurrenceRule {
    /// Parses RRULE text such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=10;BYMINUTE=0`.
    public init(rrule text: String) throws { throw RecurrenceRuleError.invalid(text) }

    /// The RRULE text of this rule (`FREQ=…;…`), parts in RFC 5545 order.
    public var rrule: String { "" }
}

/// RRULE text that cannot be read.
public enum RecurrenceRuleError: Error, Sendable, Equatable {
    case invalid(String)
}
