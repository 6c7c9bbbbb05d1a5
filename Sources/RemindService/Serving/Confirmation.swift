import Foundation
import Mattermost
import RemindCore
import RemindStore

/// The answer to a reminder just set: "I will remind you to … at 9:00 AM tomorrow, Tue Nov 24
/// (America/New_York)." with the next occurrences of a repeating one and a Delete button.
enum Confirmation {
    /// How many upcoming occurrences a repeating reminder's confirmation lists.
    static let upcomingCount = 3

    /// The sentence(s) confirming `created`.
    static func text(_ created: CreatedReminders) -> String {
        ([sentence(created), nagSentence(created), rereadSentence(created)].compactMap { $0 } + created.notes)
            .joined(separator: "\n")
    }

    /// "I took the hour as 4:00 PM; did you mean 4:00 AM tomorrow, Fri Dec 4?" (the button below moves it).
    static func rereadSentence(_ created: CreatedReminders) -> String? {
        guard let other = created.parsed.otherReading, case .once(let chosen) = created.parsed.schedule else { return nil }
        return "I took the hour as \(created.time.clockTime(chosen)); did you mean \(created.time.moment(other, now: created.now))?"
    }

    /// "Until someone presses Complete I will remind again every 30 minutes (at most 24 times, not 21:00–08:00)."
    static func nagSentence(_ created: CreatedReminders) -> String? {
        guard let nag = created.records.first?.nag else { return nil }
        let minutes = Int(nag.interval / 60)
        let every = minutes % 60 == 0 ? (minutes == 60 ? "hour" : "\(minutes / 60) hours") : "\(minutes) minutes"
        return "Until someone presses Complete I will remind again every \(every) (at most \(NagPlan.maxNags) times"
            + (nag.allDay ? ", day and night)." : "; not between 21:00 and 08:00 in the recipient's time zone).")
    }

    private static func sentence(_ created: CreatedReminders) -> String {
        let who = recipientsText(created.recipients) + (created.records.first.map { record in
            guard record.team != nil else { return "" }
            return record.targetID == record.originChannelID ? " as a team, here," : " as a team, in ~\(record.targetName),"
        } ?? "")
        let time = created.time
        let zone = created.parsed.timeZone.identifier
        let what = created.records.first?.thread.map { "about [\(created.parsed.message)](\($0.url))" }
            ?? "to \(created.parsed.message)"
        switch created.parsed.schedule {
        case .once(let date):
            return "I will remind \(who) \(what) at \(time.moment(date, now: created.now)) (\(zone))."
        case .recurring(let recurrence):
            let rule = RecurrenceText.describe(recurrence, time: time, now: created.now)
            let next = created.parsed.occurrences(limit: upcomingCount).map { "- " + time.moment($0, now: created.now) }
            return "I will remind \(who) \(what) \(rule) (\(zone)). Next:\n" + next.joined(separator: "\n")
        }
    }

    /// Where a confirmation is shown, which decides how its Delete button can answer visibly.
    enum Placement: Sendable, Equatable {
        /// The slash command's ephemeral reply; a click's `ephemeral_text` would land in a hidden thread
        /// (MATTERMOST.md, corrections), so the answer goes through the command's `response_url`.
        case ephemeral(responseURL: String)
        /// A post in the bot's DM (the dialog's confirmation), rewritten in place on a click.
        case directMessage
    }

    /// The attachment with the Delete button; its context carries a token signed for exactly these
    /// reminders, this owner and this placement.
    static func attachment(
        _ created: CreatedReminders, key: SigningKey, actionURL: String, placement: Placement
    ) throws -> MessageAttachment {
        let ids = created.records.map { String($0.id) }.joined(separator: ",")
        let owner = created.records.first?.creatorID ?? ""
        var context: [String: JSONValue] = ["kind": "undo", "reminders": .string(ids), "owner": .string(owner)]
        if case .ephemeral(let responseURL) = placement {
            context["ephemeral"] = "1"
            context["respond"] = .string(responseURL)
        } else {
            context["ephemeral"] = "0"
        }
        let scope = undoScope(owner: owner, reminders: ids, placement: placement)
        context["token"] = .string(key.token(for: scope, now: created.now))
        let button = try PostAction(
            id: "delete", name: created.records.count > 1 ? "Delete all \(created.records.count)" : "Delete",
            style: "danger", integration: PostActionIntegration(url: actionURL, context: context))
        var actions = [button]
        if let other = created.parsed.otherReading {
            var reread = context
            let at = String(Int64((other.timeIntervalSince1970 * 1_000).rounded()))
            reread["kind"] = "reread"
            reread["at"] = .string(at)
            reread["token"] = .string(key.token(for: rereadScope(owner: owner, reminders: ids, at: at, placement: placement), now: created.now))
            actions.append(try PostAction(
                id: "reread", name: "\(created.time.clockTime(other)) instead", style: "primary",
                integration: PostActionIntegration(url: actionURL, context: reread)))
        }
        return MessageAttachment(fallback: "Delete this reminder", actions: actions)
    }

    /// What a "Did you mean …?" token is bound to: the owner, the reminders, the other instant, the placement.
    static func rereadScope(owner: String, reminders: String, at: String, placement: Placement) -> TokenScope {
        switch placement {
        case .ephemeral(let responseURL): TokenScope(.reread, [owner, reminders, at, "ephemeral", responseURL])
        case .directMessage: TokenScope(.reread, [owner, reminders, at, "dm"])
        }
    }

    /// What an undo token is bound to.
    static func undoScope(owner: String, reminders: String, placement: Placement) -> TokenScope {
        switch placement {
        case .ephemeral(let responseURL): TokenScope(.undo, [owner, reminders, "ephemeral", responseURL])
        case .directMessage: TokenScope(.undo, [owner, reminders, "dm"])
        }
    }

    /// "you", "@sam", "~ops", "you, @sam and @kim".
    static func recipientsText(_ recipients: [Recipient]) -> String {
        let names = recipients.map { recipient in
            recipient.isSender ? "you" : (recipient.kind == .channel ? "~" : "@") + recipient.name
        }
        return names.isEmpty ? "you" : HumanTime.list(names)
    }
}
