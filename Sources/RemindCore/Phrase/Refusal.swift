import Foundation

/// Why a phrase cannot become a reminder. `message` is the friendly sentence the user sees: what was
/// understood or wrong, and an example that works.
public enum Refusal: Error, Sendable, Hashable {
    /// Nothing after `/remind`.
    case nothingToParse
    /// The moment asked for (rendered for people) has passed.
    case pastTime(String)
    /// A date that does not exist, as written back (`February 30`).
    case noSuchDate(String)
    /// More than five years ahead.
    case tooFarAhead
    /// No *when* at all.
    case noWhen
    /// A *when* that could not be read; the words that looked like one.
    case unreadableWhen(String)
    /// `@all`, `@here` or `@channel`.
    case broadcastMention(String)
    case emptyMessage
    /// The message length in characters (the limit is 4,000).
    case messageTooLong(Int)
    /// A recurrence faster than every 5 minutes.
    case intervalTooShort
    /// A zone abbreviation that names several zones (`IST`).
    case ambiguousZone(String)
    /// `today` without a time.
    case todayNeedsTime
    /// `until` ends the series before its first occurrence.
    case endsBeforeStart
    /// A clock time that does not exist, as written (`25:00`, `13pm`).
    case noSuchTime(String)
    /// `every 0 days`: a repeat that never moves on.
    case zeroInterval
    /// `in 0 minutes`, `in -5 minutes`: a duration that does not point ahead, as written.
    case durationNotAhead(String)
    /// A zone offset or name that does not exist, as written (`UTC+25`).
    case unknownZone(String)
    /// Several times of day for a one-off reminder (`tomorrow at 9am and 5pm`).
    case severalTimesOnce
    /// Several times of day that a single repeat cannot hold (`at 9am and 5:30pm`).
    case severalTimesMixed
    /// Weekdays listed without `every` or a plural (`monday and thursday`): once, or every week? The
    /// weekday names, lowercased.
    case onceOrWeekly([String])
    /// A bare number as the *when* (`20`, `1798000000`), as written: seconds, minutes, a timestamp?
    case bareNumber(String)

    /// `except holidays`: what follows `except` (as written) is not a set of weekdays.
    case exceptionUnreadable(String)
    /// `every month except friday`: weekdays can be left out only of a repeat on days of the week.
    case exceptionNeedsWeekdays
    /// `every weekend except saturday and sunday`: no day is left.
    case exceptionLeavesNothing
    /// `twice a day`, as written: a count per period says neither the times nor the days.
    case timesPerPeriod(String)
    /// `first weekday of every month`: a repeat on the first or last working day of a month.
    case workdayOfMonthRepeats
    /// `every easter`: a holiday whose date moves in a way a repeat cannot follow; its name.
    case movingHolidayRepeat(String)
    /// A nag interval outside 5 minutes to 12 hours (seconds).
    case nagInterval(TimeInterval)

    /// The longest message accepted, in characters.
    public static let messageLimit = 4_000

