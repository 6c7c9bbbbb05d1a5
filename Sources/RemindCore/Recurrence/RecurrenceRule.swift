import Foundation

/// How often a recurrence repeats (RFC 5545 `FREQ`).
public enum Frequency: String, Sendable, Hashable, Codable, CaseIterable {
    case yearly = "YEARLY"
    case monthly = "MONTHLY"
    case weekly = "WEEKLY"
    case daily = "DAILY"
    case hourly = "HOURLY"
    case minutely = "MINUTELY"
}

/// A day of the week, numbered as Foundation's `Calendar` numbers them (Sunday = 1).
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable {
    case sunday = 1, monday, tuesday, wednesday, thursday, friday, saturday

    /// The RFC 5545 two-letter code (`MO`, `TU`, …).
    public var code: String {
        switch self {
        case .sunday: "SU"
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        }
    }
}

/// A `BYDAY` element: a weekday, optionally with an ordinal within the month (`1MO`, `-1FR`).
public struct WeekdayNum: Sendable, Hashable, Codable {
    /// 1…5 or -1…-5 for "the nth (from the end) such weekday of the month"; nil for every such weekday.
    public var ordinal: Int?
    public var weekday: Weekday

    public init(_ weekday: Weekday, ordinal: Int? = nil) {
        self.weekday = weekday
        self.ordinal = ordinal
    }
}

/// The subset of an RFC 5545 RRULE that remindd supports.
///
/// Times (`byHour`, `byMinute`, `bySecond`) are wall-clock values in the zone of the `Recurrence`
/// that holds the rule. Sub-day rules (`hourly`, `minutely`) carry no time parts: they are anchored
/// at the recurrence's start.
public struct RecurrenceRule: Sendable, Hashable, Codable {
    public var frequency: Frequency
    public var interval: Int
    public var byMonth: [Int]
    public var byMonthDay: [Int]
    public var byDay: [WeekdayNum]
    public var byHour: [Int]
    public var byMinute: [Int]
    public var bySecond: [Int]
    public var count: Int?
    /// The last instant an occurrence may fall on (inclusive), as RFC 5545 `UNTIL` in UTC.
    public var until: Date?

    public init(
        frequency: Frequency, interval: Int = 1, byMonth: [Int] = [], byMonthDay: [Int] = [],
        byDay: [WeekdayNum] = [], byHour: [Int] = [], byMinute: [Int] = [], bySecond: [Int] = [],
        count: Int? = nil, until: Date? = nil
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byMonth = byMonth
        self.byMonthDay = byMonthDay
        self.byDay = byDay
        self.byHour = byHour
        self.byMinute = byMinute
        self.bySecond = bySecond
        self.count = count
        self.until = until
    }
}
