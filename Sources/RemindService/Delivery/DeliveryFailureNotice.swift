import Mattermost
import RemindStore

/// The direct message that tells a reminder's creator their reminder could not be delivered, why, and
/// what to do about it. Pure: built from the reminder, the refusal and the bot's username.
struct DeliveryFailureNotice: Sendable {
    /// The reason, for the ledger's `last_error` and the logs.
    var reason: String
    /// The text sent to the creator.
    var message: String

    /// The notice for `reminder`, refused with `error`; `failedOpeningDirectChannel` when the refusal came
    /// from opening the DM with a user recipient rather than from posting.
    init(reminder: ReminderRecord, error: MattermostError, botUsername: String, failedOpeningDirectChannel: Bool) {
        let place = reminder.targetKind == .channel ? "~\(reminder.targetName)" : "@\(reminder.targetName)"
        let why: String
        let fix: String
        switch (reminder.targetKind, error.status, error.appErrorID) {
        case (_, 400, "model.post.is_valid.message_length.app_error"?):
            why = "the message is longer than Mattermost accepts"
            fix = "Set it again with a shorter message."
        case (.user, _, _) where failedOpeningDirectChannel:
            why = "I could not open a direct message with @\(reminder.targetName) (the account may be deactivated or deleted)"
            fix = "Check the username, then set the reminder again."
        case (.channel, 403, _):
            why = "I am not a member of \(place), so I may not post there"
            fix = "Add me to the channel (type `/invite @\(botUsername)` in \(place)); your next reminders there will arrive."
        case (.channel, 400, _), (.channel, 404, _):
            why = "the channel \(place) no longer exists (it was deleted, or I cannot see it)"
            fix = "Set the reminder again in a channel that exists, or as a reminder to yourself."
        default:
            why = "Mattermost refused the post (\(error))"
            fix = "Check that I can post to \(place), then set the reminder again."
        }
        reason = why
        message = "⚠️ Your reminder to \(place) could not be delivered: \(why).\n"
            + "> \(reminder.message.replacingOccurrences(of: "\n", with: "\n> "))\n\(fix)"
    }
}
