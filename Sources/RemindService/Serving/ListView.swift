import Foundation
import Mattermost
import RemindCore
import RemindStore

/// A page of someone's reminders as the bot-DM list post: one attachment per reminder with Complete,
/// Delete, a Snooze menu, Skip next (repeating ones, with the time after the next shown) and Edit, and a
/// footer with Previous / Next, Refresh and History. A team reminder shows the tally of its current round;
/// to a member who did not set it, it offers only their own Complete. Pure: everything comes from its
/// arguments.
struct ListView: Sendable {
    /// Reminders per page.
    static let pageSize = 5
    /// The highest page index a click may name (50,000 reminders): page numbers come back from clients,
    /// so they are range-checked before any arithmetic.
    static let maxPageIndex = 9_999

    /// Whose list it is, and the key that signs each button for exactly its operation, reminder and page.
    var ownerID: String
    var key: SigningKey
    /// `PUBLIC_URL/action`.
    var actionURL: String
    var time: TimeText
    var now: Date

    /// The list post's message and attachments for page `pageIndex` (0-based) of `page`; `tallies` holds who
    /// is done with the current round of the team reminders on it.
    func render(
        _ page: ReminderPage, pageIndex: Int, tallies: [Int64: [TeamCompletion]] = [:]
    ) throws -> (message: String, attachments: [MessageAttachment]) {
        guard page.total > 0 else {
            return ("#### Your reminders\nNo reminders. Set one with e.g. `/remind me to stretch in 10 minutes`.", [])
        }
        var attachments: [MessageAttachment] = []
        for (slot, reminder) in page.reminders.enumerated() {
            attachments.append(try item(reminder, slot: slot, pageIndex: pageIndex, done: tallies[reminder.id] ?? []))
        }
        attachments.append(try footer(total: page.total, pageIndex: pageIndex, shown: page.reminders.count))
        return ("#### Your reminders", attachments)
    }

    /// One line per reminder, without buttons: the inline summary of `/remind list`.
    func summary(_ page: ReminderPage) -> String {
        page.reminders.map { "- " + Self.headline($0) + " — " + dueText($0) }.joined(separator: "\n")
    }

    /// The last page that exists for `total` reminders.
    static func lastPage(total: Int) -> Int {
        max(0, (total - 1) / pageSize)
    }

    private func item(_ reminder: ReminderRecord, slot: Int, pageIndex: Int, done: [TeamCompletion]) throws -> MessageAttachment {
        var fields = [AttachmentField(title: "Next", value: dueText(reminder), short: true)]
        if let team = reminder.team, reminder.lastFiredAt != nil {
            let names = done.map { "@\($0.username) ✓" }.joined(separator: " ")
            fields.append(AttachmentField(
                title: "This round", value: "\(done.count) of \(team.count) done" + (names.isEmpty ? "" : ": " + names), short: true))
        }
        if let recurrence = reminder.recurrence {
            fields.append(AttachmentField(
                title: "Repeats", value: RecurrenceText.describe(recurrence, time: time, now: now), short: true))
            if let next = reminder.nextFireAt {
                let after = recurrence.occurrence(after: next).map { time.moment($0, now: now) } ?? "nothing: the series ends"
                fields.append(AttachmentField(title: "After that", value: after, short: true))
            }
        }
        return MessageAttachment(
            fallback: reminder.message, color: reminder.snoozedUntil == nil ? "#2389D7" : "warning",
            text: Self.headline(reminder), fields: fields, actions: try actions(reminder, slot: slot, pageIndex: pageIndex))
    }

    /// Complete, Delete, Snooze…, Skip next (repeating ones) and Edit…; for a team member who did not set
    /// the reminder, only their own Complete (the reminder itself is its creator's to change).
    private func actions(_ reminder: ReminderRecord, slot: Int, pageIndex: Int) throws -> [PostAction] {
        let isMember = reminder.team != nil && reminder.creatorID != ownerID
        var actions = [
            try PostAction(id: "complete\(slot)", name: isMember ? "Complete my part" : "Complete", style: "primary",
                           integration: integration("complete", reminder: reminder.id, page: pageIndex)),
        ]
        guard !isMember else { return actions }
        actions += [
            try PostAction(id: "delete\(slot)", name: reminder.isRecurring ? "Delete series" : "Delete", style: "danger",
                           integration: integration("delete", reminder: reminder.id, page: pageIndex)),
            try PostAction(id: "snooze\(slot)", type: .select, name: "Snooze…",
                           options: SnoozeChoice.menu,
                           integration: integration("snooze", reminder: reminder.id, page: pageIndex)),
        ]
        if reminder.isRecurring, reminder.nextFireAt != nil {
            actions.append(try PostAction(id: "skip\(slot)", name: "Skip next",
                                          integration: integration("skip", reminder: reminder.id, page: pageIndex)))
        }
        actions.append(try PostAction(id: "edit\(slot)", name: "Edit…",
                                      integration: integration("edit", reminder: reminder.id, page: pageIndex)))
        return actions
    }

