import Foundation

/// A relative duration: calendar steps (same wall-clock time in the zone) plus exact elapsed seconds.
struct CalendarDuration: Sendable, Equatable {
    var months = 0
    var days = 0
    var seconds = 0.0

    var isZero: Bool { months == 0 && days == 0 && seconds == 0 }

    /// Adds `amount` of `unit`; fractions of a calendar unit become smaller steps (1.5 days = 1 day 12 h).
    mutating func add(_ amount: Double, _ unit: DurationUnit) {
        switch unit {
        case .second: seconds += amount
        case .minute: seconds += amount * 60
        case .hour: seconds += amount * 3_600
        case .day:
            let whole = amount.rounded(.down)
            days += Int(whole)
            seconds += (amount - whole) * 86_400
        case .week: add(amount * 7, .day)
        case .fortnight: add(amount * 14, .day)
        case .month:
            let whole = amount.rounded(.down)
            months += Int(whole)
            days += Int(((amount - whole) * 30).rounded())
        case .year:
            let whole = amount.rounded(.down)
            months += Int(whole) * 12
            months += Int(((amount - whole) * 12).rounded())
        }
    }
}

/// am / pm, written or implied by a part of the day.
enum Meridiem: Sendable, Equatable { case am, pm }

/// A time of day as written.
struct ClockTime: Sendable, Equatable {
    var hour: Int
    var minute: Int
    var second = 0
    var meridiem: Meridiem?
    /// Written so that only the 24-hour reading makes sense (`17:30`, `09:00`, `0:30`).
    var literal24 = false
    /// `midnight`: with a day, the midnight that ends that day.
    var isMidnight = false

    /// An hour 1–12 without am/pm: 7:00 or 19:00.
    var isAmbiguous: Bool { meridiem == nil && !literal24 && (1...12).contains(hour) }

    /// 12 or 1–4 without am/pm: with the night (`tonight at 3`, `1 at night`), after midnight.
    var isSmallHour: Bool { isAmbiguous && (hour == 12 || hour <= 4) }

    /// The 24-hour hour for a known meridiem.
    func hour24(_ meridiem: Meridiem) -> Int {
        let base = hour % 12
        return meridiem == .pm ? base + 12 : base
    }

    /// The hour people mean by an ambiguous hour when "the next one after now" does not apply (a repeat,
    /// or a one-off on a named day other than today: nobody means 3 a.m. by `next monday at 3`):
    /// 1–6 are the afternoon, 7–11 the morning, 12 is noon.
    var usualHour24: Int { (1...6).contains(hour) ? hour + 12 : hour }
}

/// The part of the day a phrase names (`tomorrow morning`, `tonight`, `every evening`).
enum PartOfDay: Sendable, Equatable {
    case morning, afternoon, evening, night

    var defaultHour: Int {
        switch self {
        case .morning: 9
        case .afternoon: 15
        case .evening: 18
        case .night: 21
        }
    }

    var meridiem: Meridiem { self == .morning ? .am : .pm }

    /// Whether an hour written without am/pm (1–12) is one people say with this part of the day: 5–11 in
    /// the morning, 12–6 in the afternoon, 5–11 in the evening, 6–12 at night.
    func fits(hour: Int) -> Bool {
        switch self {
        case .morning: (5...11).contains(hour)
        case .afternoon: hour == 12 || (1...6).contains(hour)
        case .evening: (5...11).contains(hour)
        case .night: (6...12).contains(hour)
        }
    }
}

/// How a weekday was qualified: `friday` / `this friday` (on or after today), `next friday` (strictly
/// after), or `last friday` (strictly before: always in the past, so refused with the date it meant).
/// `inNextWeek`: that day of the next Monday-to-Sunday week (`tuesday next week`).
enum WeekdayMode: Sendable, Equatable { case nearest, next, last, inNextWeek }

/// The day a one-off reminder (or a bound of a recurring one) falls on.
enum DayAnchor: Sendable, Equatable {
    case today
    /// Days after today (tomorrow = 1).
    case daysAhead(Int)
    case weekday(Weekday, WeekdayMode)
    case nextWeek
    case nextMonth
    case endOfMonth
    /// A date by name or number; the year when written.
    case date(month: Int, day: Int, year: Int?)
    /// `on the 15th`: that day of this month or the next month that has it.
    case dayOfMonth(Int)
    /// `the first monday of the month`; ordinal -1 is the last.
    case nthWeekday(Int, Weekday)
    /// `the first monday of next month`, `the 2nd tuesday of june`, `the 15th of next month`: a day in
    /// one given month (the next one that is still ahead for a named month).
    case inMonth(MonthDay, MonthRef)
    /// `starting january`, `from june 2027` (a start only): the 1st of that month — the next such month
    /// still ahead when no year is written.
    case monthStart(month: Int, year: Int?)
    /// `from 2030` (a start only): January 1 of that year.
    case yearStart(Int)
    /// `next year`: January 1 of next year.
    case nextYear
    /// `easter`, `good friday` (-2), `easter monday` (1): days from Easter Sunday.
    case easter(offset: Int)
    /// `until october`, `until the end of june 2027`, `end of year`: the last day of that month (the next
    /// one not yet over when no year is written).
    case monthEnd(month: Int, year: Int?)
    /// `2 days after next friday`, `a week from tomorrow`, `the day after friday`: a day counted from another.
    indirect case after(DayAnchor, months: Int, days: Int)
    /// `the monday after next thursday`: the first such weekday after a day.
    indirect case weekdayAfter(Weekday, DayAnchor)
}

