import Foundation

// The clauses a phrase may end with that the grammar itself does not read: nag until done, as a team.

/// "Nag until done": a reminder that, once it fires, fires again every `interval` until someone presses
/// Complete (at most `NagPlan.maxNags` times), outside the quiet hours unless `allDay`.
public struct NagRequest: Sendable, Hashable {
    /// Seconds between nags.
    public var interval: TimeInterval
    /// Nag through the night too (21:00–08:00 is skipped otherwise).
    public var allDay: Bool

    /// A nag request.
    public init(interval: TimeInterval, allDay: Bool) {
        self.interval = interval
        self.allDay = allDay
    }
}

/// The nag clause at the end of a phrase — `… and nag every 30 minutes`, `… nag me every hour until done`,
/// `… keep reminding me every 2 hours`, `… repeat every hour until done`, optionally `day and night` /
/// `around the clock` / `even at night` — split off before the phrase is read by `PhraseParser`.
public enum NagClause {
    /// The shortest and longest time between nags.
    public static let intervals: ClosedRange<TimeInterval> = 300...(12 * 3_600)

    /// The phrase without its nag clause, and what the clause asks for (nil without one; a refusal message
    /// when its interval is out of range).
    public static func split(_ text: String) -> (phrase: String, nag: Result<NagRequest, NagRefusal>?) {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = pattern?.firstMatch(in: text, range: range),
              let whole = Range(match.range, in: text) else { return (text, nil) }
        func group(_ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]).lowercased() }
        }
        let verb = group(1) ?? ""
        let untilDone = group(4) != nil
        // `repeat every hour` alone is a recurrence; only `… until done` makes it a nag.
        if verb.hasPrefix("repeat"), !untilDone { return (text, nil) }
        let count = group(2).flatMap { Double($0) } ?? 1
        let unit = group(3) ?? "m"
        let interval = count * (unit.hasPrefix("h") ? 3_600 : 60)
        let phrase = String(text[..<whole.lowerBound])
        guard intervals.contains(interval) else { return (phrase, .failure(NagRefusal(interval: interval))) }
        return (phrase, .success(NagRequest(interval: interval, allDay: group(5) != nil)))
    }

    private static let pattern = try? NSRegularExpression(pattern: """
        [\\s,]*(?:\\band\\s+)?\\b(nag(?:\\s+(?:me|us|them|him|her))?|keep\\s+reminding(?:\\s+(?:me|us|them|him|her))?|\
        repeat(?:\\s+it)?)\\s+every\\s+(?:(\\d{1,4})\\s*|an?\\s+)?(minutes?|mins?|m|hours?|hrs?|h)\\b\
        (\\s+until\\s+(?:done|completed?|it'?s\\s+done))?\
        (\\s+(?:day\\s+and\\s+night|around\\s+the\\s+clock|(?:even\\s+)?at\\s+night(?:\\s+too)?|including\\s+nights))?\
        [\\s.!]*$
        """, options: [.caseInsensitive])
}

/// A nag interval out of range, with the sentence to show.
public struct NagRefusal: Error, Sendable, Hashable {
    public var interval: TimeInterval

    /// A refusal of `interval` seconds.
    public init(interval: TimeInterval) {
        self.interval = interval
    }

    /// What the person is told, with an example that works.
    public var message: String {
        interval < NagClause.intervals.lowerBound
            ? "I nag at most every 5 minutes; try e.g. `/remind me to take the pills at 9am and nag every 30 minutes`."
            : "I nag at least every 12 hours; for less often, make it repeat instead, e.g. `/remind me to water the plants every day at 9am`."
    }
}

/// When the nags of one firing come: every `interval` after it, at most `maxNags` times, skipping the quiet
/// hours 21:00–08:00 on the wall clock of `zone` (the recipient's) unless `allDay`, and never at or after the
/// reminder's next scheduled occurrence (which starts a series of its own).
public struct NagPlan: Sendable, Hashable {
    /// The most nags after one firing.
    public static let maxNags = 24
    /// The quiet hours: from 21:00 to 08:00.
    public static let quietStart = 21, quietEnd = 8

    public var interval: TimeInterval
    public var allDay: Bool
    public var zone: TimeZone

    /// A plan.
    public init(interval: TimeInterval, allDay: Bool, zone: TimeZone) {
        self.interval = interval
        self.allDay = allDay
        self.zone = zone
    }

    /// The nag after one at `instant` when `sent` nags of this firing have gone out (0 after the firing
    /// itself); nil when the series is over.
    public func next(after instant: Date, sent: Int, nextFire: Date?) -> Date? {
        guard sent < Self.maxNags else { return nil }
        var candidate = instant.addingTimeInterval(interval)
        if !allDay { candidate = outsideQuietHours(candidate) }
        if let nextFire, candidate >= nextFire { return nil }
        return candidate
    }

    /// `instant`, or 08:00 after it when it falls in the quiet hours.
    func outsideQuietHours(_ instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hour = calendar.component(.hour, from: instant)
        guard hour >= Self.quietStart || hour < Self.quietEnd else { return instant }
        let day = hour >= Self.quietStart
            ? calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: instant)) ?? instant
            : calendar.startOfDay(for: instant)
        return calendar.date(bySettingHour: Self.quietEnd, minute: 0, second: 0, of: day) ?? instant
    }
}

/// The team clause at the end of a phrase — `… as a team` or `… as a group` — which makes one reminder for
/// several people with a Complete button each, instead of one reminder per person.
public enum TeamClause {
    /// The phrase without its team clause, and whether it had one.
    public static func split(_ text: String) -> (phrase: String, isTeam: Bool) {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = pattern?.firstMatch(in: text, range: range), let whole = Range(match.range, in: text) else {
            return (text, false)
        }
        return (String(text[..<whole.lowerBound]), true)
    }

    private static let pattern = try? NSRegularExpression(
        pattern: "[\\s,]*\\bas\\s+a\\s+(?:team|group)[\\s.!]*$", options: [.caseInsensitive])
}

/// Both trailing clauses, in either order: `… as a team and nag every hour`, `… and nag every hour as a team`.
public enum TrailingClauses {
    /// The phrase for `PhraseParser` and what its trailing clauses ask for.
    public static func split(_ text: String) -> (phrase: String, nag: Result<NagRequest, NagRefusal>?, isTeam: Bool) {
        // Most phrases have neither clause: a byte scan for their words skips both regular expressions
        // (which cost several times the whole grammar).
        let mayNag = text.utf8.containsASCII("nag") || text.utf8.containsASCII("remind") || text.utf8.containsASCII("repeat")
        let mayTeam = text.utf8.containsASCII("team") || text.utf8.containsASCII("group")
        guard mayNag || mayTeam else { return (text, nil, false) }
        var (phrase, isTeam) = TeamClause.split(text)
        let nag = NagClause.split(phrase)
        phrase = nag.phrase
        if !isTeam { (phrase, isTeam) = TeamClause.split(phrase) }
        return (phrase, nag.nag, isTeam)
    }
}

extension String.UTF8View {
    /// Whether the bytes contain `word` (lowercase ASCII), ignoring ASCII case.
    func containsASCII(_ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard let first = needle.first, count >= needle.count else { return false }
        var index = startIndex
        while index != endIndex {
            if self[index] | 0x20 == first {
                var candidate = index
                var matched = 0
                while matched < needle.count, candidate != endIndex, self[candidate] | 0x20 == needle[matched] {
                    matched += 1
                    formIndex(after: &candidate)
                }
                if matched == needle.count { return true }
            }
            formIndex(after: &index)
        }
        return false
    }
}
