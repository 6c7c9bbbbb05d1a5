import Foundation

/// A unit of a relative duration.
enum DurationUnit: Sendable {
    case second, minute, hour, day, week, fortnight, month, year
}

/// Everything the grammar may ask about one word, gathered in one table so that each token costs one
/// dictionary lookup (at tokenization) instead of one per grammar rule.
struct WordInfo: Sendable {
    var unit: DurationUnit?
    var number: Int?
    var ordinal: Int?
    var weekday: Weekday?
    var pluralWeekday: Weekday?
    var month: Int?
    var isTomorrow = false
    /// May start a *when* element (see `StarterWords`).
    var isStarter = false
    /// Opens a *when* element and never ends a message naturally (`Vocabulary.whenLeads`).
    var isWhenLead = false
    /// Makes an unreadable tail look like an attempted *when* (`Vocabulary.timeHints`).
    var isTimeHint = false
    /// A weekday abbreviation that is also an everyday word (`sun`, `sat`, `wed`).
    var weekdayNeedsContext = false
    /// `UTC`, `GMT`, `Z`, a zone abbreviation or `IST`: worth a look after a clock time.
    var isZoneWord = false
    /// `IST`: a zone abbreviation refused as ambiguous.
    var isAmbiguousZone = false
    /// A misspelt weekday or month name (`Vocabulary.typoTable`): read only where a date is expected.
    var isTypo = false
    /// The first word of a holiday's name (`christmas`, `new`, `good`): worth a look by `holiday(at:)`.
    var isHoliday = false
    /// A noun that takes a number after it (`chapter 10`, `episode 9`): that number is not an hour.
    var isCountingNoun = false

    static let none = WordInfo()
}

/// The keyword tables of the grammar, built once (immutable, so safe to share across threads).
enum Vocabulary {
    static let units: [String: DurationUnit] = {
        var table: [String: DurationUnit] = [:]
        for word in ["s", "sec", "secs", "second", "seconds"] { table[word] = .second }
        for word in ["m", "min", "mins", "minute", "minutes"] { table[word] = .minute }
        for word in ["h", "hr", "hrs", "hour", "hours"] { table[word] = .hour }
        for word in ["d", "day", "days"] { table[word] = .day }
        for word in ["w", "wk", "wks", "week", "weeks"] { table[word] = .week }
        for word in ["fortnight", "fortnights"] { table[word] = .fortnight }
        for word in ["mo", "mos", "month", "months"] { table[word] = .month }
        for word in ["y", "yr", "yrs", "year", "years"] { table[word] = .year }
        return table
    }()

