import Foundation

/// Who receives a reminder.
public enum Target: Sendable, Hashable {
    /// The person who typed the command.
    case me
    /// A Mattermost user, by username without the `@`.
    case user(String)
    /// A channel, by its URL name without the `~`.
    case channel(String)
}

/// When a reminder fires.
public enum Schedule: Sendable, Hashable {
    case once(Date)
    case recurring(Recurrence)
}

/// A `/remind` phrase understood: who, what, in which zone, and when.
public struct ParsedReminder: Sendable, Hashable {
    public var targets: [Target]
    public var message: String
    /// The zone the phrase is read in (the phrase's own zone when it names one).
    public var timeZone: TimeZone
    public var schedule: Schedule
    /// For a one-off whose hour was written without am/pm (`at 4`, `friday at 7:30`): the instant of
    /// the other reading (the same clock time twelve hours away, on the same day or, when that is past,
    /// the next), which the confirmation offers as "Did you mean …?". Nil when the phrase was not ambiguous.
    public var otherReading: Date?

    public init(targets: [Target], message: String, timeZone: TimeZone, schedule: Schedule, otherReading: Date? = nil) {
        self.targets = targets
        self.message = message
        self.timeZone = timeZone
        self.schedule = schedule
        self.otherReading = otherReading
    }

    /// The first occurrence and the following ones, up to `limit` in all (one element for a one-off).
    public func occurrences(limit: Int) -> [Date] {
        guard limit > 0 else { return [] }
        switch schedule {
        case .once(let date):
            return [date]
        case .recurring(let recurrence):
            return [recurrence.start] + recurrence.occurrences(after: recurrence.start, limit: limit - 1)
        }
    }

    /// The first occurrence.
    public var first: Date {
        switch schedule {
        case .once(let date): date
        case .recurring(let recurrence): recurrence.start
        }
    }
}
