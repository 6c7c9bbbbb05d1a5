import Foundation

/// What the text after `/remind` asks for. `help`, `list` and `version` count only as the whole text
/// (`/remind me to update the list in 5 minutes` is a reminder); nothing at all opens the dialog.
public enum SlashCommandText: Sendable, Hashable {
    case help
    case list
    /// `history`: what fired lately.
    case history
    /// `calendar` (the private feed's address) or `calendar reset` (a new one, the old revoked).
    case calendar(reset: Bool)
    case version
    /// Empty: open the interactive dialog.
    case dialog
    /// `snooze <id> <when>` (the id as the list shows it, `#12` or `12`); `when` may be empty, to be refused
    /// with an example.
    case snooze(id: String, when: String)
    /// Anything else: a phrase for `PhraseParser`.
    case reminder(String)

    /// Classifies the text (case-insensitive, surrounding whitespace ignored).
    public static func classify(_ text: String) -> SlashCommandText {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch trimmed.lowercased() {
        case "": return .dialog
        case "help": return .help
        case "list": return .list
        case "history": return .history
        case "calendar": return .calendar(reset: false)
        case "calendar reset": return .calendar(reset: true)
        case "version": return .version
        default: return command(trimmed) ?? .reminder(trimmed)
        }
    }

    /// The commands with arguments. `snooze` counts only before a number (`/remind snooze the alarm at 7` is
    /// a reminder).
    private static func command(_ text: String) -> SlashCommandText? {
        let words = text.split(maxSplits: 2, whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 2, words[0].lowercased() == "snooze" else { return nil }
        let id = words[1].hasPrefix("#") ? String(words[1].dropFirst()) : words[1]
        guard !id.isEmpty, id.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return .snooze(id: id, when: words.count > 2 ? words[2].trimmingCharacters(in: .whitespaces) : "")
    }
}
