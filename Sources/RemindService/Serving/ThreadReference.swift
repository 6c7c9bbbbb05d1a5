import Foundation
import Mattermost
import RemindStore

/// `/remind me about this thread tomorrow at 9` typed in a reply: Mattermost names the thread in the slash
/// command's `root_id` (MATTERMOST.md §1), and the reminder links to it (`{SiteURL}/{team}/pl/{root_id}`,
/// which Mattermost renders as a preview) and quotes the root post's first line. The root post is read
/// with the bot's token; when it cannot be (the bot is not in the channel), the reminder still links.
struct ThreadReference: Sendable {
    var context: ServiceContext

    /// The messages that mean "the thread this was typed in" (compared lower-cased, without a final
    /// full stop).
    static let words: Set<String> = ["this", "this thread", "this message", "this post", "this conversation"]

    /// Whether `message` is one of `words`.
    static func isAboutThis(_ message: String) -> Bool {
        var text = message.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while text.hasSuffix(".") || text.hasSuffix("!") { text.removeLast() }
        return words.contains(text)
    }

    /// The longest quote kept from the root post (characters).
    static let quoteLength = 200

    /// The link for the thread rooted at `rootID` in `teamName`, or the refusal to show.
    func link(rootID: String, teamName: String) async -> Result<ThreadLink, CreationRefusal> {
        guard !rootID.isEmpty else {
            return .failure(CreationRefusal(field: .message, message:
                "“About this thread” needs a thread: open the thread, then type it in the reply box, e.g. "
                + "`/remind me about this thread tomorrow at 9`. Elsewhere, say what to remind about, e.g. "
                + "`/remind me to answer Ana tomorrow at 9` (a pasted permalink is kept as a link)."))
        }
        guard Self.isPostID(rootID) else {
            return .failure(CreationRefusal(field: .message, message:
                "I couldn't tell which thread this is; type `/remind me about this thread tomorrow at 9` in its reply box."))
        }
        let url: String
        do {
            url = try await context.directory.permalink(postID: rootID, teamName: teamName)
        } catch {
            return .failure(CreationRefusal(
                field: .form, message: ServiceFailure.from(error, purpose: "link the thread", logger: context.logger).message))
        }
        var quote: String?
        do {
            quote = Self.firstLine(of: try await context.client.getPost(id: rootID).message)
        } catch {
            context.logger.log(.info, "thread root not readable; linking without a quote", ["error": error.description])
        }
        return .success(ThreadLink(rootID: rootID, url: url, quote: quote))
    }

    /// A Mattermost id: 26 lower-case letters and digits.
    static func isPostID(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// The first non-empty line of `message`, shortened to `quoteLength`, with broadcast mentions shown as
    /// text (a quote must never notify a channel); nil when there is none.
    static func firstLine(of message: String) -> String? {
        guard let line = message.split(whereSeparator: \.isNewline)
            .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else { return nil }
        let short = line.count > quoteLength ? String(line.prefix(quoteLength - 1)) + "…" : line
        return InputSanitizer.neutralisingBroadcastMentions(InputSanitizer.strippingControlCharacters(short).text).text
    }
}
