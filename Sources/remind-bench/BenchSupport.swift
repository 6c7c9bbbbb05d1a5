import Foundation
import RemindStore

/// What the benchmarks read about their own process.
enum ProcessMeasures {
    /// CPU time (user + system) this process has used, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Context switches of this process so far, voluntary (a thread waited) and involuntary (it was preempted).
    static func contextSwitches() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_nvcsw + usage.ru_nivcsw
    }

    /// Resident memory (VmRSS) in kilobytes.
    static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Large databases for the start-up and memory measurements.
enum PendingReminders {
    /// Creates and migrates the database at `path` and writes `count` active one-off reminders in one
    /// transaction, the first due `firstDueIn` seconds from now and one a second after that. Returns how
    /// long it took.
    static func generate(path: String, count: Int, firstDueIn: Int64) throws -> Duration {
        let began = ContinuousClock.now
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
                    .text("water the plants \(id)"), .integer(now + (firstDueIn + Int64(id)) * 1_000), .integer(now)])
            }
        }
        try database.close()
        return ContinuousClock.now - began
    }
}
