import Foundation

/// One *when* element found in a phrase: what it says and the token index just after it.
struct WhenMatch: Sendable {
    var spec: WhenSpec
    var end: Int
}

/// The *when* grammar over a phrase's tokens. Each grammar function parses one element starting at a
/// token index and returns it with the index after it, or nil; `element(at:)` keeps the longest.
/// Words are compared as packed `Word` values, never as strings.
struct WhenGrammar {
    let tokens: [Token]
    /// The phrase's UTF-8, for the rare rules that need a word's full text (`text(_:)`).
    let bytes: [UInt8]
    /// The numeric readings of the words that start with a digit (`Token.readingsIndex`).
    let readingsList: [Lexeme.Readings]

    /// The grammar over a phrase's tokens. A misspelt day or month name counts only where a date is
    /// expected (`typoIsExpected`); elsewhere it is made a plain word here, once, rather than on every look.
    init(tokens: [Token], bytes: [UInt8], readingsList: [Lexeme.Readings]) {
        var resolved = tokens
        for i in tokens.indices where tokens[i].info.isTypo && !Self.typoIsExpected(at: i, tokens, readingsList) {
            resolved[i].info = .none
        }
        self.tokens = resolved
        self.bytes = bytes
        self.readingsList = readingsList
    }

    // The accessors below are inlined so that reading one field (`readings(i)?.number`) loads that field
    // instead of copying the token's whole `Readings` or `WordInfo` out of the array.

    /// The lowercased word at `index`, or nil for punctuation, quotes and the end.
    @inline(__always)
    func word(_ index: Int) -> Word? {
        index >= 0 && index < tokens.count && tokens[index].kind == .word ? tokens[index].word : nil
    }

    /// The full lowercased text of the word at `index` (built on demand: zone names, hyphenated numbers,
    /// words quoted in refusals).
    func text(_ index: Int) -> String? {
        guard word(index) != nil else { return nil }
        return Tokenizer.normalizedText(bytes[tokens[index].range])
    }

    /// How many bytes the word at `index` has as typed (0 for punctuation, quotes and the end).
    @inline(__always)
    func length(_ index: Int) -> Int {
        word(index) != nil ? tokens[index].range.count : 0
    }

    /// The word at `index` contains a hyphen (`twenty-five`, `-5`).
    @inline(__always)
    func hasHyphen(_ index: Int) -> Bool {
        word(index) != nil && tokens[index].hasHyphen
    }

    /// What the vocabulary knows about the word at `index` (looked up once, when tokenizing).
    @inline(__always)
    func info(_ index: Int) -> WordInfo {
        index >= 0 && index < tokens.count && tokens[index].kind == .word ? tokens[index].info : .none
    }

    /// A misspelt name stands where a date is expected: after `on`, `every`, `next`, `by`, `until`, `of`, …,
    /// an ordinal or a number (`first mondy`, `3 febuary`), in a list (`monday and thrusday`), or before
    /// a day number, a part of the day or `at` (`febuary 3`, `tuseday at 5pm`). Elsewhere it is a word of
    /// the message (`call Fridya`, `the tuseday demo`).
    private static func typoIsExpected(at index: Int, _ tokens: [Token], _ readingsList: [Lexeme.Readings]) -> Bool {
        func readings(_ i: Int) -> Lexeme.Readings? { tokens[i].readingsIndex.map { readingsList[$0] } }
        if index > 0 {
            let previous = tokens[index - 1]
            if previous.kind == .comma { return true }
            if previous.kind == .word {
                switch previous.word {
                case "on", "every", "each", "next", "this", "last", "coming", "until", "till", "til", "starting", "from",
                     "by", "of", "in", "and", "&", "or", "before", "after":
                    return true
                default:
                    if previous.info.ordinal != nil || readings(index - 1)?.ordinal != nil || readings(index - 1)?.number != nil {
                        return true
                    }
                }
            }
        }
        guard index + 1 < tokens.count, tokens[index + 1].kind == .word else { return false }
        let next = tokens[index + 1].word
        return next.startsWithDigit || next == "at" || next == "morning" || next == "afternoon" || next == "evening" || next == "night"
    }

    /// The numeric readings of the word at `index` (nil unless it starts with a digit).
    @inline(__always)
    func readings(_ index: Int) -> Lexeme.Readings? {
        guard index >= 0, index < tokens.count, let slot = tokens[index].readingsIndex else { return nil }
        return readingsList[slot]
    }

    @inline(__always)
    func isComma(_ index: Int) -> Bool { index < tokens.count && tokens[index].kind == .comma }

    /// Index after the words `first`, `second`, … (up to four) starting at `index`, or nil when they are
    /// not there. Fixed parameters rather than an array: no allocation on the grammar's hottest path.
    func expect(_ first: Word, _ second: Word? = nil, _ third: Word? = nil, _ fourth: Word? = nil, at index: Int) -> Int? {
        guard word(index) == first else { return nil }
        guard let second else { return index + 1 }
        guard word(index + 1) == second else { return nil }
        guard let third else { return index + 2 }
        guard word(index + 2) == third else { return nil }
        guard let fourth else { return index + 3 }
        return word(index + 3) == fourth ? index + 4 : nil
    }