    static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "zero": 0,
    ]

    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]

    static let weekdays: [String: Weekday] = [
        "monday": .monday, "mon": .monday, "tuesday": .tuesday, "tue": .tuesday, "tues": .tuesday,
        "wednesday": .wednesday, "wed": .wednesday, "weds": .wednesday, "thursday": .thursday,
        "thu": .thursday, "thur": .thursday, "thurs": .thursday, "friday": .friday, "fri": .friday,
        "saturday": .saturday, "sat": .saturday, "sunday": .sunday, "sun": .sunday,
    ]

    /// Abbreviations that are also everyday English words: a weekday only after `on`, `next`, `every`, …
    static let weekdayWordsNeedingContext: Set<String> = ["sun", "sat", "wed"]

    static let pluralWeekdays: [String: Weekday] = [
        "mondays": .monday, "tuesdays": .tuesday, "wednesdays": .wednesday, "thursdays": .thursday,
        "fridays": .friday, "saturdays": .saturday, "sundays": .sunday,
    ]

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
        "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    static let tomorrowWords: Set<String> = ["tomorrow", "tmrw", "tmr", "tmrow", "tomorow", "tommorow", "tommorrow", "2morrow"]

    /// Time-zone abbreviations that name one region unambiguously (the region's clock, DST included).
    static let zoneAbbreviationNames: [String: String] = [
        "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
        "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
        "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
        "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
        "cet": "Europe/Paris", "cest": "Europe/Paris", "bst": "Europe/London", "jst": "Asia/Tokyo",
        "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    ]

    /// The zones of `zoneAbbreviationNames`, made once.
    static let zoneAbbreviations: [Word: TimeZone] = {
        var table: [Word: TimeZone] = [:]
        for (word, identifier) in zoneAbbreviationNames {
            if let zone = TimeZone(identifier: identifier) { table[Word(word)] = zone }
        }
        return table
    }()

    /// Abbreviations refused because they name several zones.
    static let ambiguousZoneAbbreviations: Set<String> = ["ist"]

    static let utcNames: Set<String> = ["utc", "gmt", "z", "zulu"]

    /// Every IANA identifier Foundation knows, keyed by its lowercased spelling.
    static let ianaZones: [String: String] = {
        var table: [String: String] = [:]
        for identifier in TimeZone.knownTimeZoneIdentifiers { table[identifier.lowercased()] = identifier }
        return table
    }()

    /// Words that make an unreadable tail look like an attempted *when* ("at blorp o'clock").
    static let timeHints: Set<String> = [
        "at", "in", "on", "every", "each", "until", "o'clock", "oclock", "am", "pm", "tomorrow", "today",
        "next", "noon", "midnight", "from", "starting",
    ]

    /// Words that open a *when* element and never end a message naturally: a chain led by one that
    /// cannot be read makes the phrase unreadable instead of leaving the fragment in the message.
    static let whenLeads: Set<String> = [
        "at", "on", "in", "every", "each", "by", "until", "till", "til", "from", "starting", "around",
        "except", "excluding",
    ]

    /// Nouns numbered by the number after them (`chapter 10 tonight`, `room 7 tomorrow morning`).
    static let countingNouns: Set<String> = [
        "chapter", "chapters", "episode", "ep", "page", "pages", "part", "step", "level", "lesson", "season", "room",
        "round", "number", "no", "item", "issue", "ticket", "pr", "question", "exercise", "section", "unit", "module",
        "book", "volume", "vol", "track", "song", "game", "task", "table", "gate", "floor", "line", "row", "version",
        "act", "scene", "stage", "phase", "sprint", "week", "day", "lap", "set", "hole", "bus", "route", "platform",
    ]

    /// The first words of the holidays `WhenGrammar.holiday(at:)` reads.
    static let holidayWords: Set<String> = [
        "christmas", "xmas", "x-mas", "boxing", "new", "nye", "valentine's", "valentines", "valentine", "halloween",
        "independence", "thanksgiving", "easter", "good", "mother's", "mothers", "father's", "fathers",
    ]

    /// Real words one edit away from a month name, never read as one.
    static let typoExclusions: Set<String> = ["arch", "merch", "mach", "marc", "marsh", "match", "frida"]

    /// One-edit misspellings of full weekday and month names — a letter left out (`febuary`), two
    /// neighbours swapped (`tuseday`, `thrusday`, `fridya`), a letter doubled, one vowel for another —
    /// with what the name means and `isTypo` set. A spelling two names share is left out.
    static let typoTable: WordTable = {
        var names: [(String, WordInfo)] = []
        for (name, day) in weekdays where name.count >= 6 { names.append((name, WordInfo(weekday: day))) }
        for (name, day) in pluralWeekdays { names.append((name, WordInfo(pluralWeekday: day))) }
        for (name, month) in months where name.count >= 5 { names.append((name, WordInfo(month: month))) }
        var table: [Word: WordInfo] = [:]
        var shared: Set<Word> = []
        for (name, meaning) in names {
            var entry = meaning
            entry.isStarter = true
            entry.isTypo = true
            for variant in oneEditVariants(Array(name.utf8)) {
                let text = String(decoding: variant, as: UTF8.self)
                let word = Word(text)
                guard wordInfo[word] == nil, !typoExclusions.contains(text) else { continue }
                if let other = table[word], other.weekday != meaning.weekday || other.month != meaning.month
                    || other.pluralWeekday != meaning.pluralWeekday {
                    shared.insert(word)
                }
                table[word] = entry
            }
        }
        for word in shared { table[word] = nil }
        return WordTable(table)
    }()

    /// Deletions, adjacent transpositions, doubled letters and vowel substitutions of `name`.
    private static func oneEditVariants(_ name: [UInt8]) -> [[UInt8]] {
        var variants: [[UInt8]] = []
        let vowels = Array("aeiou".utf8)
        for i in name.indices {
            var deleted = name
            deleted.remove(at: i)
            variants.append(deleted)
            var doubled = name
            doubled.insert(name[i], at: i)
            variants.append(doubled)
            if vowels.contains(name[i]) {
                for vowel in vowels where vowel != name[i] {
                    var substituted = name
                    substituted[i] = vowel
                    variants.append(substituted)
                }
            }
            if i + 1 < name.count, name[i] != name[i + 1] {
                var swapped = name
                swapped.swapAt(i, i + 1)
                variants.append(swapped)
            }
        }
        return variants
    }

    /// What the vocabulary knows about `word` (`.none` for most message words).
    static func info(_ word: Word) -> WordInfo { wordTable.lookup(word) ?? .none }

    /// `wordInfo` as a `WordTable`, for the per-token lookup.
    static let wordTable = WordTable(wordInfo)

    /// The per-word table built from all the tables above.
    static let wordInfo: [Word: WordInfo] = {
        var table: [Word: WordInfo] = [:]
        func update(_ text: String, _ change: (inout WordInfo) -> Void) {
            let word = Word(text)
            var info = table[word] ?? WordInfo()
            change(&info)
            table[word] = info
        }
        for (word, unit) in units { update(word) { $0.unit = unit } }
        for (word, value) in numberWords { update(word) { $0.number = value } }
        for (word, value) in ordinalWords { update(word) { $0.ordinal = value } }
        for (word, day) in weekdays { update(word) { $0.weekday = day } }
        for (word, day) in pluralWeekdays { update(word) { $0.pluralWeekday = day } }
        for (word, month) in months { update(word) { $0.month = month } }
        for word in tomorrowWords { update(word) { $0.isTomorrow = true } }
        for word in StarterWords.words { update(word) { $0.isStarter = true } }
        for word in whenLeads { update(word) { $0.isWhenLead = true } }
        for word in timeHints { update(word) { $0.isTimeHint = true } }
        for word in weekdayWordsNeedingContext { update(word) { $0.weekdayNeedsContext = true } }
        for word in Array(zoneAbbreviationNames.keys) + Array(utcNames) + Array(ambiguousZoneAbbreviations) {
            update(word) { $0.isZoneWord = true }
        }
        for word in ambiguousZoneAbbreviations { update(word) { $0.isAmbiguousZone = true } }
        for word in holidayWords { update(word) { $0.isHoliday = true } }
        for word in countingNouns { update(word) { $0.isCountingNoun = true } }
        // The first word of each place (`new` of `new york`), so that `zoneName` looks only at these.
        for place in Zones.places.keys {
            if let first = place.split(separator: " ").first { update(String(first)) { $0.isZoneWord = true } }
        }
        return table
    }()
}
