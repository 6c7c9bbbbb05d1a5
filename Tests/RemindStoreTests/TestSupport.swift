import Foundation
import RemindStore

/// A fresh directory under the system temp dir, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("remindstore-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fixed instant so tests never depend on the clock: 2026-03-01T12:00:00Z.
let t0 = Date(timeIntervalSince1970: 1_772_366_400)

func minutes(_ count: Double) -> TimeInterval { count * 60 }

/// A one-off reminder for `target` created by `creator`, due at `fireAt`.
func newReminder(
    creator: String = "u-creator", target: String = "u-ana", kind: ReminderTargetKind = .user,
    message: String = "review the PR", fireAt: Date = t0.addingTimeInterval(3_600),
    rrule: String? = nil
) -> NewReminder {
    NewReminder(
        creatorID: creator, creatorName: "name-\(creator)", teamID: "team-1", originChannelID: "c-town",
        targetKind: kind, targetID: target, targetName: "name-\(target)", message: message,
        phrase: "me to \(message) in 1 hour", timeZone: "Europe/Berlin", rrule: rrule,
        recurrenceStart: rrule == nil ? nil : fireAt, firstFireAt: fireAt)
}

/// The migrations folder of this package, read from disk (the source of truth).
let migrationsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("migrations")
