import Foundation

/// A cheap filter run before the grammar: most message words cannot start a *when* element, and
/// one set lookup rules them out.
enum StarterWords {
    static let words: Set<String> = {
        var set: Set<String> = [
            "in", "at", "around", "by", "on", "this", "next", "coming", "tonight", "tonite", "today", "eod", "eow",
            "eom", "overmorrow", "day", "the", "end", "noon", "midday", "midnight", "half", "quarter", "couple",
            "few", "every", "each", "daily", "everyday", "nightly", "weekly", "biweekly", "fortnightly", "monthly",
            "yearly", "annually", "quarterly", "hourly", "of", "weekdays", "workdays", "weekends", "until", "till", "til",
            "through", "thru", "starting", "from", "beginning", "effective", "for", "last", "penultimate", "yesterday",
            "except", "excluding", "but", "twice", "thrice", "bimonthly", "semiannually", "biannually", "after", "now", "once", "over", "repeat", "repeats", "repeating",
            "recurring", "ending", "ends",
        ]
        set.formUnion(Vocabulary.numberWords.keys)
        set.formUnion(Vocabulary.ordinalWords.keys)
        set.formUnion(Vocabulary.weekdays.keys)
        set.formUnion(Vocabulary.pluralWeekdays.keys)
        set.formUnion(Vocabulary.months.keys)
        set.formUnion(Vocabulary.tomorrowWords)
        set.formUnion(Vocabulary.ambiguousZoneAbbreviations)
        set.formUnion(Vocabulary.holidayWords)
        return set
    }()

    static func mayStart(_ token: Token) -> Bool {
        guard token.kind == .word else { return false }
        if token.word.startsWithDigit || token.info.isStarter { return true }
        // Hyphenated number and ordinal words (`twenty-five`, `twenty-first`, `second-to-last`).
        let first = token.word.first
        return token.hasHyphen && first >= 0x61 && first <= 0x7A
    }
}