/// A day picked inside a month: by number (-1 the last) or as the nth weekday.
enum MonthDay: Sendable, Equatable {
    case number(Int)
    case nthWeekday(Int, Weekday)
    /// The first (1) or last (-1) Monday-to-Friday day.
    case workday(Int)
}

/// Which month `inMonth` means.
enum MonthRef: Sendable, Equatable {
    /// `of the month`: this month's, or next month's once it has passed.
    case current
    /// Months after this one: 1 is next month, 2 the month after next.
    case ahead(Int)
    /// A month by name; the year when written (`last friday of april 2027`).
    case named(Int, year: Int?)
}

/// The repeating part of a recurring phrase, before it is turned into an RRULE.
enum RecurrencePattern: Sendable, Equatable {
    case daily(interval: Int)
    /// Empty `days`: the weekday of the first occurrence.
    case weekly(interval: Int, days: [Weekday])
    /// Empty `days`: today's date. -1 is the last day.
    case monthlyByDay(interval: Int, days: [Int])
    case monthlyByWeekday(interval: Int, days: [WeekdayNum])
    /// nil month/day: today's date.
    case yearly(interval: Int, month: Int?, day: Int?)
    /// `every 3/15 and 10/15`, `every may 5 and 25`: every listed month on every listed day.
    case yearlyDates(interval: Int, months: [Int], days: [Int])
    /// `every year on the last monday in may`: the nth weekday of one month.
    case yearlyByWeekday(interval: Int, month: Int, day: WeekdayNum)
    case hourly(interval: Int)
    case minutely(interval: Int)
}

/// What the *when* elements of a phrase say, merged (`WhenFields`). Each element fills some fields; two
/// elements that fill the same field conflict.
///
/// The fields live behind one reference, copied on write: every grammar rule tried returns a spec, and
/// specs are kept per token and merged per chain, so copying one must cost a retain rather than the
/// few hundred bytes (and a check of every optional field) of the fields themselves.
@dynamicMemberLookup
struct WhenSpec: Sendable, Equatable {
    /// The fields; mutated only in place of a uniquely referenced box (see `update`), so a box is never
    /// shared while it changes — which is also why its accesses need no run-time exclusivity check.
    private final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: WhenFields
        init(_ fields: WhenFields) { self.fields = fields }
    }

    private var box: Box

    /// A spec with the fields that grammar rules fill first; the others are set afterwards.
    init(relative: CalendarDuration? = nil, time: ClockTime? = nil, partOfDay: PartOfDay? = nil, defaultHour: Int? = nil,
         day: DayAnchor? = nil, weekdays: [Weekday]? = nil, pattern: RecurrencePattern? = nil, count: Int? = nil,
         until: DayAnchor? = nil, starting: DayAnchor? = nil) {
        box = Box(WhenFields(relative: relative, time: time, partOfDay: partOfDay, defaultHour: defaultHour, day: day,
                             weekdays: weekdays, pattern: pattern, count: count, until: until, starting: starting))
    }

    /// `spec.time`, `spec.until = …`: the fields read and written as if stored here.
    subscript<Value>(dynamicMember field: WritableKeyPath<WhenFields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set { update { $0[keyPath: field] = newValue } }
    }

    /// Changes the fields, first copying them into a box of this spec's own when the box is shared.
    private mutating func update<Result>(_ change: (inout WhenFields) -> Result) -> Result {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return change(&box.fields)
    }

    static func == (a: WhenSpec, b: WhenSpec) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    /// Merges `other` into this spec; false when both say the same kind of thing (the fields taken
    /// before the conflict stay taken).
    mutating func merge(_ other: WhenSpec) -> Bool {
        let theirs = other.box.fields
        return update { $0.merge(theirs) }
    }

    var isEmpty: Bool { box.fields == WhenFields() }

    /// Says the reminder repeats (a pattern or a set of days).
    var repeats: Bool { box.fields.pattern != nil || box.fields.weekdays != nil || box.fields.monthDays != nil }

    /// Bounds (`until`, `10 times`, `starting`, `for 2 weeks`) and exceptions (`except friday`) only make
    /// sense with a repeat; a chain that has one without a repeat is not a *when* (`book a room for 2 hours`).
    var hasBoundWithoutRepeat: Bool {
        !repeats && (box.fields.count != nil || box.fields.until != nil || box.fields.untilTime != nil
            || box.fields.starting != nil || box.fields.lasting != nil || box.fields.exceptDays != nil)
    }
}
