import Foundation
import RemindStore

/// `remind-bench store [dir] [--rates-only]`: durable write rates of the store with synchronous=FULL
/// on a file in `dir` (default /tmp), and (unless `--rates-only`) the cost of opening a database
/// holding a million reminders. Each rate comes with the process CPU time per row, which tells
/// whether a phase is bound by CPU or by waiting (fsync, thread wake-ups).
enum StoreBenchmark {
    /// How long each rate is measured.
    static let measuringTime = Duration.seconds(3)

    static func run(arguments: [String]) async throws {
        if BenchDatabase.postgresServer != nil { return try await runOnPostgreSQL() }
        let ratesOnly = arguments.contains("--rates-only")
        let directory = arguments.first { !$0.hasPrefix("--") } ?? "/tmp"
        let base = "\(directory)/remind-bench-\(getpid())"
        defer { removeDatabase(base) }
        print("store benchmark in \(directory) (synchronous=FULL, WAL); load average \(loadAverage())")

        // (1) is the floor of a durable commit (a one-column table, no index); (1b) is the same
        // single-row transaction into the store's own schema (the reminders table and its
        // indexes), the fair "same SQLite file" baseline for the store's figures.
        let raw = try rawSingleRowInserts(path: base + "-raw.sqlite")
        report("(1) raw SQLite, one INSERT per transaction", raw)

        let rawReminders = try rawReminderInserts(path: base + "-rawschema.sqlite")
        report("(1b) raw SQLite, one reminders-table INSERT per transaction", rawReminders,
               baselines: [("raw", raw)])
        let baselines = [("raw", raw), ("1b", rawReminders)]
        // (1c) is what one thread gets from SQLite when it commits 8 reminders at a time, as the store's group
        // commit does with 16 writers: the ceiling for (3) on this machine.
        let rawBatches = try rawReminderInserts(path: base + "-rawbatch.sqlite", perTransaction: 8)
        report("(1c) raw SQLite, 8 reminders-table INSERTs per transaction", rawBatches, baselines: baselines)

        let single = try await storeCreates(path: base + "-one.sqlite", writers: 1)
        report("(2) ReminderStore.create, 1 writer", single.rate, baselines: baselines)
        print(String(format: "    %.1f writes per transaction", single.writesPerTransaction))

        let concurrent = try await storeCreates(path: base + "-sixteen.sqlite", writers: 16)
        report("(3) ReminderStore.create, 16 concurrent writers", concurrent.rate,
               baselines: baselines + [("2", single.rate), ("1c", rawBatches)])
        print(String(format: "    %.1f writes per transaction", concurrent.writesPerTransaction))

        print("load average \(loadAverage())")
        if !ratesOnly { try await openLargeDatabase(path: base + "-1m.sqlite", reminders: 1_000_000) }
    }

    /// Plain SQLite through `Database`: BEGIN IMMEDIATE; INSERT one row; COMMIT, repeated.
    static func rawSingleRowInserts(path: String) throws -> Rate {
        let database = try Database(path: path)
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        return try measure { deadline in
            var count = 0
            while ContinuousClock.now < deadline {
                try database.inTransaction {
                    try database.execute("INSERT INTO t (payload) VALUES (?)", [.text("reminder \(count)")])
                }
                count += 1
            }
            return count
        }
    }

    /// Like `rawSingleRowInserts`, into the real `reminders` table (its indexes included), `perTransaction`
    /// rows per transaction.
    static func rawReminderInserts(path: String, perTransaction: Int = 1) throws -> Rate {
        let database = try Database(path: path)
        try Migrator().migrate(database)
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        return try measure { deadline in
            var count = 0
            while ContinuousClock.now < deadline {
                try database.inTransaction {
                    for _ in 0..<perTransaction {
                        try database.execute("""
                            INSERT INTO reminders (group_id, creator_id, creator_name, team_id, origin_channel_id,
                                target_kind, target_id, target_name, message, phrase, time_zone, next_fire_at_ms,
                                created_at_ms, updated_at_ms)
                            VALUES (0, 'user-1', 'user1', 'team', 'channel', 'user', 'user-1', 'user1', ?, ?,
                                    'Europe/Berlin', ?, ?, ?)
                            """, [.text("stand up \(count)"), .text("me to stand up"), .integer(now + 3_600_000), .integer(now), .integer(now)])
                        count += 1
                    }
                }
            }
            return count
        }
    }

    /// `writers` tasks each creating one reminder at a time until the time is up.
    static func storeCreates(path: String, writers: Int) async throws -> (rate: Rate, writesPerTransaction: Double) {
        try await storeCreates(into: try ReminderStore(path: path), writers: writers)
    }

