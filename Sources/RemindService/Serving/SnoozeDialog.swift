import Foundation
import Mattermost
import RemindCore
import RemindStore

/// A snooze until a time of one's own: *Other…* in a Snooze menu (on a reminder post or in the list) opens
/// a form with a free-text *when*, read by the reminder grammar; `/remind snooze <id> <when>` reads the same.
///
/// Mattermost adds no credential to a submission, so the form's `state` is `<reminder id>|<source>|<token>`,
/// the token signed over the user it was opened for, that reminder and where it was opened; anything else is
/// refused with nothing changed.
struct SnoozeDialog: Sendable {
    var context: ServiceContext

    static let callbackID = "snooze"

    /// What a snooze form's token is bound to.
    static func scope(userID: String, reminderID: String, source: FormSource) -> TokenScope {
        TokenScope(.snooze, [userID, reminderID, source.rawValue])
    }

    /// Opens the form for the clicker of `request` (its trigger id), about `reminder`. Throws a
    /// `ServiceFailure` when they may not act on it or it has ended, and Mattermost's error when the form
    /// could not be opened.
    func open(for request: PostActionRequest, reminder: ReminderRecord, source: FormSource) async throws {
        try await ReminderActions(context: context).requireFormAccess(reminder, for: request.userID, to: "snooze")
        let now = context.clock.now()
        let state = try await FormSource.signedState(
            reminderID: reminder.id, userID: request.userID, source: source, context: context, now: now, scope: Self.scope)
        let dialog = Dialog(
            callbackID: Self.callbackID, title: "Snooze until…",
            introductionText: "When should “\(reminder.message.prefix(120))” come back?",
            elements: [
                DialogElement(displayName: "When", name: "when", type: "text", placeholder: "in 45 minutes",
                              helpText: "Once, in your time zone: in 45 minutes, friday 2pm, tomorrow at 9…", maxLength: 150),
            ],
            submitLabel: "Snooze", state: state)
        try await context.client.openDialog(
            OpenDialogRequest(triggerID: request.triggerID, url: context.callbackURL("/dialog"), dialog: dialog))
    }

    /// Reads a submission; nil closes the form. Throws `Rejection` when it must not be read at all.
    func submit(_ submission: SubmitDialogRequest) async throws(DialogHandler.Rejection) -> SubmitDialogResponse? {
        try await FormSource.read(submission, context: context, scope: Self.scope, purpose: "snooze the reminder") { form in
            let now = context.clock.now()
            let until: Date
            switch SnoozeTime.read(submission.text("when") ?? "", now: now, time: form.time) {
            case .failure(let failure): return SubmitDialogResponse(errors: ["when": failure.message])
            case .success(let date): until = date
            }
            let note = try await SnoozeTime.apply(
                until, to: form.reminder, clicker: (form.sender.id, form.sender.username), time: form.time, now: now,
                context: context)
            if form.source == .list {
                await ListController(context: context).refreshListPost(ownerID: form.sender.id, note: note)
            }
            return nil
        }
    }
}

/// Where a form about one reminder (snooze, edit) was opened, which decides what is rewritten after it; and
/// the checks every such submission passes first.
enum FormSource: String, Sendable {
    /// A delivered reminder post: that post is rewritten.
    case post
    /// The list post: the reminder's delivered post and the list are rewritten.
    case list

    /// The state of a form about `reminderID` opened by `userID` from `source`: `<id>|<source>|<token>`, the
    /// token signed over `scope(user, reminder id, source)`: what `verify` checks.
    static func signedState(
        reminderID: Int64, userID: String, source: FormSource, context: ServiceContext, now: Date,
        scope: (String, String, FormSource) -> TokenScope
    ) async throws -> String {
        let key = try await context.signer.currentKey(now: now)
        let token = key.token(for: scope(userID, String(reminderID), source), now: now)
        return "\(reminderID)|\(source.rawValue)|\(token)"
    }

