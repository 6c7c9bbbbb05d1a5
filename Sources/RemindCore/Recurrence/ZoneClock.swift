import Foundation
import Synchronization

/// The UTC offsets of one time zone as a precomputed table of transitions, and the conversion between
/// instants and wall-clock ("local") seconds that recurrence rules are written in.
///
/// `TimeZone.secondsFromGMT(for:)` costs about 0.1 µs on Linux and `Calendar.date(from:)` shifts times in a
/// spring-forward gap by the gap's length, which is not remindd's rule. This table answers an offset with a
/// binary search and resolves gaps and repeated times explicitly (see `instant(ofLocalSeconds:)`).
/// Instances are immutable once built, hence `Sendable`; `ZoneClock.forZone(_:)` caches one per zone.
final class ZoneClock: Sendable {
    /// The zone whose offsets this table holds.
    let zone: TimeZone
    /// The table covers instants in `tableStart..<tableEnd` (1900 to 2200); outside, `zone` is asked.
    private let tableStart: Int
    private let tableEnd: Int
    /// Instants (seconds since 1970) at which the offset changes, ascending.
    private let transitions: [Int]
    /// `offsets[k]` is in force from `transitions[k - 1]` (or `tableStart`) until `transitions[k]`.
    private let offsets: [Int]

    private static let cache = ZoneClockCache()

    /// The (cached) table for `zone`; building one takes a couple of milliseconds, once per zone.
    static func forZone(_ zone: TimeZone) -> ZoneClock {
        cache.clock(for: zone)
    }

    init(zone: TimeZone, tableStart: Int = -2_208_988_800, tableEnd: Int = 7_258_118_400) {
        self.zone = zone
        self.tableStart = tableStart
        self.tableEnd = tableEnd
        var transitions: [Int] = []
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(tableStart)))]
        var cursor = Date(timeIntervalSince1970: TimeInterval(tableStart))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < TimeInterval(tableEnd), next > cursor {
            cursor = next
            let instant = Int(next.timeIntervalSince1970.rounded(.up))
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            // A transition that changes only the zone's name or DST flag is not a change of wall clock.
            if let last = offsets.last, offset != last {
                transitions.append(instant)
                offsets.append(offset)
            }
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// The zone's offset from UTC, in seconds, at `instant` (seconds since 1970).
    func offset(atInstant instant: Int) -> Int {
        segment(containing: instant).offset
    }

    /// The wall-clock reading at `instant`, as seconds since 1970-01-01T00:00 on that wall clock.
    func localSeconds(ofInstant instant: Int) -> Int {
        instant + offset(atInstant: instant)
    }

    /// The instant a wall-clock reading happens at, by remindd's rules: a reading that happens twice
    /// (fall-back) resolves to its first instance; a reading that does not exist (spring-forward gap)
    /// resolves to the first valid instant after it, the transition itself.
    func instant(ofLocalSeconds local: Int) -> Int {
        // Offsets stay within ±1 day, so every instant showing `local` lies in this window; walk the
        // constant-offset segments across it in order and take the first one that shows `local`.
        let windowEnd = local + CivilCalendar.secondsPerDay
        var segmentStart = local - CivilCalendar.secondsPerDay
        var current = segment(containing: segmentStart)
        while true {
            let candidate = local - current.offset
            if candidate >= segmentStart, current.end.map({ candidate < $0 }) ?? true {
                return candidate
            }
            if candidate < segmentStart {
                // This segment's wall clock starts after `local`: `local` fell into the gap before it.
                return segmentStart
            }
            guard let end = current.end, end <= windowEnd else { break }
            segmentStart = end
            current = segment(containing: end)
        }
        return local - offset(atInstant: local)
    }

    /// The offset in force at `instant` and the instant it stops being in force (nil: never, as far as
    /// the zone data says).
    private func segment(containing instant: Int) -> (offset: Int, end: Int?) {
        guard instant >= tableStart, instant < tableEnd else {
            return segmentOutsideTable(containing: instant)
        }
        // Binary search: the number of transitions at or before `instant`.
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return (offsets[low], low < transitions.count ? transitions[low] : tableEnd)
    }

    private func segmentOutsideTable(containing instant: Int) -> (offset: Int, end: Int?) {
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let offset = zone.secondsFromGMT(for: date)
        var end = zone.nextDaylightSavingTimeTransition(after: date)
            .map { Int($0.timeIntervalSince1970.rounded(.up)) }
        if instant < tableStart {
            end = min(end ?? tableStart, tableStart)
        }
        return (offset, end)
    }
}

/// The per-zone `ZoneClock` cache.
private final class ZoneClockCache: Sendable {
    private let clocks = Mutex<[String: ZoneClock]>([:])

    func clock(for zone: TimeZone) -> ZoneClock {
        clocks.withLock { clocks in
            if let clock = clocks[zone.identifier] { return clock }
            let clock = ZoneClock(zone: zone)
            clocks[zone.identifier] = clock
            return clock
        }
    }
}
