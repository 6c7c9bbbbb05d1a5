import Foundation
import TestSupport
import Testing
@testable import RemindCore

/// Generated rules, zones and reference instants (seeded, so failures reproduce), checked against an
/// independent day-by-day oracle built on Foundation's `Calendar`.
@Suite("Recurrence engine properties")
struct RecurrencePropertyTests {
    static let zones = [
        "America/New_York", "Europe/Berlin", "Australia/Adelaide", "Australia/Lord_Howe", "Asia/Kathmandu",
        "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "UTC",
    ]

    static func randomRule(_ random: inout SplitMix64) -> RecurrenceRule {
        while true {
            let frequency = [Frequency.daily, .weekly, .monthly, .yearly, .hourly, .minutely,
                             .daily, .weekly, .monthly].randomElement(using: &random) ?? .daily
            var rule = RecurrenceRule(frequency: frequency, interval: Int.random(in: 1...3, using: &random))
            if frequency == .hourly || frequency == .minutely {
                if Bool.random(using: &random) { rule.interval = Int.random(in: 1...90, using: &random) }
            } else {
                // Early-morning hours often, so daylight-saving gaps and repeats are hit.
                rule.byHour = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                    Bool.random(using: &random) ? Int.random(in: 0...3, using: &random) : Int.random(in: 0...23, using: &random)
                }
                rule.byMinute = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                    [0, 15, 30, 45, Int.random(in: 0...59, using: &random)].randomElement(using: &random) ?? 0
                }
                if Int.random(in: 0..<5, using: &random) == 0 { rule.bySecond = [Int.random(in: 1...59, using: &random)] }
                let weekdays = Weekday.allCases.shuffled(using: &random)
                switch frequency {
                case .daily:
                    if Int.random(in: 0..<4, using: &random) == 0 { rule.byDay = weekdays.prefix(3).map { WeekdayNum($0) } }
                    if Int.random(in: 0..<6, using: &random) == 0 { rule.byMonth = [Int.random(in: 1...12, using: &random)] }
                case .weekly:
                    rule.byDay = weekdays.prefix(Int.random(in: 0...3, using: &random)).map { WeekdayNum($0) }
                case .monthly, .yearly:
                    if frequency == .yearly { rule.byMonth = [Int.random(in: 1...12, using: &random)] }
                    if Bool.random(using: &random) {
                        rule.byMonthDay = [[1, 15, 28, 29, 30, 31, -1, -2, Int.random(in: 1...31, using: &random)]
                            .randomElement(using: &random) ?? 1]
                    } else {
                        let ordinal = [1, 2, 3, 4, 5, -1, -2, -5].randomElement(using: &random) ?? 1
                        rule.byDay = [WeekdayNum(weekdays[0], ordinal: ordinal)]
                    }
                case .hourly, .minutely:
                    break
                }
            }
            if Int.random(in: 0..<5, using: &random) == 0 { rule.count = Int.random(in: 1...6, using: &random) }
            // Repeated BY… values mean nothing and the RRULE reader drops them: generate canonical lists.
            rule.byHour = rule.byHour.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            rule.byMinute = rule.byMinute.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            if (try? rule.validate()) != nil { return rule }
        }
    }

    @Test("the zone offset table agrees with TimeZone, inside and outside its range")
    func zoneTableMatchesFoundation() {
        var random = SplitMix64(seed: 7)
        for identifier in Self.zones {
            let zone = RecurrenceFixtures.zone(identifier)
            let clock = ZoneClock.forZone(zone)
            for _ in 0..<300 {
                let instant = Int.random(in: -2_500_000_000...7_500_000_000, using: &random)
                #expect(clock.offset(atInstant: instant) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))),
                        "\(identifier) at \(instant)")
            }
        }
    }

    @Test("generated rules: after the reference, increasing, on the rule's wall clock, nothing skipped, text round-trips")
    func generatedRules() throws {
        var random = SplitMix64(seed: 20_261_123)
        for iteration in 0..<300 {
            let rule = Self.randomRule(&random)
            let zone = RecurrenceFixtures.zone(Self.zones.randomElement(using: &random) ?? "UTC")
            // References from 2020 to 2035, with fractional seconds.
            var reference = Date(timeIntervalSince1970: Double.random(in: 1_577_836_800...2_082_758_400, using: &random).rounded(.down) + 0.25)
            // Half the time, just before a daylight-saving transition, so gaps and repeats are exercised.
            if Bool.random(using: &random), let transition = zone.nextDaylightSavingTimeTransition(after: reference) {
                reference = transition.addingTimeInterval(-Double(Int.random(in: 1...(3 * 86_400), using: &random)) - 0.75)
            }
            let context = "#\(iteration) \(rule.rrule) in \(zone.identifier) after \(reference)"

            #expect(try RecurrenceRule(rrule: rule.rrule) == rule, "\(context)")

            guard let start = Recurrence.firstOccurrence(of: rule, after: reference, in: zone) else {
                Issue.record("no first occurrence: \(context)")
                continue
            }
            #expect(start > reference, "\(context)")
            let recurrence = Recurrence(rule: rule, start: start, timeZone: zone)
            let occurrences = recurrence.occurrences(after: start, limit: rule.frequency == .yearly ? 3 : 8)
            let series = [start] + occurrences
            #expect(zip(series, series.dropFirst()).allSatisfy { $0 < $1 }, "\(context): \(series)")
            if let count = rule.count { #expect(series.count <= count, "\(context)") }
            if let middle = occurrences.first {
                #expect(recurrence.occurrence(after: middle.addingTimeInterval(-0.5)) == middle, "\(context)")
            }

            if let step = rule.elapsedStep {
                #expect(start == reference.addingTimeInterval(step), "\(context)")
                #expect(zip(series, series.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == step }, "\(context)")
                continue
            }
            var oracle = Oracle(rule: rule, zone: zone)
            // firstOccurrence ignores the phase: the oracle with interval 1 from the reference.
            #expect(oracle.occurrences(from: reference, anchor: reference, phaseFree: true, limit: 1) == [start], "\(context)")
            let expected = oracle.occurrences(from: start, anchor: start, phaseFree: false, limit: series.count + 1)
            // The oracle looks 12 years ahead: rare yearly rules may outrun it, so compare what it saw.
            let compared = min(series.count, expected.count)
            #expect(compared >= min(series.count, rule.frequency == .yearly ? 1 : 2), "\(context)")
            #expect(Array(expected.prefix(compared)) == Array(series.prefix(compared)),
                    "\(context)\n engine \(series)\n oracle \(expected)")
            if expected.count <= series.count, rule.count == nil, rule.frequency != .yearly {
                Issue.record("the oracle ended before the engine: \(context)")
            }
        }
    }
}

