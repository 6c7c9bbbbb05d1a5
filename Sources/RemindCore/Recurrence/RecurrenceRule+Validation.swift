extension RecurrenceRule {
    /// The largest `INTERVAL` accepted: keeps every step far from integer overflow.
    public static let maximumInterval = 100_000
    /// The longest BY… list accepted (BYMONTHDAY's 62 distinct values, 1…31 and -1…-31, is the most any
    /// part can hold; BYDAY's ordinals and weekdays fit too).
    public static let maximumListLength = 62
    /// The most times of day a rule may name (BYHOUR × BYMINUTE × BYSECOND): once a minute.
    public static let maximumTimesPerDay = 1_440

    /// Checks the ranges of every part and that the combination is one the engine evaluates.
    /// The engine treats a rule that fails this check as having no occurrences.
    public func validate() throws(RecurrenceRuleError) {
        guard (1...Self.maximumInterval).contains(interval) else {
            throw .valueOutOfRange(part: "INTERVAL", value: interval)
        }
        if let count, count < 1 {
            throw .valueOutOfRange(part: "COUNT", value: count)
        }
        if count != nil, until != nil {
            throw .unsupportedCombination("COUNT and UNTIL cannot both be given")
        }
        try Self.checkRange(byMonth, part: "BYMONTH") { (1...12).contains($0) }
        try Self.checkRange(byMonthDay, part: "BYMONTHDAY") { (1...31).contains(abs($0)) }
        try Self.checkRange(byHour, part: "BYHOUR") { (0...23).contains($0) }
        try Self.checkRange(byMinute, part: "BYMINUTE") { (0...59).contains($0) }
        try Self.checkRange(bySecond, part: "BYSECOND") { (0...59).contains($0) }
        try Self.checkRange(byDay.compactMap(\.ordinal), part: "BYDAY ordinal") { (1...5).contains(abs($0)) }
        for (part, count) in [("BYMONTH", byMonth.count), ("BYMONTHDAY", byMonthDay.count), ("BYDAY", byDay.count),
                              ("BYHOUR", byHour.count), ("BYMINUTE", byMinute.count), ("BYSECOND", bySecond.count)]
        where count > Self.maximumListLength {
            throw .valueOutOfRange(part: part, value: count)
        }
        let timesPerDay = max(1, Set(byHour).count) * max(1, Set(byMinute).count) * max(1, Set(bySecond).count)
        guard timesPerDay <= Self.maximumTimesPerDay else {
            throw .unsupportedCombination("BYHOUR × BYMINUTE × BYSECOND name \(timesPerDay) times a day; at most \(Self.maximumTimesPerDay)")
        }
        try validateCombination()
    }

    private func validateCombination() throws(RecurrenceRuleError) {
        let hasOrdinal = byDay.contains { $0.ordinal != nil }
        switch frequency {
        case .hourly, .minutely:
            if !(byMonth.isEmpty && byMonthDay.isEmpty && byDay.isEmpty && byHour.isEmpty
                && byMinute.isEmpty && bySecond.isEmpty) {
                throw .unsupportedCombination("\(frequency.rawValue) rules take no BY… parts")
            }
        case .daily:
            if hasOrdinal {
                throw .unsupportedCombination("BYDAY ordinals (1MO, -1FR) need FREQ=MONTHLY or YEARLY")
            }
        case .weekly:
            if hasOrdinal {
                throw .unsupportedCombination("BYDAY ordinals (1MO, -1FR) need FREQ=MONTHLY or YEARLY")
            }
            if !byMonthDay.isEmpty {
                throw .unsupportedCombination("BYMONTHDAY cannot be used with FREQ=WEEKLY")
            }
        case .monthly:
            break
        case .yearly:
            if hasOrdinal, byMonth.isEmpty {
                throw .unsupportedCombination("yearly BYDAY ordinals need BYMONTH (nth weekday of a month)")
            }
        }
        // A day of the month that none of the allowed months has (BYMONTH=2;BYMONTHDAY=30) never occurs.
        if !byMonthDay.isEmpty {
            let longestMonth = byMonth.isEmpty ? 31 : byMonth.map { CivilCalendar.daysInMonth(year: 2000, month: $0) }.max() ?? 31
            if !byMonthDay.contains(where: { abs($0) <= longestMonth }) {
                throw .unsupportedCombination("BYMONTHDAY=\(byMonthDay.map(String.init).joined(separator: ",")) never occurs in the months of BYMONTH")
            }
        }
    }

    private static func checkRange(
        _ values: [Int], part: String, isValid: (Int) -> Bool
    ) throws(RecurrenceRuleError) {
        if let bad = values.first(where: { !isValid($0) }) {
            throw .valueOutOfRange(part: part, value: bad)
        }
    }
}
