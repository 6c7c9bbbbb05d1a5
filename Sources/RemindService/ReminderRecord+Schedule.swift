import Foundation
import RemindCore
import RemindStore

extension ReminderRecord {
    /// The reminder's IANA zone (UTC if the stored name is unknown to this system).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC") ?? .current }

    /// The recurrence of a recurring reminder; nil for a one-off (or an unreadable stored rule).
    public var recurrence: Recurrence? {
        guard let recurrenceStart, let rule = recurrenceRule else { return nil }
        return Recurrence(rule: rule, start: recurrenceStart, timeZone: zone)
    }
}

extension ReminderRecord {
    /// The round (firing) of a team reminder that `occurrence` belongs to: a scheduled occurrence starts
    /// one at its due time; a nag or snooze belongs to the last scheduled firing.
    public func teamRound(of occurrence: OccurrenceRecord) -> Date {
        occurrence.kind == .scheduled ? occurrence.dueAt : (lastFiredAt ?? occurrence.dueAt)
    }

    /// When its nags come, for a reminder that nags until done.
    public var nagPlan: NagPlan? {
        guard let nag else { return nil }
        return NagPlan(interval: nag.interval, allDay: nag.allDay, zone: TimeZone(identifier: nag.zone) ?? zone)
    }
}
