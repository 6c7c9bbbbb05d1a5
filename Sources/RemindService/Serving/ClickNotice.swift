import Foundation
import Mattermost

/// Answers to clicks that cannot rewrite the clicked post (a refusal, a failure to reach Mattermost).
/// Mattermost shows a click's `ephemeral_text` with `root_id` = the clicked post, and with collapsed reply
/// threads on (the default `always_on`) the webapp keeps such replies out of the channel (MATTERMOST.md,
/// corrections), so the user would see a button that seems dead. Where threads collapse, the same words
/// also go to the clicker as a DM from the bot, which is always visible.
struct ClickNotice: Sendable {
    var context: ServiceContext

    /// The reply for `userID`: `text` as `ephemeral_text` (seen where threads do not collapse), and a DM
    /// with `text` when the server collapses reply threads (or when its setting cannot be read).
    func reply(_ text: String, to userID: String) async -> PostActionResponse {
        if await context.directory.collapsesReplyThreads() {
            await directMessage(text, to: userID)
        }
        return PostActionResponse(ephemeralText: text, skipSlackParsing: true)
    }

    /// Sends `text` to `userID` in the bot DM; best effort (logged when Mattermost refuses).
    func directMessage(_ text: String, to userID: String) async {
        do {
            let channelID = try await context.directory.directChannel(with: userID)
            _ = try await context.client.createPost(Post(channelID: channelID, message: text))
        } catch {
            context.logger.log(.warning, "could not send a click notice by DM", ["error": String(describing: error)])
        }
    }
}
