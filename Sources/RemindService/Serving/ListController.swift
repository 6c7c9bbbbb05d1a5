import Foundation
import Mattermost
import RemindCore
import RemindStore

/// `/remind list` and the list's buttons. Ephemeral posts cannot be updated by an integration
/// (MATTERMOST.md §3), so the list lives as a post in the bot's DM with the user that every click rewrites
/// in place (action `update`); the command answers with a short summary and a permalink to it.
struct ListController: Sendable {
    var context: ServiceContext

    /// Posts a fresh list (page 1) in the bot DM, removing the previous one, and answers with a pointer.
    func show(userID: String, teamName: String) async -> CommandResponse {
        do {
            let time = try await context.reader(userID)
            let now = context.clock.now()
            let page = try await context.store.reminders(forUser: userID, limit: ListView.pageSize, offset: 0)
            let view = try await view(ownerID: userID, time: time, now: now)
            let rendered = try await render(page, pageIndex: 0, with: view)
            let channelID = try await context.directory.directChannel(with: userID)
            var post = Post(channelID: channelID, message: rendered.message)
            if !rendered.attachments.isEmpty { try post.setAttachments(rendered.attachments) }
            let created = try await context.client.createPost(post)
            await replacePreviousListPost(of: userID, with: created.id)
            let bot = try await context.directory.botUser()
            var text = page.total == 0
                ? "You have no reminders. Set one with e.g. `/remind me to stretch in 10 minutes`."
                : "You have \(page.total) reminder\(page.total == 1 ? "" : "s"):\n" + view.summary(page)
                    + (page.total > page.reminders.count ? "\n- …" : "")
            if page.total > 0 {
                let link = try await context.directory.permalink(postID: created.id, teamName: teamName)
                text += "\n\nComplete, delete or snooze them in [your list](\(link)) in the direct messages with @\(bot.username)."
            }
            return .ephemeral(text)
        } catch {
            return .ephemeral(ServiceFailure.from(error, purpose: "show your reminders", logger: context.logger).message)
        }
    }

    /// A click on the list post: checks the owner and their secret, applies the operation, and rewrites the
    /// post with a current page. Returns nil for a forged click (the caller answers 403).
    func click(_ request: PostActionRequest) async -> PostActionResponse? {
        guard let ownerID = request.contextString("owner"), let token = request.contextString("token"),
              let operation = request.contextString("op"), let pageText = request.contextString("page"),
              var pageIndex = ListView.pageIndex(pageText) else { return nil }
        let reminderText = request.contextString("reminder") ?? ""
        let reminderID = RequestNumber.id(reminderText)
        let aboutTheList = operation == "page" || operation == "history"
        guard aboutTheList ? reminderText.isEmpty : reminderID != nil else { return nil }
        let now = context.clock.now()
        let scope = ListView.scope(owner: ownerID, operation: operation, reminder: reminderText, page: pageText)
        switch await context.verifyClick(token: token, scope: scope, ownerID: ownerID, clicker: request.userID, now: now) {
        case .forged: return nil
        case .notOwner:
            return PostActionResponse(ephemeralText: "This list belongs to someone else; type `/remind list` for yours.")
        case .expired:
            // A genuine but old list: say so where the user is looking, in the post itself.
            return PostActionResponse(update: Post(
                id: request.postID, channelID: request.channelID,
                message: "#### Your reminders\nThis list is out of date; type `/remind list` for a fresh one.",
                props: [:]).keepingBotStyling(),
                skipSlackParsing: true)
        case .valid: break
        }
        var note: String?
        do {
            let time = try await context.reader(ownerID)
            let opensForm = operation == "edit" || (operation == "snooze" && request.selectedOption == SnoozeChoice.otherValue)
            if opensForm, let id = reminderID {
                // Edit… and Other…: the form answers later (and refreshes this post); the click changes nothing.
                if let reminder = try await context.store.reminder(id: id) {
                    do {
                        if operation == "edit" {
                            try await EditDialog(context: context).open(for: request, reminder: reminder, source: .list)
                        } else {
                            try await SnoozeDialog(context: context).open(for: request, reminder: reminder, source: .list)
                        }
                        return PostActionResponse()
                    } catch let failure as ServiceFailure {
                        note = failure.message
                    }
                } else {
                    note = "That reminder no longer exists."
                }
            } else if operation == "history" {
                // The history in place of the list, with a button back to the page it was opened from.
                let history = try await HistoryView.text(for: ownerID, context: context)
                var post = Post(id: request.postID, channelID: request.channelID, message: history, props: [:])
                try post.setAttachments([try await view(ownerID: ownerID, time: time, now: now).backToList(pageIndex: pageIndex)])
                return PostActionResponse(update: post.keepingBotStyling(), skipSlackParsing: true)
            } else if operation != "page", let id = reminderID {
                note = try await apply(
                    operation, to: id, ownerID: ownerID, clicker: request.userName, option: request.selectedOption,
                    time: time, now: now)
            }
            var page = try await context.store.reminders(
                forUser: ownerID, limit: ListView.pageSize, offset: pageIndex * ListView.pageSize)
            if page.reminders.isEmpty, pageIndex > 0 {
                pageIndex = ListView.lastPage(total: page.total)
                page = try await context.store.reminders(
                    forUser: ownerID, limit: ListView.pageSize, offset: pageIndex * ListView.pageSize)
            }
            let rendered = try await render(page, pageIndex: pageIndex, with: view(ownerID: ownerID, time: time, now: now))
            // The note goes into the post itself: an ephemeral reply to a click lands in a thread that
            // collapsed reply threads hide.
            let message = note.map { rendered.message + "\n:information_source: " + $0 } ?? rendered.message
            var post = Post(id: request.postID, channelID: request.channelID, message: message, props: [:])
            try post.setAttachments(rendered.attachments)
            return PostActionResponse(update: post.keepingBotStyling(), skipSlackParsing: true)
        } catch {
            let failure = ServiceFailure.from(error, purpose: "update your list", logger: context.logger)
            // No props: Mattermost keeps the buttons, so the user can simply press again.
            return PostActionResponse(update: Post(
                id: request.postID, channelID: request.channelID, message: "#### Your reminders\n:warning: " + failure.message),
                skipSlackParsing: true)
        }
    }