    /// The user-facing sentence.
    public var message: String {
        switch self {
        case .nothingToParse:
            "Tell me who, what and when, e.g. `/remind me to stretch in 10 minutes`, or type `/remind help`."
        case .pastTime(let when):
            "That time has already passed (\(when)). Try a time still ahead, e.g. `/remind me to stretch tomorrow at 9am`."
        case .noSuchDate(let date):
            "There is no \(date). Try a date that exists, e.g. `/remind me to pay rent on March 1st`."
        case .tooFarAhead:
            "That is more than five years ahead; I only keep reminders up to five years. Try e.g. `/remind me to renew the passport in 2 years`."
        case .noWhen:
            "I couldn't find when to remind you. Add a time, e.g. `/remind me to call Bob in 2 hours` or `… tomorrow at 9am`."
        case .unreadableWhen(let words):
            "I couldn't tell when: “\(words)”. Try e.g. `/remind me to stretch at 3pm` or `… every monday at 9:30am`."
        case .broadcastMention(let name):
            "I can't remind @\(name): reminders go to people (`@ana`), yourself (`me`) or a channel (`~town-square`). Try `/remind ~town-square to eat cake at 3pm`."
        case .emptyMessage:
            "What should I remind about? The message is empty. Try `/remind me to stretch in 10 minutes`."
        case .messageTooLong(let length):
            "The message is \(length) characters long; the limit is \(Refusal.messageLimit). Shorten it and try again, e.g. `/remind me to read the spec tomorrow`."
        case .intervalTooShort:
            "Reminders can repeat at most every 5 minutes. Try e.g. `/remind me to check the queue every 15 minutes`."
        case .ambiguousZone(let abbreviation):
            "“\(abbreviation.uppercased())” names several time zones. Use a zone name, e.g. `/remind me to call Mumbai at 9am Asia/Kolkata`."
        case .todayNeedsTime:
            "“Today” needs a time. Try e.g. `/remind me to call the dentist today at 4pm`."
        case .endsBeforeStart:
            "That repeating reminder ends before it would first fire. Try e.g. `/remind me to take a walk every day at 3pm until june 30`."
        case .noSuchTime(let time):
            "There is no \(time) on the clock: hours go from 0 to 23, or 1 to 12 with am/pm, and minutes up to 59. Try e.g. `/remind me to stretch at 5:30pm`."
        case .zeroInterval:
            "A repeat needs a step of at least one: “every 0 …” never moves on. Try e.g. `/remind me to water the plants every 2 days`."
        case .durationNotAhead(let words):
            "“\(words)” is not ahead of now. Use a duration greater than zero, e.g. `/remind me to stretch in 5 minutes`."
        case .unknownZone(let words):
            "I don't know the time zone “\(words)”: offsets go from -12:00 to +14:00. Try e.g. `/remind me to call Berlin at 9am UTC+1` or `… at 9am Europe/Berlin`."
        case .severalTimesOnce:
            "A one-off reminder fires once: pick one time, or make it repeat. Try e.g. `/remind me to stretch tomorrow at 9am` or `… every day at 9am and 5pm`."
        case .severalTimesMixed:
            "I can repeat at several times of day only when they share their minutes (9:00 and 17:00) or their hour (9:00 and 9:30). Make one reminder per time, e.g. `/remind me to stretch every day at 9am`."
        case .bareNumber(let number):
            "I can't tell what “\(number)” means as a time: seconds, minutes, a clock time or a timestamp? Say it with a unit or a time, e.g. `/remind me to stretch in \(number.count <= 2 ? number : "20") minutes` or `… at 3pm`."
        case .exceptionUnreadable(let words):
            "I can leave out only days of the week (`except friday`, `except weekends`), not “\(words)”. Try e.g. `/remind me to stand up every weekday except friday at 9am`."
        case .exceptionNeedsWeekdays:
            "I can leave days of the week out only of a repeat on days of the week (`every day`, `every weekday`, `every monday and friday`). Try e.g. `/remind me to stand up every day except sunday at 9am`."
        case .exceptionLeavesNothing:
            "Leaving those days out leaves no day to remind you on. Try e.g. `/remind me to stand up every weekday except friday at 9am`."
        case .timesPerPeriod(let words):
            "“\(words)” doesn't say when: name the times or the days. Try e.g. `/remind me to take the pills every day at 9am and 5pm` or `… every monday and thursday`."
        case .workdayOfMonthRepeats:
            "I can't repeat on the first or last working day of a month: it moves with the weekends. Repeat on a date or a weekday instead, e.g. `/remind me to send the invoices on the 1st of every month` or `… every first monday`; `… on the last working day of next month` works once."
        case .movingHolidayRepeat(let name):
            "\(name) moves from year to year in a way a repeat cannot follow. Set this year's: `/remind me to call the family on \(name.lowercased())`, or repeat on a date, e.g. `… every year on april 1`."
        case .nagInterval(let interval):
            NagRefusal(interval: interval).message
        case .onceOrWeekly(let days):
            "Did you mean every \(HumanTime.list(days))? For a weekly reminder say `every` (`/remind me to water the plants every \(HumanTime.list(days))`); for once, name one day (`… on \(days.first ?? "monday")`)."
        }
    }
}
