import Foundation

/// Instants ↔ wall-clock readings in one zone for the phrase grammar, on top of the recurrence engine's
/// cached transition table (`ZoneClock`), so both sides apply the same rules: a reading skipped by a
/// spring-forward gap is the first valid instant after it, a repeated reading its first instance.
struct CivilClock: Sendable {
    let zone: TimeZone
    private let table: ZoneClock

    init(_ zone: TimeZone) {
        self.zone = zone
        self.table = ZoneClock.forZone(zone)
    }

    /// The wall-clock reading at `instant` (fractions of a second dropped).
    func local(_ instant: Date) -> LocalDateTime {
        LocalDateTime(nominalSeconds: table.localSeconds(ofInstant: Int(instant.timeIntervalSince1970.rounded(.down))))
    }

    /// The instant showing `reading` on this zone's clock.
    func instant(_ reading: LocalDateTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(instantSeconds(reading)))
    }

    func instantSeconds(_ reading: LocalDateTime) -> Int {
        table.instant(ofLocalSeconds: reading.nominalSeconds)
    }

    /// ISO 8601 with seconds and the offset in force at that instant (`2027-06-01T09:00:00+02:00`).
    func iso8601(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let offset = table.offset(atInstant: seconds)
        let reading = LocalDateTime(nominalSeconds: seconds + offset)
        let magnitude = abs(offset)
        let d = reading.date
        var out = pad(d.year, 4) + "-" + pad(d.month) + "-" + pad(d.day) + "T" + pad(reading.hour) + ":"
        out += pad(reading.minute) + ":" + pad(reading.second) + (offset < 0 ? "-" : "+")
        out += pad(magnitude / 3_600) + ":" + pad(magnitude % 3_600 / 60)
        return out
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
