import Foundation

/// What `/remind` reads from the text after it: the reminder itself (`PhraseParser`) and the trailing clauses
/// the grammar leaves to the service — nag until done (`… and nag every 30 minutes`) and as a team
/// (`… as a team`). The one reading shared by the slash command, the dialog and `remindd parse`.
public struct ReminderPhrase: Sendable {
    /// Who, what and when.
    public var reminder: ParsedReminder
    /// How it nags until done, when asked.
    public var nag: NagRequest?
    /// One reminder for several people with a Complete button each.
    public var isTeam: Bool

    /// A reading.
    public init(reminder: ParsedReminder, nag: NagRequest? = nil, isTeam: Bool = false) {
        self.reminder = reminder
        self.nag = nag
        self.isTeam = isTeam
    }

    /// Reads `text` at `now` for someone in `timeZone` (hours 1–12 without am/pm the 24-hour way with
    /// `clock24`): its trailing clauses split off first, the rest by the grammar.
    public static func read(_ text: String, now: Date, timeZone: TimeZone, clock24: Bool = false) -> Result<ReminderPhrase, Refusal> {
        let (phrase, nagClause, isTeam) = TrailingClauses.split(text)
        var nag: NagRequest?
        switch nagClause {
        case .failure(let refusal)?: return .failure(.nagInterval(refusal.interval))
        case .success(let request)?: nag = request
        case nil: break
        }
        return PhraseParser.parse(phrase, now: now, timeZone: timeZone, clock24: clock24)
            .map { ReminderPhrase(reminder: $0, nag: nag, isTeam: isTeam) }
    }
}
