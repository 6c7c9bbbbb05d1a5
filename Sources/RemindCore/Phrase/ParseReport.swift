import Foundation

/// The output of `remindd parse` (ARCHITECTURE.md §6), built in one place so the CLI and the corpus
/// test go through the same code.
public enum ParseReport {
    /// How many occurrences `next` lists.
    public static let occurrenceCount = 5

    /// The `remindd parse --json` object: targets, message, zone, first, recurrence and the first five
    /// occurrences, and, only when the phrase asks for them, `nag` (`{"every_seconds", "all_day"}`) and
    /// `"team": true`; or `{"error": "<message>"}` for a refusal.
    public static func json(for result: Result<ReminderPhrase, Refusal>) -> String {
        switch result {
        case .failure(let refusal):
            return "{\"error\":\(quoted(refusal.message))}"
        case .success(let phrase):
            let reminder = phrase.reminder
            let clock = CivilClock(reminder.timeZone)
            let targets = reminder.targets.map(targetJSON)
            let next = reminder.occurrences(limit: occurrenceCount).map { quoted(clock.iso8601($0)) }
            let recurrence: String
            if case .recurring(let rule) = reminder.schedule {
                recurrence = quoted(rule.rule.rrule)
            } else {
                recurrence = "null"
            }
            var extra = ""
            if let nag = phrase.nag {
                extra += ",\"nag\":{\"every_seconds\":\(Int(nag.interval)),\"all_day\":\(nag.allDay)}"
            }
            if phrase.isTeam { extra += ",\"team\":true" }
            return "{\"target\":\(targets.first ?? "{\"kind\":\"me\"}"),\"targets\":[\(targets.joined(separator: ","))],"
                + "\"message\":\(quoted(reminder.message)),\"timezone\":\(quoted(reminder.timeZone.identifier)),"
                + "\"first\":\(quoted(clock.iso8601(reminder.first))),\"recurrence\":\(recurrence),"
                + "\"next\":[\(next.joined(separator: ","))]\(extra)}"
        }
    }

    /// The human-readable summary of `remindd parse`: who, what, zone, the rule and the first occurrences.
    public static func summary(for phrase: ReminderPhrase, clock24: Bool = false) -> String {
        let reminder = phrase.reminder
        let clock = CivilClock(reminder.timeZone)
        let who = reminder.targets.map { target -> String in
            switch target {
            case .me: "me"
            case .user(let name): "@" + name
            case .channel(let name): "~" + name
            }
        }.joined(separator: ", ")
        var lines = ["who:  \(who)", "what: \(reminder.message)", "zone: \(reminder.timeZone.identifier)"]
        if case .recurring(let recurrence) = reminder.schedule {
            lines.append("rule: \(recurrence.rule.rrule)")
        }
        if let nag = phrase.nag {
            let minutes = Int(nag.interval) / 60
            let every = minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes) min"
            lines.append("nag:  every \(every) until done, at most \(NagPlan.maxNags) times"
                + (nag.allDay ? ", day and night" : ", not \(hour(NagPlan.quietStart))–\(hour(NagPlan.quietEnd))"))
        }
        if phrase.isTeam { lines.append("team: one post, a Complete button per person") }
        let occurrences = reminder.occurrences(limit: occurrenceCount)
        for (index, date) in occurrences.enumerated() {
            let label = index == 0 ? "when: " : "      "
            lines.append(label + HumanTime.describe(date, clock: clock, clock24: clock24) + "  (" + clock.iso8601(date) + ")")
        }
        return lines.joined(separator: "\n")
    }

    /// `08:00` for 8.
    private static func hour(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }

    /// An instant as `remindd parse --json` writes it, in `zone`.
    public static func iso8601(_ instant: Date, in zone: TimeZone) -> String {
        CivilClock(zone).iso8601(instant)
    }

    private static func targetJSON(_ target: Target) -> String {
        switch target {
        case .me: "{\"kind\":\"me\"}"
        case .user(let name): "{\"kind\":\"user\",\"name\":\(quoted(name))}"
        case .channel(let name): "{\"kind\":\"channel\",\"name\":\(quoted(name))}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String { JSONLiteral.string(text) }
}
