import Foundation
import Mattermost
import RemindCore
import RemindStore

/// Renders the bot's reminder posts and what they become after a click. Pure: everything it shows comes
/// from its arguments.
public struct ReminderPost: Sendable {
    /// Where Mattermost sends button clicks: `REMIND_PUBLIC_URL` + `/action`.
    public var actionURL: String

    /// A renderer whose buttons call back `publicURL`/action.
    public init(publicURL: URL) {
        actionURL = publicURL.absoluteString + "/action"
    }

    /// What happened to a delivered reminder, for the rewritten post.
    public enum Outcome: Sendable, Hashable {
        case completed(by: String, at: Date)
        case deleted(by: String, at: Date)
        case snoozed(by: String, until: Date)
        /// A repeating reminder's `occurrence` was skipped; `next` is the one after it (nil: the series ended).
        case skipped(by: String, occurrence: Date, next: Date?)
        /// Edited in place: the post shows the new wording.
        case edited(by: String, at: Date)
    }

    /// The reminder post for an occurrence: the message as the post text (so it shows in notifications; broadcast
    /// mentions were neutralised when the reminder was set), who asked, when it was due (marked late when delivered late), the
    /// recurrence, and the Complete / Delete buttons and Snooze menu.
    public func post(
        for reminder: ReminderRecord, occurrence: OccurrenceRecord, channelID: String, deliveryKey: String,
        now: Date, time: TimeText
    ) throws -> Post {
        var post = Post(
            channelID: channelID, message: Self.message(headline(reminder), after: nil, threadURL: reminder.thread?.url),
            pendingPostID: deliveryKey)
        try post.setAttachments([attachment(for: reminder, occurrence: occurrence, now: now, time: time, outcome: nil)])
        post.props?[Self.deliveryKeyProp] = .string(deliveryKey)
        return post
    }

    /// The post as it should read after `outcome`: the message struck through when completed or deleted,
    /// the outcome in words, and buttons only while there is still something to act on (a snoozed or
    /// still-running recurring reminder).
    public func update(
        for reminder: ReminderRecord, occurrence: OccurrenceRecord, outcome: Outcome, deliveryKey: String,
        now: Date, time: TimeText
    ) throws -> Post {
        let message = Self.message(headline(reminder), after: outcome, threadURL: reminder.thread?.url)
        var post = Post(id: occurrence.postID ?? "", channelID: occurrence.channelID ?? "", message: message)
        try post.setAttachments([attachment(for: reminder, occurrence: occurrence, now: now, time: time, outcome: outcome)])
        post.props?[Self.deliveryKeyProp] = .string(deliveryKey)
        return post.keepingBotStyling()
    }

    /// A post this long after its due time is marked as delivered late.
    public static let lateAfter: TimeInterval = 60

    /// The props key holding an occurrence's delivery key, looked up before re-posting after a crash.
    public static let deliveryKeyProp = "remindd_delivery"

    private func headline(_ reminder: ReminderRecord) -> String {
        Self.headline(reminder.message, from: reminder.targetKind == .user && reminder.targetID == reminder.creatorID
            ? nil : reminder.creatorName)
    }

    /// "🔔 Reminder: …" for a reminder to oneself, "🔔 Reminder from @ana: …" (`creatorName`) otherwise.
    static func headline(_ message: String, from creatorName: String?) -> String {
        guard let creatorName else { return "🔔 Reminder: \(message)" }
        return "🔔 Reminder from @\(creatorName): \(message)"
    }

    /// The post text after `outcome`: struck through when completed or deleted; a thread's permalink on a
    /// line of its own after it, where Mattermost shows its preview.
    static func message(_ headline: String, after outcome: Outcome?, threadURL: String?) -> String {
        let text = switch outcome {
        case .completed?: "✅ ~~\(headline)~~"
        case .deleted?: "🗑️ ~~\(headline)~~"
        case .snoozed?, .skipped?, .edited?, nil: headline
        }
        return threadURL.map { text + "\n" + $0 } ?? text
    }

