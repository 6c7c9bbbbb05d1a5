import Foundation

/// One *when* element found in a phrase: what it says and the token index just after it.
struct WhenMatch: Sendable {
    var spec: WhenSpec
    var end: Int
}

/// The *when* grammar over a phrase's tokens. Each grammar function parses one element starting at a
/// token index and returns it with the index after it, or nil; `element(at:)` keeps the longest.
struct WhenGrammar {
    let tokens: [Token]

    /// The lowercased word at `index`, or nil for punctuation, quotes and the end.
    func word(_ index: Int) -> String? {
        index >= 0 && index < tokens.count && tokens[index].kind == .word ? tokens[index].text : nil
    }

    /// What the vocabulary knows about the word at `index` (looked up once, when tokenizing).
    func info(_ index: Int) -> WordInfo {
        index >= 0 && index < tokens.count && tokens[index].kind == .word ? tokens[index].info : .none
    }

    func isComma(_ index: Int) -> Bool { index < tokens.count && tokens[index].kind == .comma }

    /// Index after the words `words` starting at `index`, or nil when they are not there.
    func expect(_ words: [String], at index: Int) -> Int? {
        var i = index
        for expected in words {
            guard word(i) == expected else { return nil }
            i += 1
        }
        return i
    }

    /// The index after an optional word from `options`.
    func skip(_ options: [String], at index: Int) -> Int {
        if let w = word(index), options.contains(w) { return index + 1 }
        return index
    }

    /// The longest *when* element starting at `index`.
    func element(at index: Int) -> WhenMatch? {
        guard let first = word(index) else { return nil }
        var best: WhenMatch?
        func consider(_ match: WhenMatch?) {
            if let match, match.end > (best?.end ?? index) { best = match }
        }
        consider(relative(at: index))
        consider(clock(at: index))
        consider(dayElement(at: index))
        consider(recurrence(at: index))
        consider(bound(at: index))
        if best == nil, Vocabulary.ambiguousZoneAbbreviations.contains(first) {
            var spec = WhenSpec()
            spec.refusal = .ambiguousZone(first)
            return WhenMatch(spec: spec, end: index + 1)
        }
        return best
    }

    // MARK: relative durations

    /// `in 10 minutes`, `in an hour and a half`, `2 hours from now`, `in 1h30m`.
    func relative(at index: Int) -> WhenMatch? {
        if word(index) == "in", let (duration, end) = duration(at: index + 1) {
            return WhenMatch(spec: WhenSpec(relative: duration), end: end)
        }
        if let (duration, end) = duration(at: index) {
            if let after = expect(["from", "now"], at: end) ?? expect(["later"], at: end) {
                return WhenMatch(spec: WhenSpec(relative: duration), end: after)
            }
        }
        return nil
    }

    /// One or more amount-unit pairs (`1 hour 30 minutes`, `2 hours and 15 minutes`, `1h30m`).
    func duration(at index: Int) -> (CalendarDuration, Int)? {
        var total = CalendarDuration()
        var i = index
        var parts = 0
        while true {
            var next = i
            if parts > 0 {
                if isComma(next) { next += 1 }
                if word(next) == "and" { next += 1 }
            }
            guard let (part, end) = durationPart(at: next) else { break }
            total.months += part.months
            total.days += part.days
            total.seconds += part.seconds
            i = end
            parts += 1
        }
        return parts > 0 ? (total, i) : nil
    }

    private func durationPart(at index: Int) -> (CalendarDuration, Int)? {
        if let text = word(index), let glued = Lexeme.gluedDuration(text) {
            return (glued, index + 1)
        }
        guard let (amount, afterAmount) = amount(at: index),
              let unit = info(afterAmount).unit
        else { return nil }
        var value = amount
        var end = afterAmount + 1
        if let afterHalf = expect(["and", "a", "half"], at: end) ?? expect(["and", "half"], at: end) {
            value += 0.5
            end = afterHalf
        }
        var duration = CalendarDuration()
        duration.add(value, unit)
        return (duration, end)
    }

    // MARK: bounds of a recurrence

    /// `until march 1`, `for 3 times`, `10 times`, `starting next monday`, `from june 1`.
    func bound(at index: Int) -> WhenMatch? {
        guard let first = word(index) else { return nil }
        switch first {
        case "until", "till", "til", "through", "thru":
            guard let (anchor, end) = dayAnchor(at: index + 1) else { return nil }
            return WhenMatch(spec: WhenSpec(until: anchor), end: end)
        case "starting", "from", "beginning", "effective":
            if first == "from", word(index + 1) == "now" { return nil }
            let i = skip(["on", "from"], at: index + 1)
            if let (anchor, end) = dayAnchor(at: i) {
                return WhenMatch(spec: WhenSpec(starting: anchor), end: end)
            }
            // `every 2 hours starting at 9am`: the time of the first occurrence.
            return first == "from" ? nil : clock(at: i).map { WhenMatch(spec: $0.spec, end: $0.end) }
        default:
            let i = first == "for" ? index + 1 : index
            guard let (count, afterCount) = integer(at: i), count > 0,
                  let w = word(afterCount), w == "times" || w == "occurrences" || w == "time"
            else { return nil }
            return WhenMatch(spec: WhenSpec(count: count), end: afterCount + 1)
        }
    }
}
