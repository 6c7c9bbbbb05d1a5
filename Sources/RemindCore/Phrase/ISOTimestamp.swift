import Foundation

/// Reads the ISO 8601 timestamps the CLI accepts for `--now` (`2026-11-23T10:00:00-05:00`,
/// `2026-11-23T15:00:00Z`, `2026-11-23T10:00` read in a given zone).
public enum ISOTimestamp {
    /// The instant, or nil when the text is not a timestamp. Without an offset, `zone`'s wall clock.
    public static func parse(_ text: String, zone: TimeZone) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= bytes.count else { return nil }
            var value = 0
            for b in bytes[from..<(from + length)] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard bytes.count >= 16, let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
              bytes[7] == UInt8(ascii: "-"), let day = number(8, 2), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              let date = LocalDate.valid(year: year, month: month, day: day), hour <= 23, minute <= 59
        else { return nil }
        var i = 16
        var second = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            guard let s = number(i + 1, 2), s <= 59 else { return nil }
            second = s
            i += 3
        }
        var fraction = 0.0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            var scale = 0.1
            i += 1
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                fraction += Double(bytes[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        let reading = LocalDateTime(date: date, hour: hour, minute: minute, second: second)
        if i == bytes.count {
            return CivilClock(zone).instant(reading).addingTimeInterval(fraction)
        }
        let rest = String(decoding: bytes[i...], as: UTF8.self)
        let offset: Int
        if rest == "Z" || rest == "z" {
            offset = 0
        } else if let seconds = Zones.offsetSeconds(rest) {
            offset = seconds
        } else {
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(reading.nominalSeconds - offset) + fraction)
    }
}
