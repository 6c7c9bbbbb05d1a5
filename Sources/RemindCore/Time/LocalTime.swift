import Foundation

/// The wall-clock reading of an instant in a zone on the proleptic Gregorian calendar (whole seconds, rounded
/// down), from the grammar's own arithmetic (`CivilClock` on the cached transition table, `LocalDate`): what
/// presentation needs without `Calendar`, whose ICU calls cost microseconds each on Linux.
public struct LocalTime: Equatable, Sendable {
    /// Days since 1970-01-01 in the zone's local time.
    public var dayNumber: Int
    public var year: Int
    /// 1…12.
    public var month: Int
    public var day: Int
    public var weekday: Weekday
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The reading of `instant` on `zone`'s clocks.
    public init(_ instant: Date, in zone: TimeZone) {
        let reading = CivilClock(zone).local(instant)
        dayNumber = reading.date.dayNumber
        year = reading.date.year
        month = reading.date.month
        day = reading.date.day
        weekday = reading.date.weekday
        hour = reading.hour
        minute = reading.minute
        second = reading.second
    }
}