    /// With `REMIND_BENCH_POSTGRESQL`: the store's create rate on PostgreSQL, 1 and 16 writers, each
    /// create one SERIALIZABLE transaction committed with the server's own durability settings.
    static func runOnPostgreSQL() async throws {
        print("store benchmark on \(BenchDatabase.label); load average \(loadAverage())")
        let folder = URL(fileURLWithPath: "/tmp")
        let single = try await storeCreates(into: try BenchDatabase.store(folder: folder, name: "one"), writers: 1)
        report("(P1) ReminderStore.create on PostgreSQL, 1 writer", single.rate)
        let concurrent = try await storeCreates(into: try BenchDatabase.store(folder: folder, name: "sixteen"), writers: 16)
        report("(P2) ReminderStore.create on PostgreSQL, 16 concurrent writers", concurrent.rate,
               baselines: [("P1", single.rate)])
        print("load average \(loadAverage())")
    }

    /// `writers` tasks each creating one reminder at a time into `store` until the time is up.
    static func storeCreates(into store: ReminderStore, writers: Int) async throws -> (rate: Rate, writesPerTransaction: Double) {
        let start = ContinuousClock.now, cpuStart = ProcessMeasures.cpuSeconds()
        let deadline = start + measuringTime
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        _ = try await store.create([sampleReminder(writer: writer, index: count)], at: Date())
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let statistics = store.writeStatistics
        let rate = Rate(rows: total, seconds: (ContinuousClock.now - start).seconds, cpuSeconds: ProcessMeasures.cpuSeconds() - cpuStart)
        return (rate, Double(statistics.writes) / Double(max(1, statistics.transactions)))
    }

    /// Fills a database with `count` active reminders in one transaction, then times opening it
    /// through `ReminderStore` (open + migrate) and counting, and reads the resident memory.
    static func openLargeDatabase(path: String, reminders count: Int) async throws {
        let generation = try PendingReminders.generate(path: path, count: count, firstDueIn: 0).seconds
        print(String(format: "(4) generated %d active reminders in %.1f s", count, generation))
        let memoryBefore = ProcessMeasures.residentKilobytes()
        let openStart = ContinuousClock.now
        let store = try ReminderStore(path: path)
        let active = try await store.countActive()
        let open = ContinuousClock.now - openStart
        print(String(format: "    open + migrate + count (%d active): %.0f ms", active, open.seconds * 1_000))
        print("    resident memory: \(memoryBefore) kB before opening, \(ProcessMeasures.residentKilobytes()) kB after")
    }

    static func sampleReminder(writer: Int, index: Int) -> NewReminder {
        NewReminder(
            creatorID: "user-\(writer)", creatorName: "user\(writer)", teamID: "team",
            originChannelID: "channel", targetKind: .user, targetID: "user-\(writer)",
            targetName: "user\(writer)", message: "stand up \(index)", phrase: "me to stand up in 1 hour",
            timeZone: "Europe/Berlin", firstFireAt: Date().addingTimeInterval(3_600))
    }

    static func measure(_ body: (ContinuousClock.Instant) throws -> Int) throws -> Rate {
        let start = ContinuousClock.now, cpuStart = ProcessMeasures.cpuSeconds()
        let count = try body(start + measuringTime)
        return Rate(rows: count, seconds: (ContinuousClock.now - start).seconds, cpuSeconds: ProcessMeasures.cpuSeconds() - cpuStart)
    }

    /// Rows written in a phase, its wall-clock time and the process CPU time (user + system) spent.
    struct Rate {
        var rows: Int
        var seconds: Double
        var cpuSeconds: Double
        var perSecond: Double { Double(rows) / seconds }
        var cpuMicrosecondsPerRow: Double { cpuSeconds * 1e6 / Double(max(1, rows)) }
    }

    /// The first three fields of /proc/loadavg (1, 5, 15 minutes), to judge how quiet the machine was.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func report(_ label: String, _ rate: Rate, baselines: [(name: String, rate: Rate)] = []) {
        var line = String(format: "%@: %.0f rows/s", label, rate.perSecond)
        for baseline in baselines {
            line += String(format: " (%.2f× %@)", rate.perSecond / baseline.rate.perSecond, baseline.name)
        }
        print(line + String(format: ", %.0f µs CPU per row", rate.cpuMicrosecondsPerRow))
    }

    static func removeDatabase(_ base: String) {
        for name in ["-raw", "-rawschema", "-rawbatch", "-one", "-sixteen", "-1m"] {
            for suffix in ["", "-wal", "-shm"] { unlink(base + name + ".sqlite" + suffix) }
        }
    }
}