    /// The index after an optional word, one of up to four options.
    func skip(_ first: Word, _ second: Word? = nil, _ third: Word? = nil, _ fourth: Word? = nil, at index: Int) -> Int {
        guard let w = word(index) else { return index }
        return w == first || w == second || w == third || w == fourth ? index + 1 : index
    }

    /// The longest *when* element starting at `index`.
    func element(at index: Int) -> WhenMatch? {
        guard word(index) != nil else { return nil }
        var best: WhenMatch?
        func consider(_ match: WhenMatch?) {
            if let match, match.end > (best?.end ?? index) { best = match }
        }
        consider(relative(at: index))
        consider(clock(at: index))
        consider(dayElement(at: index))
        consider(recurrence(at: index))
        consider(bound(at: index))
        consider(exception(at: index))
        if best == nil, info(index).isAmbiguousZone, let text = text(index) {
            var spec = WhenSpec()
            spec.refusal = .ambiguousZone(text)
            return WhenMatch(spec: spec, end: index + 1)
        }
        return best
    }

    // MARK: relative durations

    /// `in 10 minutes`, `after 10 minutes`, `in an hour and a half`, `2 hours from now`, `3 days from today`,
    /// `now + 45 minutes`, `in 1h30m`; counted from a day: `2 days after next friday`, `a week from tomorrow`.
    func relative(at index: Int) -> WhenMatch? {
        if word(index) == "now", let sign = word(index + 1), sign == "+" || sign == "plus",
           let (duration, end) = duration(at: index + 2), !duration.isZero {
            return WhenMatch(spec: WhenSpec(relative: duration), end: end)
        }
        if word(index) == "in" || word(index) == "after" {
            if let (duration, end) = duration(at: skipHedge(at: index + 1)) {
                return duration.isZero ? notAhead(from: index, to: end) : WhenMatch(spec: WhenSpec(relative: duration), end: expect("or", "so", at: end) ?? end)
            }
            // `in -5 minutes`, `in -5min`.
            if let next = word(index + 1), next.first == UInt8(ascii: "-"), next.byte(1) >= 0x30 && next.byte(1) <= 0x39 {
                return notAhead(from: index, to: info(index + 2).unit != nil ? index + 3 : index + 2)
            }
        }
        // `around 20 minutes from now` (of the hedges only `around` starts an element: see PhraseReading).
        if let (duration, end) = duration(at: word(index) == "around" ? index + 1 : index) {
            if let after = expect("from", "now", at: end) ?? expect("from", "today", at: end) ?? expect("later", at: end) {
                return WhenMatch(spec: WhenSpec(relative: duration), end: after)
            }
            if duration.seconds == 0, let link = word(end), link == "after" || link == "from" || link == "before",
               let (base, after) = dayAnchor(at: end + 1) {
                let sign = link == "before" ? -1 : 1
                return WhenMatch(spec: WhenSpec(day: .after(base, months: sign * duration.months, days: sign * duration.days)), end: after)
            }
        }
        return nil
    }

    /// Skips a hedge before a duration (`in about two hours`, `around 20 minutes from now`): the time is
    /// the duration from now all the same.
    private func skipHedge(at index: Int) -> Int {
        guard let w = word(index) else { return index }
        switch w {
        case "about", "around", "roughly", "approximately", "approx", "~", "like", "just": return index + 1
        default: return index
        }
    }

