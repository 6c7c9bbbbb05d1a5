import Foundation
import Mattermost
import RemindCore
import RemindStore

/// `/remind list` and the list's buttons. Ephemeral posts cannot be updated by an integration
/// (MATTERMOST.md §3), so the list lives as a post in the bot's DM with the user that every click rewrites
/// in place (action `update`); the command answers with a short summary and a permalink to it.
struct ListController: Sendable {
    var context: ServiceContext

    private static func listPostKey(_ userID: String) -> String { "list_post." + userID }

    /// Posts a fresh list (page 1) in the bot DM, removing the previous one, and answers with a pointer.
    func show(userID: String, teamName: String) async -> CommandResponse {
        do {
            let time = try await context.reader(userID)
            let now = context.clock.now()
            let page = try await context.store.reminders(forUser: userID, limit: ListView.pageSize, offset: 0)
            let view = try await view(ownerID: userID, time: time, now: now)
            let rendered = try view.render(page, pageIndex: 0)
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
                let link = try await permalink(postID: created.id, teamName: teamName)
                text += "\n\nComplete, delete or snooze them in [your list](\(link)) in the direct messages with @\(bot.username)."
            }
            return .ephemeral(text)
        } catch let error as MattermostError {
            context.logger.log(.warning, "list: Mattermost call failed", ["error": error.description])
            return .ephemeral("I couldn't reach Mattermost to show your reminders; try again in a minute.")
        } catch {
            context.logger.log(.error, "list failed", ["error": String(describing: error)])
            return .ephemeral("Something went wrong on my side while listing your reminders; please try again.")
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
        guard operation == "page" ? reminderText.isEmpty : reminderID != nil else { return nil }
        let now = context.clock.now()
        let scope = ListView.scope(owner: ownerID, operation: operation, reminder: reminderText, page: pageText)
        guard let verdict = try? await context.signer.check(token, scope: scope, now: now, legacyOwner: ownerID),
              verdict != .invalid else {
            return nil
        }
        guard request.userID == ownerID else {
            return PostActionResponse(ephemeralText: "This list belongs to someone else; type `/remind list` for yours.")
        }
        guard verdict == .valid else {
            // A genuine but old list: say so where the user is looking, in the post itself.
            return PostActionResponse(update: Post(
                id: request.postID, channelID: request.channelID,
                message: "#### Your reminders\nThis list is out of date; type `/remind list` for a fresh one.",
                props: [:]).keepingBotStyling(),
                skipSlackParsing: true)
        }
        var note: String?
        do {
            let time = try await context.reader(ownerID)
            if operation != "page", let id = reminderID {
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
            let rendered = try await view(ownerID: ownerID, time: time, now: now).render(page, pageIndex: pageIndex)
            // The note goes into the post itself: an ephemeral reply to a click lands in a thread that
            // collapsed reply threads hide.
            let message = note.map { rendered.message + "\n:information_source: " + $0 } ?? rendered.message
            var post = Post(id: request.postID, channelID: request.channelID, message: message, props: [:])
            try post.setAttachments(rendered.attachments)
            return PostActionResponse(update: post.keepingBotStyling(), skipSlackParsing: true)
        } catch {
            context.logger.log(.warning, "list click failed", ["error": String(describing: error)])
            // No props: Mattermost keeps the buttons, so the user can simply press again.
            return PostActionResponse(update: Post(
                id: request.postID, channelID: request.channelID,
                message: "#### Your reminders\n:warning: I couldn't do that just now; press the button again in a minute."),
                skipSlackParsing: true)
        }
    }

    /// Completes, deletes or snoozes one of the owner's reminders; returns a note for the clicker, if any.
    private func apply(
        _ operation: String, to id: Int64, ownerID: String, clicker: String, option: String?, time: TimeText, now: Date
    ) async throws -> String? {
        guard let reminder = try await context.store.reminder(id: id),
              reminder.creatorID == ownerID || (reminder.targetKind == .user && reminder.targetID == ownerID) else {
            return "That reminder is not yours."
        }
        guard reminder.state == .active else { return "That reminder was already \(reminder.state.rawValue)." }
        let changed: ReminderRecord
        let outcome: ReminderPost.Outcome
        switch operation {
        case "complete":
            changed = try await context.store.complete(reminderID: id, at: now)
            outcome = .completed(by: clicker, at: now)
        case "delete":
            changed = try await context.store.delete(reminderID: id, at: now)
            outcome = .deleted(by: clicker, at: now)
        case "snooze":
            guard let choice = option.flatMap(SnoozeChoice.init(rawValue:)) else { return "Pick how long to snooze." }
            let until = choice.until(now: now, in: time.timeZone)
            changed = try await context.store.snooze(reminderID: id, until: until, at: now)
            outcome = .snoozed(by: clicker, until: until)
        default:
            return nil
        }
        await context.reminderChanged(changed)
        return await rewriteDeliveredPost(of: changed, outcome: outcome, time: time, now: now)
    }

    /// Rewrites the reminder's last delivered post the way its own buttons would have, so that it does not
    /// keep offering Complete / Delete / Snooze for something already done from the list. Best effort: the
    /// post may have been deleted in Mattermost. When Mattermost refuses the edit (an admin's
    /// `PostEditTimeLimit`), returns a note for the list saying so, since the old buttons stay.
    private func rewriteDeliveredPost(
        of reminder: ReminderRecord, outcome: ReminderPost.Outcome, time: TimeText, now: Date
    ) async -> String? {
        do {
            guard let occurrence = try await context.store.latestPostedOccurrence(reminderID: reminder.id),
                  let postID = occurrence.postID else { return nil }
            let post = try ReminderPost(publicURL: context.publicURL).update(
                for: reminder, occurrence: occurrence, outcome: outcome,
                deliveryKey: try await context.deliveryKey(for: occurrence), now: now, time: time)
            _ = try await context.client.patchPost(id: postID, message: post.message, props: post.props)
            return nil
        } catch let error as MattermostError where error.status == 400 || error.status == 403 {
            context.logger.log(.warning, "Mattermost refused to rewrite the delivered post after a list action",
                               ["reminder": String(reminder.id), "error": error.description])
            return "Done — but Mattermost would not let me update the original reminder post (its edit time "
                + "limit may have passed), so its buttons still show; they will say it was already done."
        } catch {
            context.logger.log(.warning, "could not rewrite the delivered post after a list action",
                               ["reminder": String(reminder.id), "error": String(describing: error)])
            return nil
        }
    }

    private func view(ownerID: String, time: TimeText, now: Date) async throws -> ListView {
        ListView(ownerID: ownerID, key: try await context.signer.currentKey(now: now),
                 actionURL: context.callbackURL("/action"), time: time, now: now)
    }

    /// Remembers the new list post and deletes the previous one (best effort: it may be gone already).
    private func replacePreviousListPost(of userID: String, with postID: String) async {
        let key = Self.listPostKey(userID)
        let previous = try? await context.store.setting(key)
        try? await context.store.setSetting(key, to: postID)
        if let previous, !previous.isEmpty, previous != postID {
            try? await context.client.deletePost(id: previous)
        }
    }

    /// `<SiteURL>/<team>/pl/<post_id>`; SiteURL from the client configuration (cached).
    private func permalink(postID: String, teamName: String) async throws -> String {
        let site = try await context.directory.siteURL()
        return "\(site)/\(teamName.isEmpty ? "_redirect" : teamName)/pl/\(postID)"
    }
}
