import Foundation

/// What the text after `/remind` asks for. `help`, `list` and `version` count only as the whole text
/// (`/remind me to update the list in 5 minutes` is a reminder); nothing at all opens the dialog.
public enum SlashCommandText: Sendable, Hashable {
    case help
    case list
    case version
    /// Empty: open the interactive dialog.
    case dialog
    /// Anything else: a phrase for `PhraseParser`.
    case reminder(String)

    /// Classifies the text (case-insensitive, surrounding whitespace ignored).
    public static func classify(_ text: String) -> SlashCommandText {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch trimmed.lowercased() {
        case "": return .dialog
        case "help": return .help
        case "list": return .list
        case "version": return .version
        default: return .reminder(trimmed)
        }
    }
}
