import Foundation
import Mattermost

/// What a reminder post's button carries in its `integration.context` and gets back on a click:
/// the action, the reminder and occurrence, and the occurrence's random action token (MATTERMOST.md §3:
/// callbacks are unsigned, so the token is the proof). Every value is a string, since numbers pass
/// through Go's float64.
public struct ActionContext: Sendable, Hashable {
    /// The buttons and menu of a reminder post.
    public enum Action: String, Sendable, CaseIterable {
        case complete, delete, snooze
        /// A repeating reminder's Skip next.
        case skip
        /// Opens the edit form.
        case edit
        /// A team member's own Complete.
        case done
    }

    public var action: Action
    public var reminderID: Int64
    public var occurrenceID: Int64
    public var token: String
    /// For `snooze`: the chosen option (`SnoozeChoice.rawValue`), added by Mattermost as `selected_option`.
    public var selectedOption: String?
    /// For `done`: the user id of the team member whose button it is.
    public var member: String?

    /// Creates a context.
    public init(action: Action, reminderID: Int64, occurrenceID: Int64, token: String, selectedOption: String? = nil) {
        self.action = action
        self.reminderID = reminderID
        self.occurrenceID = occurrenceID
        self.token = token
        self.selectedOption = selectedOption
    }

    /// Reads a context from a callback; nil when anything is missing or malformed.
    public init?(_ context: [String: JSONValue]) {
        guard case .string(let action)? = context["action"], let parsed = Action(rawValue: action),
              case .string(let reminder)? = context["reminder"], let reminderID = RequestNumber.id(reminder),
              case .string(let occurrence)? = context["occurrence"], let occurrenceID = RequestNumber.id(occurrence),
              case .string(let token)? = context["token"], !token.isEmpty else { return nil }
        self.init(action: parsed, reminderID: reminderID, occurrenceID: occurrenceID, token: token)
        if case .string(let option)? = context["selected_option"] { selectedOption = option }
        if case .string(let member)? = context["member"] { self.member = member }
    }

    /// The JSON object sent in `integration.context`.
    public var json: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "action": .string(action.rawValue), "reminder": .string(String(reminderID)),
            "occurrence": .string(String(occurrenceID)), "token": .string(token),
        ]
        if let selectedOption { object["selected_option"] = .string(selectedOption) }
        if let member { object["member"] = .string(member) }
        return object
    }
}

/// The snooze menu's choices (Slack's and the plugin's presets), followed by *Other…* (`otherValue`), which
/// opens a form for a time of one's own.
public enum SnoozeChoice: String, Sendable, CaseIterable {
    case twentyMinutes = "20m"
    case oneHour = "1h"
    case threeHours = "3h"
    case tomorrow
    case nextWeek = "nextweek"

    /// The menu option that opens the snooze form instead of snoozing.
    public static let otherValue = "other"

    /// The snooze menu: the presets, then *Other…*.
    public static var menu: [PostActionOption] {
        allCases.map { PostActionOption(text: $0.label, value: $0.rawValue) } + [PostActionOption(text: "Other…", value: otherValue)]
    }

    /// The menu label.
    public var label: String {
        switch self {
        case .twentyMinutes: "20 minutes"
        case .oneHour: "1 hour"
        case .threeHours: "3 hours"
        case .tomorrow: "Tomorrow at 9:00"
        case .nextWeek: "Next week (Monday 9:00)"
        }
    }

    /// When a snooze chosen at `now` fires, on the wall clock of `zone` (the clicker's): 20 min, 1 h
    /// and 3 h are elapsed time; tomorrow is 09:00 the next day; next week is 09:00 next Monday.
    public func until(now: Date, in zone: TimeZone) -> Date {
        switch self {
        case .twentyMinutes: return now.addingTimeInterval(20 * 60)
        case .oneHour: return now.addingTimeInterval(3_600)
        case .threeHours: return now.addingTimeInterval(3 * 3_600)
        case .tomorrow, .nextWeek:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let today = calendar.startOfDay(for: now)
            var days = 1
            if self == .nextWeek {
                let weekday = calendar.component(.weekday, from: today)  // Sunday = 1, Monday = 2
                days = (9 - weekday) % 7
                if days == 0 { days = 7 }
            }
            let day = calendar.date(byAdding: .day, value: days, to: today) ?? today
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            var nine = DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: 9)
            nine.timeZone = zone
            return calendar.date(from: nine) ?? day.addingTimeInterval(9 * 3_600)
        }
    }
}
