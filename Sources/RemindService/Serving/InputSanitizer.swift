/// Cleans text people send before it is parsed, stored or posted back.
enum InputSanitizer {
    /// `text` without control characters: C0 controls other than tab and newline, DEL, C1 controls, and
    /// the bidirectional overrides that can make a message read differently from what it says. A CR LF or a
    /// lone CR becomes a newline. Returns the cleaned text and whether anything was removed.
    static func strippingControlCharacters(_ text: String) -> (text: String, removed: Bool) {
        var scalars = String.UnicodeScalarView()
        var removed = false
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D:
                scalars.append("\n")
            case 0x0A where previousWasCR:
                continue
            case 0x09, 0x0A:
                scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                removed = true
            default:
                scalars.append(scalar)
            }
        }
        return (String(scalars), removed)
    }

    /// The words Mattermost turns into a notification of everyone in a channel.
    static let broadcastWords = ["channel", "all", "here"]

    /// `message` with `@channel`, `@all`, `@here` and Slack's `<!channel>`, `<!all>`, `<!here>` shown as
    /// code (`` `@channel` ``), so a reminder never notifies a whole channel on its creator's behalf
    /// (which would sidestep Mattermost's `use_channel_mentions` permission). Returns whether any changed.
    static func neutralisingBroadcastMentions(_ message: String) -> (text: String, changed: Bool) {
        var output = ""
        var changed = false
        var rest = Substring(message)
        while let at = rest.firstIndex(where: { $0 == "@" || $0 == "<" }) {
            output += rest[..<at]
            let tail = rest[at...]
            if let (word, length) = broadcastMention(at: tail), !isInsideWord(before: at, in: message[...]) {
                output += "`@\(word)`"
                rest = tail.dropFirst(length)
                changed = true
            } else {
                output += tail.prefix(1)
                rest = tail.dropFirst()
            }
        }
        output += rest
        return (output, changed)
    }

    /// A broadcast mention at the start of `text` and its length in characters.
    private static func broadcastMention(at text: Substring) -> (String, Int)? {
        for word in broadcastWords {
            if text.first == "@", text.dropFirst().lowercased().hasPrefix(word) {
                let after = text.dropFirst(1 + word.count).first
                if !(after.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } ?? false) {
                    return (word, 1 + word.count)
                }
            }
            let slack = "<!" + word
            if text.lowercased().hasPrefix(slack) {
                let after = text.dropFirst(slack.count)
                if after.first == ">" { return (word, slack.count + 1) }
                if after.first == "|", let close = after.firstIndex(of: ">") {
                    return (word, slack.count + after.distance(from: after.startIndex, to: close) + 1)
                }
            }
        }
        return nil
    }

    /// Whether the character before `index` continues a word (an e-mail address like `ops@here.com`).
    private static func isInsideWord(before index: Substring.Index, in text: Substring) -> Bool {
        guard index > text.startIndex else { return false }
        let previous = text[text.index(before: index)]
        return previous.isLetter || previous.isNumber
    }
}
