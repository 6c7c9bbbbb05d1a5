import Foundation
import RemindStore

/// `remind-bench store [dir]`: durable write rates of the store with synchronous=FULL on a file in
/// `dir` (default /tmp), and the cost of opening a database holding a million reminders.
enum StoreBenchmark {
    /// How long each rate is measured.
    static let measuringTime = Duration.seconds(3)

    static func run(arguments: [String]) async throws {
        let directory = arguments.first ?? "/tmp"
        let base = "\(directory)/remind-bench-\(getpid())"
        defer { removeDatabase(base) }
        print("store benchmark in \(directory) (synchronous=FULL, WAL)")

        let raw = try rawSingleRowInserts(path: base + "-raw.sqlite")
        report("(1) raw SQLite, one INSERT per transaction", raw, baseline: nil)

        let rawReminders = try rawReminderInserts(path: base + "-rawschema.sqlite")
        report("(1b) raw SQLite, one reminders-table INSERT per transaction", rawReminders, baseline: raw)

        let single = try await storeCreates(path: base + "-one.sqlite", writers: 1)
        report("(2) ReminderStore.create, 1 writer", single.rate, baseline: raw)
        print(String(format: "    %.1f writes per transaction", single.writesPerTransaction))

        let concurrent = try await storeCreates(path: base + "-sixteen.sqlite", writers: 16)
        report("(3) ReminderStore.create, 16 concurrent writers", concurrent.rate, baseline: raw)
        print(String(format: "    %.1f writes per transaction", concurrent.writesPerTransaction))

        try await openLargeDatabase(path: base + "-1m.sqlite", reminders: 1_000_000)
    }

    /// Plain SQLite through `Database`: BEGIN IMMEDIATE; INSERT one row; COMMIT, repeated.
    static func rawSingleRowInserts(path: String) throws -> Double {
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

    /// Like `rawSingleRowInserts`, into the real `reminders` table (its indexes included).
    static func rawReminderInserts(path: String) throws -> Double {
        let database = try Database(path: path)
        try Migrator().migrate(database)
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        return try measure { deadline in
            var count = 0
            while ContinuousClock.now < deadline {
                try database.inTransaction {
                    try database.execute("""
                        INSERT INTO reminders (group_id, creator_id, creator_name, team_id, origin_channel_id,
                            target_kind, target_id, target_name, message, phrase, time_zone, next_fire_at_ms,
                            created_at_ms, updated_at_ms)
                        VALUES (0, 'user-1', 'user1', 'team', 'channel', 'user', 'user-1', 'user1', ?, ?,
                                'Europe/Berlin', ?, ?, ?)
                        """, [.text("stand up \(count)"), .text("me to stand up"), .integer(now + 3_600_000), .integer(now), .integer(now)])
                }
                count += 1
            }
            return count
        }
    }

    /// `writers` tasks each creating one reminder at a time until the time is up.
    static func storeCreates(path: String, writers: Int) async throws -> (rate: Double, writesPerTransaction: Double) {
        let store = try ReminderStore(path: path)
        let start = ContinuousClock.now
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
        return (Double(total) / seconds(ContinuousClock.now - start),
                Double(statistics.writes) / Double(max(1, statistics.transactions)))
    }

    /// Fills a database with `count` active reminders in one transaction, then times opening it
    /// through `ReminderStore` (open + migrate) and counting, and reads the resident memory.
    static func openLargeDatabase(path: String, reminders count: Int) async throws {
        let generationStart = ContinuousClock.now
        do {
            let database = try Database(path: path)
            try Migrator().migrate(database)
            try database.execute("PRAGMA cache_size = -65536")
            let now = Int64(Date().timeIntervalSince1970 * 1_000)
            let insert = try database.makeStatement("""
                INSERT INTO reminders (id, group_id, creator_id, creator_name, team_id, origin_channel_id,
                    target_kind, target_id, target_name, message, phrase, time_zone, next_fire_at_ms,
                    created_at_ms, updated_at_ms)
                VALUES (?1, ?1, ?2, ?2, 'team', 'channel', 'user', ?3, ?3, ?4, ?4, 'Europe/Berlin', ?5, ?6, ?6)
                """)
            try database.inTransaction {
                for id in 1...count {
                    try insert.execute([
                        .integer(Int64(id)), .text("user-\(id % 5_000)"), .text("user-\(id % 7_919)"),
                        .text("water the plants \(id)"), .integer(now + Int64(id) * 1_000), .integer(now)])
                }
            }
            try database.close()
        }
        let generation = seconds(ContinuousClock.now - generationStart)
        print(String(format: "(4) generated %d active reminders in %.1f s", count, generation))
        let memoryBefore = residentMemory()
        let openStart = ContinuousClock.now
        let store = try ReminderStore(path: path)
        let active = try await store.countActive()
        let open = ContinuousClock.now - openStart
        print(String(format: "    open + migrate + count (%d active): %.0f ms", active, seconds(open) * 1_000))
        print("    resident memory: \(memoryBefore) before opening, \(residentMemory()) after")
    }

    static func sampleReminder(writer: Int, index: Int) -> NewReminder {
        NewReminder(
            creatorID: "user-\(writer)", creatorName: "user\(writer)", teamID: "team",
            originChannelID: "channel", targetKind: .user, targetID: "user-\(writer)",
            targetName: "user\(writer)", message: "stand up \(index)", phrase: "me to stand up in 1 hour",
            timeZone: "Europe/Berlin", firstFireAt: Date().addingTimeInterval(3_600))
    }

    static func measure(_ body: (ContinuousClock.Instant) throws -> Int) throws -> Double {
        let start = ContinuousClock.now
        let count = try body(start + measuringTime)
        return Double(count) / seconds(ContinuousClock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func report(_ label: String, _ rate: Double, baseline: Double?) {
        var line = String(format: "%@: %.0f rows/s", label, rate)
        if let baseline { line += String(format: " (%.2f× raw)", rate / baseline) }
        print(line)
    }

    /// VmRSS from /proc/self/status, e.g. "23456 kB".
    static func residentMemory() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.map { $0.dropFirst("VmRSS:".count).trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }

    static func removeDatabase(_ base: String) {
        for name in ["-raw", "-rawschema", "-one", "-sixteen", "-1m"] {
            for suffix in ["", "-wal", "-shm"] { unlink(base + name + ".sqlite" + suffix) }
        }
    }
}
