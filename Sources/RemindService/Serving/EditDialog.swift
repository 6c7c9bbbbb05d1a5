import Foundation
import Mattermost
import RemindCore
import RemindStore

/// *Edit…* on a reminder post or in the list: a form prefilled with the message, the recipient and the
/// *when*, read back like the reminder form (`DialogHandler`) and saved in place through `ReminderActions`:
/// the id, the counters, the thread and the ledger stay. A *when* left as it was keeps the schedule; a new one
/// is read from now, so the next occurrence is recomputed.
///
/// The form's `state` is `<reminder id>|<source>|<token>`, the token signed over the user, the reminder and
/// the source (`FormSource.verify`).
struct EditDialog: Sendable {
    var context: ServiceContext

    static let callbackID = "edit"

    /// What an edit form's token is bound to.
    static func scope(userID: String, reminderID: String, source: FormSource) -> TokenScope {
        TokenScope(.edit, [userID, reminderID, source.rawValue])
    }

    /// Opens the prefilled form for the clicker of `request`. Throws a `ServiceFailure` when they may not
    /// act on `reminder` or it has ended, and Mattermost's error when the form could not be opened.
    func open(for request: PostActionRequest, reminder: ReminderRecord, source: FormSource) async throws {
        try await ReminderActions(context: context).requireFormAccess(reminder, for: request.userID, to: "edit")
        let time = try await context.reader(request.userID, fallback: reminder.zone)
        let now = context.clock.now()
        let state = try await FormSource.signedState(
            reminderID: reminder.id, userID: request.userID, source: source, context: context, now: now, scope: Self.scope)
        let when = EditPrefill.when(of: reminder, time: time, now: now)
        let dialog = Dialog(
            callbackID: Self.callbackID, title: "Edit reminder",
            introductionText: "Reminder #\(reminder.id). Leave *When* as it is to keep the schedule; a new time counts from now.",
            elements: [
                DialogElement(displayName: "Message", name: "message", type: "textarea", defaultValue: reminder.message,
                              maxLength: 3_000),
                DialogElement(displayName: reminder.team == nil ? "Recipient" : "Team", name: "recipients", type: "text",
                              defaultValue: EditPrefill.recipient(of: reminder, editorID: request.userID),
                              helpText: reminder.team == nil
                                  ? "me, @someone or ~channel: one recipient per reminder."
                                  : "Two or more people in ~\(reminder.targetName), where the team's reminder is posted.",
                              optional: true),
                DialogElement(displayName: "When", name: "when", type: "text", defaultValue: when.isEmpty ? nil : when,
                              placeholder: "tomorrow at 9am",
                              helpText: "Anything /remind understands: in 2 hours, at 5pm, every monday at 10am…"),
            ],
            submitLabel: "Save", state: state)
        try await context.client.openDialog(
            OpenDialogRequest(triggerID: request.triggerID, url: context.callbackURL("/dialog"), dialog: dialog))
    }

    /// Reads a submission; nil closes the form. Throws `Rejection` when it must not be read at all.
    func submit(_ submission: SubmitDialogRequest) async throws(DialogHandler.Rejection) -> SubmitDialogResponse? {
        try await FormSource.read(submission, context: context, scope: Self.scope, purpose: "save the reminder") { form in
            try await save(submission, form)
        }
    }