    /// A refused duration (zero or negative) covering tokens `from..<to`.
    private func notAhead(from: Int, to: Int) -> WhenMatch {
        var spec = WhenSpec()
        spec.refusal = .durationNotAhead((from..<to).compactMap { text($0) }.joined(separator: " "))
        return WhenMatch(spec: spec, end: to)
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

    /// One amount-unit pair (`2 hours`, `10min`, `an hour and a half`) and the index after it.
    func durationPart(at index: Int) -> (CalendarDuration, Int)? {
        if let glued = readings(index)?.gluedDuration {
            return (glued, index + 1)
        }
        guard let (amount, afterAmount) = amount(at: index),
              let unit = info(afterAmount).unit
        else { return nil }
        var value = amount
        var end = afterAmount + 1
        if let afterHalf = expect("and", "a", "half", at: end) ?? expect("and", "half", at: end) {
            value += 0.5
            end = afterHalf
        } else if let afterQuarter = expect("and", "a", "quarter", at: end) {
            value += 0.25
            end = afterQuarter
        } else if let afterQuarters = expect("and", "three", "quarters", at: end) {
            value += 0.75
            end = afterQuarters
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
            return seriesEnd(at: index + 1)
        case "ending", "ends":
            return seriesEnd(at: skip("on", at: index + 1))
        case "end" where word(index + 1) == "repeat" || word(index + 1) == "repeating":
            return seriesEnd(at: skip("on", at: index + 2))
        case "starting", "from", "beginning", "effective":
            if first == "from", word(index + 1) == "now" { return nil }
            let i = skip("on", "from", at: index + 1)
            if let (anchor, end) = dayAnchor(at: i) ?? monthOrYear(at: skip("in", at: i)) {
                return WhenMatch(spec: WhenSpec(starting: anchor), end: end)
            }
            // `starting in 2 weeks`.
            if word(i) == "in", let (duration, end) = duration(at: i + 1), duration.seconds == 0, !duration.isZero {
                return WhenMatch(spec: WhenSpec(starting: .after(.today, months: duration.months, days: duration.days)), end: end)
            }
            // `every 2 hours starting at 9am`, `every hour from 9am`: the time of the first occurrence.
            return clock(at: i).map { WhenMatch(spec: $0.spec, end: $0.end) }
        default:
            let i = first == "for" ? index + 1 : index
            // `6x`, `10x`: a count of occurrences.
            if first.startsWithDigit, let count = timesCount(first) {
                return WhenMatch(spec: WhenSpec(count: count), end: i + 1)
            }
            if let (count, afterCount) = integer(at: i), count > 0,
               let w = word(afterCount), w == "times" || w == "occurrences" || w == "time" {
                // `3 times a day` is not a count of occurrences.
                if w == "times", let perPeriod = timesPerPeriod(from: i, after: afterCount + 1) { return perPeriod }
                return WhenMatch(spec: WhenSpec(count: count), end: afterCount + 1)
            }
            // `for 2 weeks`, `for the next 10 days`: how long the series lasts.
            let j = expect("the", "next", at: i) ?? i
            if first == "for", let (duration, end) = duration(at: j), !duration.isZero {
                var spec = WhenSpec()
                spec.lasting = duration
                spec.lastingFromToday = j > i
                return WhenMatch(spec: spec, end: end)
            }
            return nil
        }
    }

    /// `6x`, `10x`: up to three digits and an `x`, a positive count (read from the packed word: no text).
    private func timesCount(_ word: Word) -> Int? {
        var count = 0
        var offset = 0
        while offset < 3, word.byte(offset) >= 0x30, word.byte(offset) <= 0x39 {
            count = count * 10 + Int(word.byte(offset) - 0x30)
            offset += 1
        }
        guard offset > 0, word.byte(offset) == UInt8(ascii: "x"), word.byte(offset + 1) == 0, count > 0 else { return nil }
        return count
    }

    /// After `until`: a day (the series ends with that day), a clock time, or both in either order
    /// (`until 3pm`, `until friday at 5pm`, `until 5pm on friday`: it ends at that instant).
    private func seriesEnd(at index: Int) -> WhenMatch? {
        if let (anchor, afterDay) = dayAnchor(at: index) ?? monthEnd(at: index) {
            var spec = WhenSpec(until: anchor)
            var end = afterDay
            if let (time, afterTime) = endTime(at: afterDay) {
                spec.untilTime = time
                end = afterTime
            }
            return WhenMatch(spec: spec, end: end)
        }
        guard let (time, afterTime) = endTime(at: index) else { return nil }
        var spec = WhenSpec()
        spec.untilTime = time
        if let (anchor, afterDay) = dayAnchor(at: afterTime) {
            spec.until = anchor
            return WhenMatch(spec: spec, end: afterDay)
        }
        return WhenMatch(spec: spec, end: afterTime)
    }

    /// `october`, `october 2027`, `the end of june` after `until`: the last day of that month.
    private func monthEnd(at index: Int) -> (DayAnchor, Int)? {
        let i = expect("the", "end", "of", at: index) ?? expect("end", "of", at: index) ?? index
        guard let month = info(i).month else { return nil }
        if length(i + 1) == 4, let value = readings(i + 1)?.number, value >= 1900, value <= 2999 {
            return (.monthEnd(month: month, year: Int(value)), i + 2)
        }
        return (.monthEnd(month: month, year: nil), i + 1)
    }

    /// `[at] 5pm`, `17:30`, `5` after `until`: a bare number of one or two digits is an hour here
    /// (`until 5`), a longer one needs `at` or a colon (`until 2027` is not 20:27).
    private func endTime(at index: Int) -> (ClockTime, Int)? {
        let i = skip("at", "by", at: index)
        return clockTime(at: i, hasAt: i > index || length(i) <= 2)
    }

    /// After `starting`/`from`: a month alone (`january`, `june 2027`) or a year alone (`2030`, read as a
    /// year from 2000 to 2099 — write `20:30` for a time).
    private func monthOrYear(at index: Int) -> (DayAnchor, Int)? {
        if let month = info(index).month {
            if length(index + 1) == 4, let value = readings(index + 1)?.number, value >= 1900, value <= 2999 {
                return (.monthStart(month: month, year: Int(value)), index + 2)
            }
            return (.monthStart(month: month, year: nil), index + 1)
        }
        if length(index) == 4, let value = readings(index)?.number, value >= 2000, value <= 2099, value == value.rounded() {
            return (.yearStart(Int(value)), index + 1)
        }
        return nil
    }
}
