import Foundation

/// Weekdays left out of a repeat: `every weekday except friday`, `daily excluding weekends`,
/// `every day but not on sundays`. The days are subtracted when the repeat is built
/// (`RecurrenceBuilder.withoutExceptedDays`), so the exception may stand apart from the repeat
/// (`every day at 9am except sunday`).
extension WhenGrammar {
    /// `except friday`, `except for saturdays and sundays`, `excluding weekends`, `but not on monday`,
    /// `but sunday`.
    func exception(at index: Int) -> WhenMatch? {
        guard let start = exceptionStart(at: index), let (days, end) = exceptedDays(at: start) else { return nil }
        var spec = WhenSpec()
        spec.exceptDays = days
        return WhenMatch(spec: spec, end: end)
    }

    /// A repeat followed by `except`/`excluding`/`but not` and words that are not weekdays
    /// (`every day except holidays`): the whole is refused rather than leaving half a *when* in the
    /// message. The refused words run up to the next word that opens a *when* (`at 9am`), a message's
    /// `to`/`about` (`every day except holidays to water the plants`) or a comma.
    func unreadableException(after base: WhenMatch) -> WhenMatch? {
        let index = base.end
        guard base.spec.refusal == nil, word(index) == "except" || word(index) == "excluding" || expect("but", "not", at: index) != nil,
              let start = exceptionStart(at: index), exceptedDays(at: start) == nil
        else { return nil }
        var end = start
        while let w = word(end), end == start || !(info(end).isWhenLead || w == "to" || w == "about") { end += 1 }
        let words = String(decoding: bytes[tokens[index].range.lowerBound..<tokens[end - 1].range.upperBound], as: UTF8.self)
        var spec = WhenSpec(pattern: .daily(interval: 1))
        spec.refusal = .exceptionUnreadable(words)
        return WhenMatch(spec: spec, end: end)
    }

    /// The index after `except [for|on]`, `excluding`, `but [not] [on]`.
    private func exceptionStart(at index: Int) -> Int? {
        guard let lead = word(index) else { return nil }
        switch lead {
        case "except": return skip("for", "on", at: index + 1)
        case "excluding": return skip("on", at: index + 1)
        case "but": return skip("on", at: skip("not", at: index + 1))
        default: return nil
        }
    }

    /// Weekdays, plural weekdays, `weekends`/`the weekend` and `weekdays`, joined by commas, `and`, `or`.
    private func exceptedDays(at index: Int) -> ([Weekday], Int)? {
        var days: [Weekday] = []
        var end = index
        var i = index
        while true {
            let item = skip("the", at: i)
            var found: [Weekday]
            var after: Int
            if let w = word(item), w == "weekend" || w == "weekends" {
                (found, after) = ([.saturday, .sunday], item + 1)
            } else if let w = word(i), w == "weekdays" || w == "workdays" {
                (found, after) = (Self.workWeek, i + 1)
            } else if let list = weekdayList(at: i) {
                (found, after) = (list.days, list.end)
            } else {
                break
            }
            days += found.filter { !days.contains($0) }
            end = after
            i = isComma(after) ? after + 1 : after
            i = skip("and", "or", "&", at: i)
        }
        return days.isEmpty ? nil : (days, end)
    }
}
