import Foundation

/// Converts between instants and wall-clock readings in one zone, with remindd's rules for the
/// readings that daylight-saving transitions skip or repeat.
struct ZoneClock: Sendable {
    let zone: TimeZone

    init(_ zone: TimeZone) { self.zone = zone }

    func offset(at seconds: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The wall-clock reading at `instant` (fractions of a second dropped).
    func local(_ instant: Date) -> LocalDateTime {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        return LocalDateTime(nominalSeconds: seconds + offset(at: seconds))
    }

    /// The instant showing `reading` on this zone's clock. A reading skipped by a spring-forward gap
    /// maps to the first valid instant after it (the transition); a repeated reading maps to its first
    /// instance.
    func instant(_ reading: LocalDateTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(instantSeconds(reading)))
    }

    func instantSeconds(_ reading: LocalDateTime) -> Int {
        let nominal = reading.nominalSeconds
        let before = offset(at: nominal - 86_400)
        let after = offset(at: nominal + 86_400)
        let early = nominal - before
        let late = nominal - after
        let earlyValid = offset(at: early) == before
        let lateValid = offset(at: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (true, false): return early
        case (false, true): return late
        case (false, false):
            // A gap: the first valid instant after the reading is the transition itself.
            let from = Date(timeIntervalSince1970: TimeInterval(min(early, late)))
            if let transition = zone.nextDaylightSavingTimeTransition(after: from) {
                return Int(transition.timeIntervalSince1970.rounded(.down))
            }
            return early
        }
    }

    /// ISO 8601 with seconds and the offset in force at that instant (`2027-06-01T09:00:00+02:00`).
    func iso8601(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let offset = offset(at: seconds)
        let reading = LocalDateTime(nominalSeconds: seconds + offset)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let d = reading.date
        return "\(pad(d.year, 4))-\(pad(d.month))-\(pad(d.day))T\(pad(reading.hour)):\(pad(reading.minute)):"
            + "\(pad(reading.second))\(sign)\(pad(magnitude / 3_600)):\(pad(magnitude % 3_600 / 60))"
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