    private func footer(total: Int, pageIndex: Int, shown: Int) throws -> MessageAttachment {
        let first = pageIndex * Self.pageSize + 1
        var actions: [PostAction] = []
        if pageIndex > 0 {
            actions.append(try PostAction(id: "previous", name: "Previous \(Self.pageSize)",
                                          integration: integration("page", reminder: nil, page: pageIndex - 1)))
        }
        if first + shown - 1 < total {
            actions.append(try PostAction(id: "next", name: "Next \(Self.pageSize)",
                                          integration: integration("page", reminder: nil, page: pageIndex + 1)))
        }
        actions.append(try PostAction(id: "refresh", name: "Refresh",
                                      integration: integration("page", reminder: nil, page: pageIndex)))
        actions.append(try PostAction(id: "history", name: "History",
                                      integration: integration("history", reminder: nil, page: pageIndex)))
        return MessageAttachment(
            fallback: "Reminders \(first)–\(first + shown - 1) of \(total)",
            text: "Reminders \(first)–\(first + shown - 1) of \(total)", actions: actions)
    }

    /// The one button under the history shown in place of the list: back to page `pageIndex`.
    func backToList(pageIndex: Int) throws -> MessageAttachment {
        MessageAttachment(actions: [try PostAction(
            id: "back", name: "Back to the list", integration: integration("page", reminder: nil, page: pageIndex))])
    }

    private func integration(_ operation: String, reminder: Int64?, page: Int) -> PostActionIntegration {
        let scope = Self.scope(owner: ownerID, operation: operation, reminder: reminder.map(String.init) ?? "",
                               page: String(page))
        var context: [String: JSONValue] = [
            "kind": "list", "op": .string(operation), "page": .string(String(page)),
            "owner": .string(ownerID), "token": .string(key.token(for: scope, now: now)),
        ]
        if let reminder { context["reminder"] = .string(String(reminder)) }
        return PostActionIntegration(url: actionURL, context: context)
    }

    /// What a list button's token is bound to.
    static func scope(owner: String, operation: String, reminder: String, page: String) -> TokenScope {
        TokenScope(.listButton, [owner, operation, reminder, page])
    }

    /// A page index from a click: decimal digits only, 0 through `maxPageIndex`; nil otherwise.
    static func pageIndex(_ text: String) -> Int? {
        RequestNumber.integer(text, in: 0...maxPageIndex)
    }

    private func dueText(_ reminder: ReminderRecord) -> String {
        guard let due = reminder.nextDueAt else { return "nothing scheduled" }
        let moment = time.moment(due, now: now)
        return reminder.snoozedUntil == due ? "snoozed until \(moment)" : moment
    }

    /// "#12 **stretch** for @sam, set by @ana" (its number for `/remind snooze 12 …`; who, from the list
    /// owner's side).
    static func headline(_ reminder: ReminderRecord) -> String {
        var line = "#\(reminder.id) " + (reminder.thread.map { "**[\(reminder.message)](\($0.url))**" } ?? "**\(reminder.message)**")
        switch reminder.targetKind {
        case .channel where reminder.team != nil:
            line += " in ~\(reminder.targetName) as a team (" + (reminder.team ?? []).map { "@" + $0.username }.joined(separator: " ") + ")"
        case .channel: line += " in ~\(reminder.targetName)"
        case .user where reminder.targetID != reminder.creatorID: line += " for @\(reminder.targetName)"
        case .user: break
        }
        if reminder.targetID != reminder.creatorID { line += ", set by @\(reminder.creatorName)" }
        return line
    }
}