    /// Completes, deletes or snoozes one of the owner's reminders (through `ReminderActions`, the same rule
    /// as the reminder post's buttons) and rewrites its delivered post; returns a note for the list, if any.
    private func apply(
        _ operation: String, to id: Int64, ownerID: String, clicker: String, option: String?, time: TimeText, now: Date
    ) async throws -> String? {
        let requested: ReminderActions.Operation
        switch operation {
        case "complete": requested = .complete(occurrenceID: nil)
        case "delete": requested = .delete
        case "skip": requested = .skipNext
        case "snooze":
            guard let choice = option.flatMap(SnoozeChoice.init(rawValue:)) else { return "Pick how long to snooze." }
            requested = .snooze(until: choice.until(now: now, in: time.timeZone))
        default: return nil
        }
        guard let reminder = try await context.store.reminder(id: id) else { return "That reminder no longer exists." }
        let actions = ReminderActions(context: context)
        do {
            let (changed, outcome) = try await actions.apply(
                requested, to: reminder, occurrence: nil, clicker: (ownerID, clicker), time: time, now: now)
            return await actions.rewriteDeliveredPost(of: changed, outcome: outcome, time: time, now: now)
        } catch let failure as ServiceFailure {
            return failure.message
        }
    }

    /// Rewrites the owner's current list post (page 1) with `note` under it, after a change made from a form
    /// opened from the list. Best effort: the post may be gone.
    func refreshListPost(ownerID: String, note: String) async {
        do {
            guard let postID = try await context.store.listPostID(of: ownerID), !postID.isEmpty else { return }
            let time = try await context.reader(ownerID)
            let now = context.clock.now()
            let page = try await context.store.reminders(forUser: ownerID, limit: ListView.pageSize, offset: 0)
            let rendered = try await render(page, pageIndex: 0, with: view(ownerID: ownerID, time: time, now: now))
            var post = Post(id: postID, channelID: "", message: rendered.message + "\n:information_source: " + note)
            try post.setAttachments(rendered.attachments)
            post = post.keepingBotStyling()
            _ = try await context.client.patchPost(id: postID, message: post.message, props: post.props)
        } catch {
            context.logger.log(.warning, "could not refresh the list post", ["error": String(describing: error)])
        }
    }

    /// `page` rendered by `view`, with the current round's tally of each team reminder on it.
    private func render(
        _ page: ReminderPage, pageIndex: Int, with view: ListView
    ) async throws -> (message: String, attachments: [MessageAttachment]) {
        var tallies: [Int64: [TeamCompletion]] = [:]
        for reminder in page.reminders where reminder.team != nil {
            guard let round = reminder.lastFiredAt else { continue }
            tallies[reminder.id] = try await context.store.teamCompletions(reminderID: reminder.id, round: round)
        }
        return try view.render(page, pageIndex: pageIndex, tallies: tallies)
    }

    private func view(ownerID: String, time: TimeText, now: Date) async throws -> ListView {
        ListView(ownerID: ownerID, key: try await context.signer.currentKey(now: now),
                 actionURL: context.callbackURL("/action"), time: time, now: now)
    }

    /// Remembers the new list post and deletes the previous one (best effort: it may be gone already).
    private func replacePreviousListPost(of userID: String, with postID: String) async {
        let previous = try? await context.store.replaceListPost(of: userID, with: postID)
        if let previous, !previous.isEmpty, previous != postID {
            try? await context.client.deletePost(id: previous)
        }
    }
}
