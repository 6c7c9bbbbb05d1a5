import Foundation
import TestSupport
import Testing
@testable import RemindStore

/// Two tests here hold the writer with a blocking semaphore; they do it on a thread of their own
/// (`DedicatedThreadExecutor`), never on a cooperative one, so they run beside any other test.
@Suite("ReminderStore: group commit and backup")
struct GroupCommitTests {
    let directory: TemporaryDirectory
    let store: ReminderStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try ReminderStore(path: directory.path("remind.sqlite"), now: t0)
    }

    struct Refused: Error, Equatable { let writer: Int }

    @Test("16 concurrent writers: every write is durable and visible; a failing write fails only its caller")
    func sixteenWriters() async throws {
        let writers = 16, perWriter = 25
        let outcomes = await withTaskGroup(of: (Int, Result<Int, Error>).self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var created = 0
                    for index in 0..<perWriter {
                        if writer % 4 == 3 && index == 7 {
                            // A write that changes the database and then throws: only it is undone.
                            do {
                                _ = try await store.write { database in
                                    try database.execute("INSERT INTO settings (key, value) VALUES (?, 'x')", [.text("w\(writer)")])
                                    throw Refused(writer: writer)
                                }
                                return (writer, .failure(Refused(writer: -1)))
                            } catch let error as Refused where error.writer == writer {
                                continue
                            } catch {
                                return (writer, .failure(error))
                            }
                        }
                        do {
                            _ = try await store.create([newReminder(creator: "w\(writer)", message: "\(index)")], at: t0)
                            created += 1
                        } catch {
                            return (writer, .failure(error))
                        }
                    }
                    return (writer, .success(created))
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        var expectedTotal = 0
        for writer in 0..<writers {
            let expected = writer % 4 == 3 ? perWriter - 1 : perWriter
            expectedTotal += expected
            #expect(try outcomes[writer]?.get() == expected, "writer \(writer)")
        }
        #expect(try await store.countActive() == expectedTotal)
        #expect(try await store.reminders(forUser: "w5", limit: 100).total == perWriter)
        // Durable: a fresh connection (what a restart would open) sees every row, and none of the
        // failed writes' settings.
        let fresh = try Database(path: store.path)
        #expect(try fresh.int64("SELECT count(*) FROM reminders") == Int64(expectedTotal))
        #expect(try fresh.int64("SELECT count(*) FROM settings") == 0)
    }

    /// Runs `queue` while a write holds the writer (blocked on a dedicated thread of its own, not a
    /// cooperative one), then lets that write commit and returns what `queue` returned: what `queue`
    /// started meanwhile waits behind it and commits in the batches that follow.
    private func whileWriterIsHeld<T>(_ queue: () async throws -> T) async throws -> T {
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        let holder = DedicatedThreadExecutor()
        defer { holder.stop() }
        let blocker = Task(executorPreference: holder) { [store] in
            try await store.write { _ in
                started.signal()
                gate.wait()
            }
        }
        while started.wait(timeout: .now()) == .timedOut { try await Task.sleep(for: .milliseconds(5)) }
        let result: T
        do {
            result = try await queue()
        } catch {
            gate.signal()
            _ = try? await blocker.value
            throw error
        }
        gate.signal()
        try await blocker.value
        return result
    }

    @Test("writes arriving together share one transaction")
    func writesShareATransaction() async throws {
        // Hold the writer busy so the next writes queue up; they must then commit as one batch.
        let before = store.writeStatistics
        let many = try await whileWriterIsHeld {
            let many = Task { [store] in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<10 {
                        group.addTask { _ = try await store.create([newReminder(message: "\(index)")], at: t0) }
                    }
                    try await group.waitForAll()
                }
            }
            while store.pendingWriteCount < 10 { try await Task.sleep(for: .milliseconds(5)) }
            return many
        }
        try await many.value
        #expect(try await store.countActive() == 10)
        let after = store.writeStatistics
        #expect(after.transactions - before.transactions == 2, "the blocking write, then the 10 queued writes together")
        #expect(after.writes - before.writes == 11)
    }

    @Test("a ledger write alone commits without an fsync; sharing a transaction with a durable write, it is synced")
    func deferredSyncing() async throws {
        let level = "PRAGMA synchronous"  // 1 NORMAL (not synced at commit), 2 FULL
        #expect(try await store.write(durable: false) { try $0.int64(level) } == 1)
        #expect(try await store.write { try $0.int64(level) } == 2, "the next durable write syncs again")

        let (relaxed, durable) = try await whileWriterIsHeld { [store] in
            let relaxed = Task { try await store.write(durable: false) { try $0.int64(level) } }
            while store.pendingWriteCount < 1 { try await Task.sleep(for: .milliseconds(5)) }
            let durable = Task { try await store.write { try $0.int64(level) } }
            while store.pendingWriteCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
            return (relaxed, durable)
        }
        #expect(try await (relaxed.value, durable.value) == (2, 2), "one transaction, synced for the durable write")

        // The ledger's write (markPosted, unsynced) records what it should.
        let reminder = try #require(try await store.create([newReminder(message: "ledger")], at: t0).first)
        let claim = try await store.claimOccurrence(
            reminderID: reminder.id, dueAt: try #require(reminder.nextFireAt), kind: .scheduled, nextFireAt: nil, now: t0)
        let posted = try await store.markPosted(occurrenceID: claim.occurrence.id, postID: "p1", channelID: "c1", at: t0)
        #expect(posted.state == .posted && posted.postID == "p1")
    }

    @Test("in a shared transaction a failing first write and a failing later write each fail only their caller")
    func failuresInsideABatch() async throws {
        let before = store.writeStatistics
        let queued = try await whileWriterIsHeld {
            // Queued in this order (each waits until the previous one is pending): the batch's first
            // write changes the database and throws, so does its third; the second and fourth create.
            var queued: [Task<String, Never>] = []
            for index in 0..<4 {
                let store = store
                queued.append(Task {
                    do {
                        if index % 2 == 0 {
                            _ = try await store.write { database in
                                try database.execute("INSERT INTO settings (key, value) VALUES (?, 'x')", [.text("w\(index)")])
                                throw Refused(writer: index)
                            }
                            return "committed a write that threw"
                        }
                        _ = try await store.create([newReminder(message: "kept \(index)")], at: t0)
                        return "created"
                    } catch let error as Refused where error.writer == index {
                        return "refused"
                    } catch {
                        return "failed: \(error)"
                    }
                })
                while store.pendingWriteCount < index + 1 { try await Task.sleep(for: .milliseconds(5)) }
            }
            return queued
        }
        var outcomes: [String] = []
        for task in queued { outcomes.append(await task.value) }
        #expect(outcomes == ["refused", "created", "refused", "created"])
        #expect(try await store.countActive() == 2)
        #expect(try await store.setting("w0") == nil)
        #expect(try await store.setting("w2") == nil)
        let after = store.writeStatistics
        #expect(after.transactions - before.transactions == 2, "the blocking write, then the queued writes together")
        #expect(after.writes - before.writes == 3)
    }

    @Test("a backup taken while writers run passes integrity_check and holds every row committed before it")
    func backupWhileWriting() async throws {
        _ = try await store.create((0..<2_000).map { newReminder(message: "before \($0)") }, at: t0)
        let committedBefore = try await store.countActive()
        let backupPath = directory.path("backup.sqlite")
        async let writing: Void = {
            for round in 0..<40 {
                _ = try await store.create((0..<50).map { newReminder(message: "during \(round)-\($0)") }, at: t0)
            }
        }()
        try await store.backup(to: backupPath, pagesPerStep: 4)  // many steps, writes in between
        try await writing

        let copy = try Database(path: backupPath)
        #expect(try copy.row("PRAGMA integrity_check")?.string(0) == "ok")
        let copied = try #require(try copy.int64("SELECT count(*) FROM reminders WHERE message LIKE 'before %'"))
        #expect(copied == Int64(committedBefore))
        #expect(try await store.countActive() == committedBefore + 2_000, "the writes went on meanwhile")
        #expect(try Migrator().currentVersion(copy) == Migration.embedded.count)
        #expect(!FileManager.default.fileExists(atPath: backupPath + ".partial"))
    }
}