    /// Saves a genuine submission in place, or answers what is wrong with it.
    private func save(_ submission: SubmitDialogRequest, _ form: FormSource.Submission) async throws -> SubmitDialogResponse? {
        let (reminder, sender, time) = (form.reminder, form.sender, form.time)
        let message = (submission.text("message") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let recipients = (submission.text("recipients") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let when = (submission.text("when") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { return SubmitDialogResponse(errors: ["message": "What should I remind about?"]) }
        guard !when.isEmpty else { return SubmitDialogResponse(errors: ["when": "When? Type e.g. “tomorrow at 9am”."]) }
        let keepsSchedule = when == EditPrefill.when(of: reminder, time: time, now: context.clock.now())
        let isTeam = reminder.team != nil
        let phrase = [DialogHandler.recipientWords(recipients), DialogHandler.quoted(message), when].joined(separator: " ")
            + (isTeam ? " as a team" : "")
        // A team's people must be in the channel its reminder is posted in.
        let request = CreationRequest(
            phrase: phrase, userID: sender.id, teamID: reminder.teamID,
            channelID: isTeam ? reminder.targetID : reminder.originChannelID, thread: reminder.thread)
        let prepared: PreparedReminder
        switch await ReminderCreator(context: context).prepare(request) {
        case .failure(let refusal):
            if refusal.field == .form { return SubmitDialogResponse(error: refusal.message) }
            return SubmitDialogResponse(errors: [refusal.field.rawValue: refusal.message])
        case .success(let ready): prepared = ready
        }
        let target: (kind: ReminderTargetKind, id: String, name: String)
        if isTeam {
            // The team's post stays in its channel, or moves to the one whose people the team now is.
            target = (.channel, prepared.teamChannel?.id ?? reminder.targetID, prepared.teamChannel?.name ?? reminder.targetName)
        } else {
            guard prepared.recipients.count == 1, let recipient = prepared.recipients.first else {
                return SubmitDialogResponse(errors: ["recipients":
                    "An edit changes one reminder, so name one recipient; for more people set a new reminder."])
            }
            target = (recipient.kind, recipient.id, recipient.name)
        }
        let edit = ReminderEdit(
            targetKind: target.kind, targetID: target.id, targetName: target.name,
            message: prepared.parsed.message, phrase: prepared.phrase,
            timeZone: keepsSchedule ? reminder.timeZone : prepared.parsed.timeZone.identifier,
            schedule: keepsSchedule ? nil : prepared.schedule,
            team: isTeam ? prepared.recipients.map { TeamPerson(id: $0.id, username: $0.name) } : nil)
        let actions = ReminderActions(context: context)
        let (changed, outcome) = try await actions.apply(
            .edit(edit), to: reminder, occurrence: nil, clicker: (sender.id, sender.username), time: time, now: prepared.now)
        let refused = await actions.rewriteDeliveredPost(of: changed, outcome: outcome, time: time, now: prepared.now)
        let saved = CreatedReminders(
            records: [changed], parsed: prepared.parsed, recipients: prepared.recipients, time: prepared.time,
            now: prepared.now, notes: prepared.notes)
        let note = "✏️ Saved #\(changed.id). " + Confirmation.text(saved) + (refused.map { "\n" + $0 } ?? "")
        switch form.source {
        case .list: await ListController(context: context).refreshListPost(ownerID: sender.id, note: note)
        case .post: await ClickNotice(context: context).directMessage(note, to: sender.id)
        }
        return nil
    }
}

/// What the edit form shows to start with: the recipient and a *when* that reads back as the reminder's own
/// schedule (checked by parsing it), or nothing when none can be found.
enum EditPrefill {
    /// `me` when the editor is the recipient, else `@name` or `~channel`; a team's people as `@ana @ben`.
    static func recipient(of reminder: ReminderRecord, editorID: String) -> String {
        if let team = reminder.team { return team.map { "@" + $0.username }.joined(separator: " ") }
        return switch reminder.targetKind {
        case .channel: "~" + reminder.targetName
        case .user: reminder.targetID == editorID ? "me" : "@" + reminder.targetName
        }
    }

    /// A *when* for `reminder` as the editor would type it: for a repeating one, the words of its phrase
    /// around the message (or the description of its rule) when they read back as the same rule in the same
    /// zone; for a one-off, its next time as `2026-12-04 09:00 Europe/Berlin` (with seconds when it has them). Empty when nothing reads back.
    static func when(of reminder: ReminderRecord, time: TimeText, now: Date) -> String {
        if let recurrence = reminder.recurrence {
            let candidates = [wordsAround(reminder.message, in: reminder.phrase),
                              RecurrenceText.describe(recurrence, time: time, now: now)]
            return candidates.compactMap { $0 }.first { readsBack($0, time: time, now: now) { parsed in
                guard case .recurring(let read) = parsed.schedule else { return false }
                return read.rule.rrule == recurrence.rule.rrule && parsed.timeZone.identifier == reminder.zone.identifier
            } } ?? ""
        }
        guard let due = reminder.nextDueAt, due > now else { return "" }
        let stamp = ICalendarWriter.stamp(due, in: reminder.zone)  // yyyyMMddTHHmmss
        let digits = Array(stamp)
        var text = String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8]) + " "
            + String(digits[9..<11]) + ":" + String(digits[11..<13])
        if digits[13..<15] != ["0", "0"] { text += ":" + String(digits[13..<15]) }
        text += " " + reminder.zone.identifier
        // Stored times keep their milliseconds; the text has whole seconds.
        return readsBack(text, time: time, now: now) { abs($0.first.timeIntervalSince(due)) < 1 } ? text : ""
    }

    /// Whether `when` parses after a placeholder message into something `matches` accepts.
    private static func readsBack(_ when: String, time: TimeText, now: Date, _ matches: (ParsedReminder) -> Bool) -> Bool {
        guard case .success(let parsed) = PhraseParser.parse(
            "me \"x\" " + when, now: now, timeZone: time.timeZone, clock24: time.clock24) else { return false }
        return parsed.message == "x" && matches(parsed)
    }

    /// The phrase without its recipients, its message and the `to`/`about` joining them: "every weekday at
    /// 9:30am" from "me to stand up every weekday at 9:30am". Nil when the message is not in the phrase.
    static func wordsAround(_ message: String, in phrase: String) -> String? {
        guard !message.isEmpty, let range = phrase.range(of: message, options: .caseInsensitive) else { return nil }
        let before = words(phrase[..<range.lowerBound])
        let after = words(phrase[range.upperBound...])
        var head = before.drop { word in
            let lower = word.lowercased()
            return ["remind", "me", "and", ","].contains(lower) || lower.hasPrefix("@") || lower.hasPrefix("~")
        }.filter { !isQuote($0) }
        if let last = head.last?.lowercased(), ["to", "about"].contains(last) { head.removeLast() }
        if let first = head.first?.lowercased(), ["to", "about"].contains(first) { head.removeFirst() }
        let tail = after.filter { !isQuote($0) }
        let joined = (head + tail).joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }

    private static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
            .filter { !$0.isEmpty }
    }

    private static func isQuote(_ word: String) -> Bool {
        word.allSatisfy { "\"“”'".contains($0) }
    }
}