/// An independent, slow model of the rule semantics: walks calendar days with Foundation's `Calendar`
/// and resolves wall-clock times with `nextDate(…, matchingPolicy: .nextTime, repeatedTimePolicy: .first)`.
struct Oracle {
    let rule: RecurrenceRule
    var calendar: Calendar

    init(rule: RecurrenceRule, zone: TimeZone) {
        self.rule = rule
        calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
    }

    /// Occurrences at or after `from` (a matching instant; later ones strictly after it).
    mutating func occurrences(from: Date, anchor: Date, phaseFree: Bool, limit: Int) -> [Date] {
        let anchorParts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: anchor)
        let anchorDay = calendar.startOfDay(for: anchor)
        let anchorMondayOffset = ((anchorParts.weekday ?? 2) + 5) % 7
        let interval = phaseFree ? 1 : rule.interval
        let hours = rule.byHour.isEmpty ? [anchorParts.hour ?? 0] : rule.byHour
        let minutes = rule.byMinute.isEmpty ? [anchorParts.minute ?? 0] : rule.byMinute
        let seconds = rule.bySecond.isEmpty ? [0] : rule.bySecond
        var times: [DateComponents] = []
        for hour in hours { for minute in minutes { for second in seconds {
            times.append(DateComponents(hour: hour, minute: minute, second: second))
        } } }
        var result: [Date] = []
        var day = calendar.startOfDay(for: from)
        let strictlyAfter = phaseFree
        for _ in 0..<(366 * 12) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            let dayDiff = calendar.dateComponents([.day], from: anchorDay, to: day).day ?? 0
            let monthDiff = ((parts.year ?? 0) - (anchorParts.year ?? 0)) * 12 + (parts.month ?? 0) - (anchorParts.month ?? 0)
            let inPhase: Bool = switch rule.frequency {
            case .daily: dayDiff % interval == 0
            case .weekly: Int((Double(dayDiff + anchorMondayOffset) / 7).rounded(.down)) % interval == 0
            case .monthly: monthDiff % interval == 0
            case .yearly, .hourly, .minutely: ((parts.year ?? 0) - (anchorParts.year ?? 0)) % interval == 0
            }
            if inPhase, matches(parts, anchor: anchorParts) {
                let instants = times.compactMap { resolve($0, on: day) }.sorted()
                for instant in instants where (strictlyAfter ? instant > from : instant >= from) && instant > (result.last ?? .distantPast) {
                    result.append(instant)
                    if result.count == limit || result.count == rule.count { return result }
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return result
    }

    /// The instant of a wall-clock time on `day`. Foundation's `.nextTime` moves a time in a gap to the
    /// next whole hour (04:00 for Chatham's 02:45–03:45 gap); remindd's rule is the transition itself.
    private func resolve(_ time: DateComponents, on day: Date) -> Date? {
        guard let found = calendar.nextDate(after: day.addingTimeInterval(-1), matching: time, matchingPolicy: .nextTime,
                                            repeatedTimePolicy: .first, direction: .forward) else { return nil }
        let wall = calendar.dateComponents([.hour, .minute, .second], from: found)
        if wall.hour == time.hour, wall.minute == time.minute, wall.second == time.second { return found }
        return calendar.timeZone.nextDaylightSavingTimeTransition(after: day)
    }

    private func matches(_ parts: DateComponents, anchor: DateComponents) -> Bool {
        let (month, day, weekday) = (parts.month ?? 0, parts.day ?? 0, parts.weekday ?? 0)
        let defaultMonthOnly = rule.frequency == .yearly && rule.byMonth.isEmpty && rule.byMonthDay.isEmpty && rule.byDay.isEmpty
        if !rule.byMonth.isEmpty, !rule.byMonth.contains(month) { return false }
        if defaultMonthOnly, month != anchor.month { return false }
        let length = daysInMonth(year: parts.year ?? 0, month: month)
        if !rule.byMonthDay.isEmpty, !rule.byMonthDay.contains(where: { ($0 > 0 ? $0 : length + 1 + $0) == day }) {
            return false
        }
        if !rule.byDay.isEmpty {
            let matchesDay = rule.byDay.contains { entry in
                guard entry.weekday.rawValue == weekday else { return false }
                guard let ordinal = entry.ordinal else { return true }
                return ordinal > 0 ? (day - 1) / 7 + 1 == ordinal : -((length - day) / 7 + 1) == ordinal
            }
            if !matchesDay { return false }
        }
        switch rule.frequency {
        case .weekly where rule.byDay.isEmpty: return weekday == anchor.weekday
        case .monthly, .yearly:
            if rule.byMonthDay.isEmpty, rule.byDay.isEmpty { return day == anchor.day }
            return true
        default: return true
        }
    }

    private func daysInMonth(year: Int, month: Int) -> Int {
        let date = calendar.date(from: DateComponents(year: year, month: month, day: 1, hour: 12)) ?? Date()
        return calendar.range(of: .day, in: .month, for: date)?.count ?? 31
    }
}
