import Foundation
import RemindService
import RemindStore
import Synchronization
import Testing

@Suite("remindd backup")
struct DatabaseBackupTests {
    let directory: AdminScratchDirectory

    init() throws {
        directory = try AdminScratchDirectory()
    }

    /// The ids a writer has had acknowledged (its create returned, so they are committed).
    final class Acknowledged: Sendable {
        let ids = Mutex<[Int64]>([])
        let stop = Mutex(false)
    }

    @Test("a backup taken while a writer inserts holds every reminder committed before it and passes integrity_check")
    func backupWhileWriting() async throws {
        let path = directory.path("remind.sqlite")
        let store = try ReminderStore(path: path, now: adminT0)
        let acknowledged = Acknowledged()
        let writer = Task {
            var round = 0
            while !acknowledged.stop.withLock({ $0 }) {
                let created = try await store.create([adminReminder("write \(round)")], at: adminT0)
                acknowledged.ids.withLock { $0 += created.map(\.id) }
                round += 1
            }
        }
        // Let the writer get going, then note what was acknowledged before the backup starts.
        while acknowledged.ids.withLock({ $0.count }) < 300 { try await Task.sleep(for: .milliseconds(5)) }
        let committedBefore = acknowledged.ids.withLock { $0 }

        let backupPath = directory.path("backup.sqlite")
        let summary = try await DatabaseBackup.run(databasePath: path, destination: backupPath, force: false, pagesPerStep: 2)
        acknowledged.stop.withLock { $0 = true }
        try await writer.value

        #expect(summary.reminderCount >= committedBefore.count)
        #expect(summary.activeReminderCount == summary.reminderCount)
        #expect(summary.schemaVersion == Migration.embedded.count)
        #expect(!FileManager.default.fileExists(atPath: backupPath + "-wal"), "the copy is one self-contained file")

        // Restore: the copy becomes the database of a new instance.
        let restoredPath = directory.path("restored.sqlite")
        try FileManager.default.copyItem(atPath: backupPath, toPath: restoredPath)
        let restored = try ReminderStore(path: restoredPath, now: adminT0)
        let check = try Database(path: restoredPath)
        #expect(try check.row("PRAGMA integrity_check")?.string(0) == "ok")
        let restoredIDs = Set(try check.rows("SELECT id FROM reminders").map { try $0.int64(0) })
        #expect(Set(committedBefore).isSubset(of: restoredIDs), "every acknowledged reminder is in the backup")
        #expect(restoredIDs.count == summary.reminderCount)
        let sample = try #require(committedBefore.last)
        #expect(try await restored.reminder(id: sample)?.message == (try await store.reminder(id: sample))?.message)
        #expect(try await store.countActive() >= summary.reminderCount, "the live database kept everything")
    }

    @Test("an existing file is refused unless forced; a missing database is named")
    func refusals() async throws {
        let path = directory.path("remind.sqlite")
        let store = try ReminderStore(path: path, now: adminT0)
        _ = try await store.create([adminReminder("one"), adminReminder("two")], at: adminT0)
        let backupPath = directory.path("existing.sqlite")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: backupPath))

        await #expect(throws: DatabaseBackup.Failure.self) {
            try await DatabaseBackup.run(databasePath: path, destination: backupPath, force: false)
        }
        #expect(try String(contentsOfFile: backupPath, encoding: .utf8) == "keep me")

        let summary = try await DatabaseBackup.run(databasePath: path, destination: backupPath, force: true)
        #expect(summary.reminderCount == 2)

        do {
            _ = try await DatabaseBackup.run(databasePath: directory.path("nothing.sqlite"), destination: directory.path("b"), force: false)
            Issue.record("a missing database must be refused")
        } catch {
            #expect(error.message.contains("no database"))
        }
        do {
            _ = try await DatabaseBackup.run(databasePath: path, destination: path, force: true)
            Issue.record("backing up onto the database itself must be refused")
        } catch {
            #expect(error.message.contains("database itself"))
        }
    }
}
