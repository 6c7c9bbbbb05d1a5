import Foundation

/// Time zones named in phrases.
enum Zones {
    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// Cities and regions people name a time by, beyond the cities of IANA identifiers (lowercased, words
    /// joined by one space).
    static let placeAliases: [String: String] = [
        "uk": "Europe/London", "england": "Europe/London", "britain": "Europe/London",
        "pacific": "America/Los_Angeles", "eastern": "America/New_York", "central": "America/Chicago",
        "mountain": "America/Denver", "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
        "portland": "America/Los_Angeles", "boston": "America/New_York", "washington": "America/New_York",
        "miami": "America/New_York", "atlanta": "America/New_York", "austin": "America/Chicago",
        "dallas": "America/Chicago", "houston": "America/Chicago", "munich": "Europe/Berlin",
        "frankfurt": "Europe/Berlin", "hamburg": "Europe/Berlin", "cologne": "Europe/Berlin",
        "zurich": "Europe/Zurich", "geneva": "Europe/Zurich", "barcelona": "Europe/Madrid",
        "milan": "Europe/Rome", "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
        "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "beijing": "Asia/Shanghai",
        "melbourne": "Australia/Melbourne", "sydney": "Australia/Sydney", "tel aviv": "Asia/Jerusalem",
    ]

    /// Regions that name a zone without a following `time` (`at 4pm eastern`).
    static let regionsAlone: Set<String> = ["pacific", "eastern", "central", "mountain"]

    /// Every place: the aliases and the city of each IANA `Area/City` identifier (`new york`).
    static let places: [String: String] = {
        var table: [String: String] = [:]
        for identifier in TimeZone.knownTimeZoneIdentifiers {
            let parts = identifier.split(separator: "/")
            guard parts.count >= 2, let city = parts.last, !identifier.hasPrefix("Etc/") else { continue }
            table[city.lowercased().replacingOccurrences(of: "_", with: " ")] = identifier
        }
        for (place, identifier) in placeAliases { table[place] = identifier }
        return table
    }()

    /// The zones of `places`, made on first use of each.
    static func place(_ name: String) -> TimeZone? {
        places[name].flatMap { TimeZone(identifier: $0) ?? named($0.lowercased()) }
    }

    /// A zone from one lowercased word, or nil.
    static func named(_ text: String) -> TimeZone? {
        if let zone = Vocabulary.zoneAbbreviations[Word(text)] { return zone }
        if text.utf8.contains(UInt8(ascii: "/")) {
            if let identifier = Vocabulary.ianaZones[text] { return TimeZone(identifier: identifier) }
            // Zones Foundation knows but does not list (`Asia/Kolkata` on some Linux tzdata builds).
            let capitalized = text.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.split(separator: "_", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    .joined(separator: "_")
            }.joined(separator: "/")
            return TimeZone(identifier: capitalized)
        }
        if let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
           let offset = offsetSeconds(text) {
            return fixed(offset)
        }
        for prefix in ["utc", "gmt"] where text.hasPrefix(prefix) && text.utf8.count > 3 {
            if let offset = offsetSeconds(String(text.dropFirst(3))) { return fixed(offset) }
        }
        return nil
    }

    /// `UTC+25`, `+99:00`: shaped like an offset (a sign and digits, after an optional `utc`/`gmt`) but
    /// not a valid one.
    static func looksLikeOffset(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("utc") || body.hasPrefix("gmt") { body = body.dropFirst(3) }
        guard let sign = body.utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), body.utf8.count >= 2
        else { return false }
        return body.utf8.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ":") }
    }

    /// `+02:00`, `+0200`, `+2`, `-05:30` → seconds east of UTC.
    static func offsetSeconds(_ text: String) -> Int? {
        guard let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") else { return nil }
        let sign = bytes[0] == UInt8(ascii: "-") ? -1 : 1
        let body = bytes[1...].filter { $0 != UInt8(ascii: ":") }
        guard body.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let values = body.map { Int($0 - 0x30) }
        let hours: Int
        let minutes: Int
        switch values.count {
        case 1: (hours, minutes) = (values[0], 0)
        case 2: (hours, minutes) = (values[0] * 10 + values[1], 0)
        case 4: (hours, minutes) = (values[0] * 10 + values[1], values[2] * 10 + values[3])
        default: return nil
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    /// A fixed-offset zone, as IANA `Etc/GMT∓N` when the offset is whole hours.
    static func fixed(_ offset: Int) -> TimeZone? {
        if offset == 0 { return utc }
        if offset % 3_600 == 0, abs(offset) <= 12 * 3_600 {
            let hours = offset / 3_600
            // IANA's Etc zones have the POSIX sign: Etc/GMT-2 is two hours east of UTC.
            if let zone = TimeZone(identifier: "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))") { return zone }
        }
        return TimeZone(secondsFromGMT: offset)
    }
}
