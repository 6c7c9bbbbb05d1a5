import Foundation
import Testing
@testable import RemindCore

@Suite("Local time arithmetic (LocalTime against Calendar)")
struct LocalTimeTests {
    /// Foundation's Gregorian calendar, the oracle.
    private func expected(_ instant: Date, in zone: TimeZone) -> LocalTime? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: instant)
        // Local day numbers are pure date arithmetic: counted in UTC, where every day has 86,400 s.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? zone
        let day = utc.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day)) ?? instant
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday.flatMap(Weekday.init(rawValue:)),
              let hour = parts.hour, let minute = parts.minute, let second = parts.second,
              let dayNumber = utc.dateComponents([.day], from: Date(timeIntervalSince1970: 0), to: day).day else { return nil }
        var local = LocalTime(instant, in: zone)
        (local.dayNumber, local.year, local.month, local.day) = (dayNumber, year, month, dayOfMonth)
        (local.hour, local.minute, local.second) = (hour, minute, second)
        local.weekday = weekday
        return local
    }

    @Test("matches Foundation's Gregorian calendar across zones, DST changes, leap days, month ends and centuries",
          arguments: ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu",
                      "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati", "America/Santiago"])
    func matchesCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var instants: [Date] = []
        // Every 2 days 2 h 33 min 1 s from 1899 (UTC) or 1970 (zones: older local mean times have offsets in seconds,
        // which ICU reads differently; reminders are never that old) to 2101: every hour and weekday comes up.
        var seconds: Double = zoneName == "UTC" ? -2_240_524_800 : 0
        while seconds < 4_133_980_800 {
            instants.append(Date(timeIntervalSince1970: seconds))
            seconds += 181_981
        }
        // Around the zone's DST changes in 2026 and the leap days 2000-02-29 and 2028-02-29.
        for transitionFrom in [Date(timeIntervalSince1970: 1_767_225_600), Date(timeIntervalSince1970: 1_782_000_000)] {
            if let change = zone.nextDaylightSavingTimeTransition(after: transitionFrom) {
                instants += stride(from: -7_200.0, through: 7_200, by: 599.5).map { change.addingTimeInterval($0) }
            }
        }
        instants += [951_782_400, 951_868_799, 1_835_395_200, 1_835_481_599.999].map { Date(timeIntervalSince1970: $0) }
        var mismatches: [String] = []
        for instant in instants {
            let mine = LocalTime(instant, in: zone)
            if mine != expected(instant, in: zone), mismatches.count < 5 { mismatches.append("\(instant): \(mine)") }
        }
        #expect(mismatches.isEmpty, "\(zoneName): \(mismatches)")
        #expect(instants.count > 20_000)
    }
}
