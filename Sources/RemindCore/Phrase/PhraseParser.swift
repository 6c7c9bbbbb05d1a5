import Foundation

/// Reads the text after `/remind` (GRAMMAR.md): *who*, then the message and the *when*, which may come
/// before or after it. Pure: the current time and zone are parameters.
public enum PhraseParser {
    /// Parses a phrase. `clock24` reads hours 1–12 without am/pm the 24-hour way (the user's display setting).
    public static func parse(_ text: String, now: Date, timeZone: TimeZone, clock24: Bool) -> Result<ParsedReminder, Refusal> {
        let bytes = Array(text.utf8)
        var (tokens, readings) = Tokenizer.tokenize(bytes)
        // Trailing punctuation is dropped, except a question's `?` (kept in the message; see PhraseReading).
        while let last = tokens.last, last.kind == .stop, last.word != "?" || tokens.count == 1 { tokens.removeLast() }
        guard !tokens.isEmpty else { return .failure(.nothingToParse) }
        let who: (targets: [Target], end: Int)
        switch readWho(tokens, in: bytes) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let result): who = result
        }
        let reading: PhraseReading
        switch PhraseReading.read(tokens, readings: readings, from: who.end, in: bytes) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let result): reading = result
        }
        if let refusal = reading.spec.refusal { return .failure(refusal) }
        let message = reading.message
        guard !message.isEmpty else { return .failure(.emptyMessage) }
        // A message of at most `messageLimit` bytes has at most that many characters: count only longer ones.
        let length = message.utf8.count <= Refusal.messageLimit ? 0 : message.count
        guard length <= Refusal.messageLimit else { return .failure(.messageTooLong(length)) }

        let zone = reading.spec.zone ?? timeZone
        let resolver = WhenResolver(now: now, zone: zone, clock24: clock24)
        let schedule: Schedule
        var otherReading: Date?
        if reading.spec.repeats {
            switch RecurrenceBuilder(resolver: resolver).recurrence(reading.spec) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let recurrence): schedule = .recurring(recurrence)
            }
        } else {
            guard !reading.spec.hasBoundWithoutRepeat else {
                return .failure(.unreadableWhen("an end or start without a repeat"))
            }
            switch resolver.once(reading.spec) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let date):
                schedule = .once(date)
                otherReading = resolver.otherReading(of: reading.spec, chosen: date)
            }
        }
        return .success(ParsedReminder(
            targets: who.targets, message: message, timeZone: zone, schedule: schedule, otherReading: otherReading))
    }

    /// `me`, `@user` (one or more, space- or comma-separated) and `~channel` at the start.
    private static func readWho(_ tokens: [Token], in text: [UInt8]) -> Result<(targets: [Target], end: Int), Refusal> {
        var targets: [Target] = []
        var i = 0
        // Pasted `remind me to …` / `/remind @ana …`: the command word itself, before a *who*.
        if tokens.count > 1, tokens[0].kind == .word, tokens[0].word == "remind" || tokens[0].word == "/remind",
           tokens[1].kind == .word, tokens[1].word == "me" || mention(tokens[1], in: text) != nil {
            i = 1
        }
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .comma, !targets.isEmpty {
                i += 1
                continue
            }
            guard token.kind == .word else { break }
            if token.word == "me" {
                if !targets.contains(.me) { targets.append(.me) }
            } else if text[token.range.lowerBound] == UInt8(ascii: "#"), !targets.isEmpty {
                // `~dev #release tag the build`: after a target, a hashtag is the message's.
                break
            } else if let (sigil, name) = mention(token, in: text) {
                if sigil == "@" {
                    if ["all", "here", "channel", "everyone"].contains(name.lowercased()) {
                        return .failure(.broadcastMention(name.lowercased()))
                    }
                    if !targets.contains(.user(name)) { targets.append(.user(name)) }
                } else if !targets.contains(.channel(name)) {
                    targets.append(.channel(name))
                }
            } else {
                break
            }
            i += 1
            if i < tokens.count, tokens[i].kind == .word, tokens[i].word == "and", i + 1 < tokens.count,
               tokens[i + 1].word == "me" || mention(tokens[i + 1], in: text) != nil {
                i += 1
            }
        }
        return .success((targets.isEmpty ? [.me] : targets, i))
    }

    /// `@name` / `~name` with a Mattermost-style name (`[a-z0-9._-]`, a trailing `.` being punctuation).
    /// `#name` (Slack's way of naming a channel) is read as `~name` when the name has a letter, so that
    /// `#1` stays a message word.
    private static func mention(_ token: Token, in text: [UInt8]) -> (Character, String)? {
        guard let sigil = text[token.range].first,
              sigil == UInt8(ascii: "@") || sigil == UInt8(ascii: "~") || sigil == UInt8(ascii: "#") else { return nil }
        let raw = String(decoding: text[token.range], as: UTF8.self)
        guard let sigil = raw.first, sigil == "@" || sigil == "~" || sigil == "#" else { return nil }
        var name = raw.dropFirst()
        while let last = name.last, last == "." || last == "," { name = name.dropLast() }
        guard !name.isEmpty, name.utf8.allSatisfy({ b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }) else { return nil }
        if sigil == "#" {
            guard name.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return nil }
            return ("~", String(name))
        }
        return (sigil, String(name))
    }
}
