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
        let who = recipientsText(created.recipients)
        let time = created.time
        let zone = created.parsed.timeZone.identifier
        switch created.parsed.schedule {
        case .once(let date):
            return "I will remind \(who) to \(created.parsed.message) at \(time.moment(date, now: created.now)) (\(zone))."
        case .recurring(let recurrence):
            let rule = RecurrenceText.describe(recurrence, time: time, now: created.now)
            let next = created.parsed.occurrences(limit: upcomingCount).map { "- " + time.moment($0, now: created.now) }
            return "I will remind \(who) to \(created.parsed.message) \(rule) (\(zone)). Next:\n" + next.joined(separator: "\n")
        }
    }

    /// The attachment with the Delete button; its context carries the creator's secret.
    static func attachment(
        _ created: CreatedReminders, secret: String, actionURL: String, ephemeral: Bool
    ) throws -> MessageAttachment {
        let ids = created.records.map { String($0.id) }.joined(separator: ",")
        let context: [String: JSONValue] = [
            "kind": "undo", "reminders": .string(ids), "owner": .string(created.records.first?.creatorID ?? ""),
            "token": .string(secret), "ephemeral": ephemeral ? "1" : "0",
        ]
        let button = try PostAction(
            id: "delete", name: created.records.count > 1 ? "Delete all \(created.records.count)" : "Delete",
            style: "danger", integration: PostActionIntegration(url: actionURL, context: context))
        return MessageAttachment(fallback: "Delete this reminder", actions: [button])
    }

    /// "you", "@sam", "~ops", "you, @sam and @kim".
    static func recipientsText(_ recipients: [Recipient]) -> String {
        let names = recipients.map { recipient in
            recipient.isSender ? "you" : (recipient.kind == .channel ? "~" : "@") + recipient.name
        }
        switch names.count {
        case 0: return "you"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
    }
}