    /// The reminder and source of a submission whose state carries a valid token for its user, signed over
    /// `scope(user, reminder id, source)`; else `forged` or `expired`.
    static func verify(
        _ submission: SubmitDialogRequest, context: ServiceContext,
        scope: (String, String, FormSource) -> TokenScope
    ) async throws(DialogHandler.Rejection) -> (reminderID: Int64, source: FormSource) {
        let parts = submission.state.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !submission.userID.isEmpty, let reminderID = RequestNumber.id(parts[0]),
              let source = FormSource(rawValue: parts[1]) else { throw .forged }
        switch try? await context.signer.check(parts[2], scope: scope(submission.userID, parts[0], source), now: context.clock.now()) {
        case .valid?: return (reminderID, source)
        case .expired?: throw .expired
        case .invalid?, nil: throw .forged
        }
    }

    /// A genuine submission of a form about one reminder, and what every such form needs to be read.
    struct Submission {
        var reminder: ReminderRecord
        var source: FormSource
        /// The submitting user, as Mattermost has them now.
        var sender: User
        /// How the sender reads times (their zone, else the reminder's).
        var time: TimeText
    }

    /// Reads a submission of a form about one reminder, the same way for every such form: a cancelled form
    /// closes (nil); the signed state must be valid for its user (`scope`), and the sender, looked up fresh,
    /// a person with an active account, else the submission is rejected unread; then `body` runs on the
    /// reminder. A vanished reminder, Mattermost unreachable and a failure inside `body` (about `purpose`)
    /// answer in the form.
    static func read(
        _ submission: SubmitDialogRequest, context: ServiceContext, scope: (String, String, FormSource) -> TokenScope,
        purpose: String, _ body: (Submission) async throws -> SubmitDialogResponse?
    ) async throws(DialogHandler.Rejection) -> SubmitDialogResponse? {
        guard !submission.cancelled else { return nil }
        let (reminderID, source) = try await verify(submission, context: context, scope: scope)
        let sender: User
        do {
            sender = try await context.directory.currentUser(id: submission.userID)
        } catch {
            return SubmitDialogResponse(error: ServiceFailure.mattermostUnreachable(purpose: "check this form").message)
        }
        guard !sender.isBot, !sender.isDeactivated else { throw .senderNotAllowed }
        do {
            guard let reminder = try await context.store.reminder(id: reminderID) else {
                return SubmitDialogResponse(error: "That reminder no longer exists.")
            }
            let time = try await context.reader(sender.id, fallback: reminder.zone)
            return try await body(Submission(reminder: reminder, source: source, sender: sender, time: time))
        } catch {
            return SubmitDialogResponse(error: ServiceFailure.from(error, purpose: purpose, logger: context.logger).message)
        }
    }
}

/// A snooze time typed by someone, and the one way a typed snooze is applied.
enum SnoozeTime {
    /// The examples every snooze refusal shows.
    static let examples = "`in 45 minutes`, `friday 2pm` or `tomorrow at 9`"

    /// `when` read by the reminder grammar in the reader's zone and clock style: it must name one future
    /// moment and nothing else.
    static func read(_ when: String, now: Date, time: TimeText) -> Result<Date, ServiceFailure> {
        let text = InputSanitizer.strippingControlCharacters(when).text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.refused("Until when? Type e.g. \(examples).")) }
        switch PhraseParser.parse("me \"snooze\" " + text, now: now, timeZone: time.timeZone, clock24: time.clock24) {
        case .failure(let refusal):
            return .failure(.refused(refusal.message + " For a snooze, type just when, e.g. \(examples)."))
        case .success(let parsed):
            guard parsed.message == "snooze", case .once(let date) = parsed.schedule else {
                return .failure(.refused("I couldn't read “\(text.prefix(80))” as one time to snooze until; type just when, e.g. \(examples)."))
            }
            return .success(date)
        }
    }

    /// Snoozes `reminder` until `until` for the clicker (through `ReminderActions`) and rewrites its delivered
    /// post; returns the sentence saying what happened.
    static func apply(
        _ until: Date, to reminder: ReminderRecord, clicker: (id: String, name: String), time: TimeText, now: Date,
        context: ServiceContext
    ) async throws -> String {
        let actions = ReminderActions(context: context)
        let (changed, outcome) = try await actions.apply(
            .snooze(until: until), to: reminder, occurrence: nil, clicker: clicker, time: time, now: now)
        let refused = await actions.rewriteDeliveredPost(of: changed, outcome: outcome, time: time, now: now)
        return "⏰ Snoozed “\(changed.message)” until \(time.moment(until, now: now))." + (refused.map { " " + $0 } ?? "")
    }
}