    /// The most runes (Unicode scalars, as Mattermost counts `MaxPostSize`) any post of a reminder with
    /// `message` from `creatorName` (about the thread at `threadURL`) can have, rewrites included.
    public static func longestPostRunes(message: String, creatorName: String, threadURL: String? = nil) -> Int {
        let never = Date(timeIntervalSince1970: 0)  // only the outcome's kind shapes the text
        let outcomes: [Outcome?] = [nil, .completed(by: "", at: never), .deleted(by: "", at: never)]
        return outcomes.map {
            Self.message(headline(message, from: creatorName), after: $0, threadURL: threadURL).unicodeScalars.count
        }.max() ?? 0
    }

    private func attachment(
        for reminder: ReminderRecord, occurrence: OccurrenceRecord, now: Date, time: TimeText, outcome: Outcome?
    ) throws -> MessageAttachment {
        var fields: [AttachmentField] = []
        let due = time.moment(occurrence.dueAt, now: now)
        let late = now.timeIntervalSince(occurrence.dueAt) >= Self.lateAfter
        fields.append(AttachmentField(title: "Due", value: late && outcome == nil
            ? "\(due) — delivered late, at \(time.clockTime(now))" : due, short: true))
        if let recurrence = reminder.recurrence {
            fields.append(AttachmentField(title: "Repeats", value: RecurrenceText.describe(recurrence, time: time, now: now), short: true))
        }
        if let thread = reminder.thread {
            fields.append(AttachmentField(title: "Thread", value: Self.threadText(thread), short: false))
        }
        if reminder.nag != nil, outcome == nil, let again = reminder.snoozedUntil {
            let when = again.timeIntervalSince(now) < 12 * 3_600 ? time.clockTime(again) : time.moment(again, now: now)
            fields.append(AttachmentField(title: "Until done", value: "Reminding again at \(when)", short: true))
        }
        var text: String?
        var color = late ? "warning" : "#2389D7"
        var actions: [PostAction]? = try buttons(reminder: reminder, occurrence: occurrence)
        switch outcome {
        case .completed(let user, let at)?:
            text = reminder.isRecurring ? "Completed for this time by @\(user) at \(time.clockTime(at)); the series goes on."
                : "Completed by @\(user) at \(time.clockTime(at))."
            color = "good"
            actions = nil
        case .deleted(let user, let at)?:
            text = reminder.isRecurring ? "The whole series was deleted by @\(user) at \(time.clockTime(at))."
                : "Deleted by @\(user) at \(time.clockTime(at))."
            color = "#8A8A8A"
            actions = nil
        case .snoozed(let user, let until)?:
            text = "⏰ Snoozed by @\(user) until \(time.moment(until, now: now))."
            if !reminder.isRecurring { actions = nil }
        case .skipped(let user, let skipped, let next)?:
            text = "⏭️ @\(user) skipped \(time.moment(skipped, now: now)); "
                + (next.map { "next: \(time.moment($0, now: now))." } ?? "that was the last one.")
        case .edited(let user, let at)?:
            text = "✏️ Edited by @\(user) at \(time.clockTime(at))."
        case nil:
            break
        }
        return MessageAttachment(
            fallback: reminder.message, color: color, text: text, fields: fields,
            footer: "Set with /remind \(String(reminder.phrase.prefix(200)))", actions: actions)
    }

    /// "> first line of the root post" and a link to the thread (just the link when it could not be read).
    static func threadText(_ thread: ThreadLink) -> String {
        (thread.quote.map { "> \($0)\n" } ?? "") + "[Open the thread](\(thread.url))"
    }

    private func buttons(reminder: ReminderRecord, occurrence: OccurrenceRecord) throws -> [PostAction] {
        func integration(_ action: ActionContext.Action) -> PostActionIntegration {
            let context = ActionContext(action: action, reminderID: reminder.id, occurrenceID: occurrence.id, token: occurrence.actionToken)
            return PostActionIntegration(url: actionURL, context: context.json)
        }
        var buttons = [
            try PostAction(id: "complete", name: "Complete", style: "primary", integration: integration(.complete)),
            try PostAction(id: "delete", name: reminder.isRecurring ? "Delete series" : "Delete", style: "danger",
                           integration: integration(.delete)),
            try PostAction(id: "snooze", type: .select, name: "Snooze…",
                           options: SnoozeChoice.menu,
                           integration: integration(.snooze)),
        ]
        if reminder.isRecurring {
            buttons.append(try PostAction(id: "skip", name: "Skip next", integration: integration(.skip)))
        }
        buttons.append(try PostAction(id: "edit", name: "Edit…", integration: integration(.edit)))
        return buttons
    }
}
