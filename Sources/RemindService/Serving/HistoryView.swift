import Foundation
import RemindStore

/// `/remind history`: the latest firings from the delivery ledger, newest first — when each was due, whether
/// it was delivered on time, late or not at all, and who completed or snoozed it — with skipped times among
/// them. Pure: everything comes from its arguments.
struct HistoryView: Sendable {
    /// How many firings the answer shows.
    static let limit = 20

    var time: TimeText
    var now: Date

    /// The markdown answer for `entries` (newest first) and the `skipped` occurrences of the same reminders.
    func render(_ entries: [LedgerEntry], skipped: [SkippedOccurrence], messages: [Int64: String]) -> String {
        guard !entries.isEmpty || !skipped.isEmpty else {
            return "Nothing has fired for you yet. Set a reminder with e.g. `/remind me to stretch in 10 minutes`."
        }
        var lines: [(due: Date, text: String)] = entries.map { ($0.occurrence.dueAt, line($0)) }
        let oldestShown = entries.count == Self.limit ? entries.last?.occurrence.dueAt : nil
        for skip in skipped where skip.dueAt >= (oldestShown ?? .distantPast) {
            let message = messages[skip.reminderID].map { "**\($0)**" } ?? "a reminder"
            lines.append((skip.dueAt, "- \(time.moment(skip.dueAt, now: now)) — \(message) (#\(skip.reminderID)) — "
                + "⏭️ skipped by @\(skip.skippedBy)"))
        }
        lines.sort { $0.due > $1.due }
        return "#### What fired for you (and what was skipped), newest first\n" + lines.map(\.text).joined(separator: "\n")
    }

    /// "- 9:00 AM today, Thu Dec 3 — **stretch** (#12) — delivered 3 min late · ✅ completed by @ana at 9:05 AM".
    private func line(_ entry: LedgerEntry) -> String {
        let occurrence = entry.occurrence
        var parts = ["- \(time.moment(occurrence.dueAt, now: now))", "**\(entry.reminder.message)** (#\(entry.reminder.id))"]
        var what = delivery(occurrence)
        if occurrence.kind == .snooze { what = (entry.reminder.nag != nil ? "a nag, " : "snoozed time, ") + what }
        if let completed = occurrence.completedAt {
            what += " · ✅ completed" + (occurrence.completedBy.map { " by @\($0)" } ?? "") + " at \(time.clockTime(completed))"
        }
        if let until = occurrence.snoozedUntil {
            what += " · ⏰ snoozed" + (occurrence.snoozedBy.map { " by @\($0)" } ?? "") + " until \(time.moment(until, now: now))"
        }
        parts.append(what)
        return parts.joined(separator: " — ")
    }

    /// "delivered on time", "delivered 2 h 5 min late", "still being delivered", "not delivered: …".
    private func delivery(_ occurrence: OccurrenceRecord) -> String {
        switch occurrence.state {
        case .claimed: return "still being delivered"
        case .failed: return "not delivered (" + String((occurrence.lastError ?? "Mattermost refused it").prefix(120)) + ")"
        case .posted:
            guard let posted = occurrence.postedAt else { return "delivered" }
            let lateness = posted.timeIntervalSince(occurrence.dueAt)
            guard lateness >= ReminderPost.lateAfter else { return "delivered on time" }
            return "delivered \(Self.duration(lateness)) late"
        }
    }

    /// "45 s", "3 min", "2 h 5 min", "3 days".
    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3_600 { return "\(whole / 60) min" }
        if whole < 2 * 86_400 {
            let minutes = whole % 3_600 / 60
            return "\(whole / 3_600) h" + (minutes == 0 ? "" : " \(minutes) min")
        }
        return "\(whole / 86_400) days"
    }
}

extension HistoryView {
    /// `userID`'s history as the markdown `/remind history` answers and the list's History button shows: the
    /// latest firings of the ledger with the skipped times among them, in the user's reading of time.
    static func text(for userID: String, context: ServiceContext) async throws -> String {
        let time = try await context.reader(userID)
        let entries = try await context.store.history(forUser: userID, limit: limit)
        let skipped = try await context.store.skippedOccurrences(forUser: userID)
        var messages = Dictionary(entries.map { ($0.reminder.id, $0.reminder.message) }) { first, _ in first }
        for id in Set(skipped.map(\.reminderID)) where messages[id] == nil {
            messages[id] = try await context.store.reminder(id: id)?.message
        }
        return HistoryView(time: time, now: context.clock.now()).render(entries, skipped: skipped, messages: messages)
    }
}
