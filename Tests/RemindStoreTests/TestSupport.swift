import Foundation
import RemindStore
import TestSupport
import Testing

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

/// The backends every store test runs on: SQLite always, PostgreSQL when it is installed (or
/// required, in CI, so a missing server fails instead of skipping).
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    /// SQLite, and PostgreSQL when enabled.
    static var all: [StoreBackend] { PostgresTestCluster.isEnabled ? [.sqlite, .postgresql] : [.sqlite] }

    var testDescription: String { rawValue }

    /// A fresh, migrated store: a new file in `directory`, or a new database in the shared cluster.
    func makeStore(in directory: TemporaryDirectory, now: Date = t0) async throws -> ReminderStore {
        switch self {
        case .sqlite:
            return try ReminderStore(path: directory.path("remind-\(UUID().uuidString).sqlite"), now: now)
        case .postgresql:
            let url = try await PostgresTestCluster.shared().makeDatabase()
            return try ReminderStore(location: url, now: now)
        }
    }
}

/// True when `error` is a constraint violation on either backend (SQLite's `.constraint` family, PostgreSQL's
/// SQLSTATE class 23, integrity constraint violation).
func isConstraintViolation(_ error: (any Error)?) -> Bool {
    error.map { ResultCode.constraint ~= $0 } == true || (error as? PostgresError)?.sqlState?.hasPrefix("23") == true
}
