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
        actionURL = publicURL.callbackURL("/action")
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
        /// A team member pressed their Complete; `allDone` when they were the last one.
        case teamProgress(by: String, allDone: Bool)
    }

    /// The reminder post for an occurrence: the message as the post text (so it shows in notifications; broadcast
    /// mentions were neutralised when the reminder was set), who asked, when it was due (marked late when delivered late), the
    /// recurrence, and the Complete / Delete buttons and Snooze menu. A team reminder's post names (and so
    /// notifies) only the people not done with the round (`teamDone`), with a Complete button each.
    public func post(
        for reminder: ReminderRecord, occurrence: OccurrenceRecord, channelID: String, deliveryKey: String,
        now: Date, time: TimeText, teamDone: [TeamCompletion] = []
    ) throws -> Post {
        var post = Post(
            channelID: channelID,
            message: Self.message(headline(reminder, teamDone: teamDone), after: nil, threadURL: reminder.thread?.url),
            pendingPostID: deliveryKey)
        try post.setAttachments([attachment(
            for: reminder, occurrence: occurrence, now: now, time: time, outcome: nil, teamDone: teamDone)])
        post.props?[Self.deliveryKeyProp] = .string(deliveryKey)
        return post
    }

    /// The post as it should read after `outcome`: the message struck through when completed or deleted,
    /// the outcome in words, and buttons only while there is still something to act on (a snoozed or
    /// still-running recurring reminder).
    public func update(
        for reminder: ReminderRecord, occurrence: OccurrenceRecord, outcome: Outcome, deliveryKey: String,
        now: Date, time: TimeText, teamDone: [TeamCompletion] = []
    ) throws -> Post {
        let message = Self.message(headline(reminder, teamDone: teamDone), after: outcome, threadURL: reminder.thread?.url)
        var post = Post(id: occurrence.postID ?? "", channelID: occurrence.channelID ?? "", message: message)
        try post.setAttachments([attachment(
            for: reminder, occurrence: occurrence, now: now, time: time, outcome: outcome, teamDone: teamDone)])
        post.props?[Self.deliveryKeyProp] = .string(deliveryKey)
        return post.keepingBotStyling()
    }

    /// An occurrence delivered this long after its due time is late: its post says so, the
    /// occurrence metrics count it as late, and the history shows by how much.
    public static let lateAfter: TimeInterval = 60

    /// The props key holding an occurrence's delivery key, looked up before re-posting after a crash.
    public static let deliveryKeyProp = "remindd_delivery"

    private func headline(_ reminder: ReminderRecord, teamDone: [TeamCompletion]) -> String {
        let done = Set(teamDone.map(\.userID))
        let left = reminder.team?.filter { !done.contains($0.id) } ?? []
        let people = (left.isEmpty ? reminder.team ?? [] : left).map(\.username)
        return Self.headline(reminder.message, from: reminder.targetKind == .user && reminder.targetID == reminder.creatorID
            ? nil : reminder.creatorName, for: people)
    }

    /// "🔔 Reminder: …" for a reminder to oneself, "🔔 Reminder from @ana: …" (`creatorName`) otherwise, and
    /// "🔔 Reminder from @ana for @ben @sam: …" for the people of a team.
    static func headline(_ message: String, from creatorName: String?, for people: [String] = []) -> String {
        guard let creatorName else { return "🔔 Reminder: \(message)" }
        let team = people.isEmpty ? "" : " for " + people.map { "@" + $0 }.joined(separator: " ")
        return "🔔 Reminder from @\(creatorName)\(team): \(message)"
    }

    /// The post text after `outcome`: struck through when completed or deleted; a thread's permalink on a
    /// line of its own after it, where Mattermost shows its preview.
    static func message(_ headline: String, after outcome: Outcome?, threadURL: String?) -> String {
        let text = switch outcome {
        case .completed?, .teamProgress(_, true)?: "✅ ~~\(headline)~~"
        case .deleted?: "🗑️ ~~\(headline)~~"
        case .snoozed?, .skipped?, .edited?, .teamProgress(_, false)?, nil: headline
        }
        return threadURL.map { text + "\n" + $0 } ?? text
    }

    /// The most runes (Unicode scalars, as Mattermost counts `MaxPostSize`) any post of a reminder with
    /// `message` from `creatorName` (about the thread at `threadURL`, for the team `people`) can have, rewrites
    /// included.
    public static func longestPostRunes(
        message: String, creatorName: String, threadURL: String? = nil, people: [String] = []
    ) -> Int {
        let never = Date(timeIntervalSince1970: 0)  // only the outcome's kind shapes the text
        let outcomes: [Outcome?] = [nil, .completed(by: "", at: never), .deleted(by: "", at: never)]
        return outcomes.map {
            Self.message(headline(message, from: creatorName, for: people), after: $0, threadURL: threadURL).unicodeScalars.count
        }.max() ?? 0
    }

    private func attachment(
        for reminder: ReminderRecord, occurrence: OccurrenceRecord, now: Date, time: TimeText, outcome: Outcome?,
        teamDone: [TeamCompletion]
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
        var text: String? = reminder.team.map { Self.tally($0, done: teamDone) }
        var color = late ? "warning" : "#2389D7"
        var actions: [PostAction]? = try buttons(reminder: reminder, occurrence: occurrence, teamDone: teamDone)
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
        case .teamProgress(_, let allDone)?:
            if allDone {
                text = (text ?? "") + (reminder.isRecurring ? " — all done for this time; the series goes on." : " — all done.")
                color = "good"
                actions = nil
            }
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

    /// "2 of 3 done: @ana ✓ @ben ✓".
    static func tally(_ team: [TeamPerson], done: [TeamCompletion]) -> String {
        "\(done.count) of \(team.count) done" + (done.isEmpty ? "" : ": " + done.map { "@\($0.username) ✓" }.joined(separator: " "))
    }

    private func buttons(reminder: ReminderRecord, occurrence: OccurrenceRecord, teamDone: [TeamCompletion]) throws -> [PostAction] {
        func integration(_ action: ActionContext.Action, member: String? = nil) -> PostActionIntegration {
            var context = ActionContext(action: action, reminderID: reminder.id, occurrenceID: occurrence.id, token: occurrence.actionToken)
            context.member = member
            return PostActionIntegration(url: actionURL, context: context.json)
        }
        var buttons: [PostAction] = []
        if let team = reminder.team {
            // One Complete per person not done yet (ids `done0`…, by their place in the team).
            let done = Set(teamDone.map(\.userID))
            for (index, member) in team.enumerated() where !done.contains(member.id) {
                buttons.append(try PostAction(
                    id: "done\(index)", name: "Complete: @\(member.username)", style: "primary",
                    integration: integration(.done, member: member.id)))
            }
        } else {
            buttons.append(try PostAction(id: "complete", name: "Complete", style: "primary", integration: integration(.complete)))
        }
        buttons += [
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
