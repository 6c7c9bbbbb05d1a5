import Foundation
import Mattermost
import RemindService
import RemindStore

/// `remind-bench delivery`: (a) lateness for 1,000 reminders spread over 10 s and 10,000 due in the same
/// second; (b) start-up time and memory with 1,000,000 pending reminders (measured in a fresh process);
/// (d) 500 due in one second against Mattermost's limiter (10/s, bursts of 100).
enum DeliveryBenchmark {
    static func run(arguments: [String]) async throws {
        if arguments.first == "--startup", arguments.count > 1 {
            try await measureStartup(path: arguments[1])
            return
        }
        // `delivery [floor] [spread] [same] [startup] [limited] [--in-process]`: only the parts named (all
        // but `floor` by default); `--in-process` runs the fake Mattermost in this process, not a child.
        let inProcess = arguments.contains("--in-process")
        let named = arguments.filter { !$0.hasPrefix("--") }
        let parts = Set(named.isEmpty ? ["spread", "same", "startup", "limited"] : named)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("remind-bench-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        if parts.contains("floor") {
            try await floor(folder: folder, inProcess: inProcess)
        }
        if parts.contains("spread") {
            let spread = try await burst(folder: folder, name: "spread", count: 1_000, over: 10, limited: false, inProcess: inProcess)
            report("(a) 1,000 reminders spread over 10 s", spread)
        }
        if parts.contains("same") {
            let same = try await burst(folder: folder, name: "same", count: 10_000, over: 0, limited: false, inProcess: inProcess)
            report("(a) 10,000 reminders due in the same second", same)
        }
        if parts.contains("startup") {
            let big = folder.appendingPathComponent("million.sqlite").path
            try generate(path: big, count: 1_000_000)
            fflush(nil)  // our lines first, then the child's
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["delivery", "--startup", big]
            try child.run()
            child.waitUntilExit()
        }
        if parts.contains("limited") {
            let limited = try await burst(folder: folder, name: "limited", count: 500, over: 0, limited: true, inProcess: inProcess, users: 5)
            report("(d) 500 due in the same second, Mattermost limiter on (10/s, burst 100)", limited)
        }
    }

    struct Outcome {
        var lateness: [Double]
        var duplicates: Int
        var missing: Int
        var lastArrival: Double
        var refusals: Int
        /// CPU time (user + system) this process spent from the scheduler's start to the last post.
        var cpuSeconds: Double
        /// Context switches of this process over the same span.
        var contextSwitches: Int
    }

    /// Creates `count` user reminders due from 2 s from now, spread evenly over `over` seconds, runs a
    /// scheduler and deliverer against a fresh fake until all arrived, and measures arrival − due.
    static func burst(
        folder: URL, name: String, count: Int, over seconds: Double, limited: Bool, inProcess: Bool, users: Int = 100,
        maxConcurrent: Int = 8
    ) async throws -> Outcome {
        let fake = try BenchFake.start(limited: limited, inProcess: inProcess)
        let url = fake.url
        let clock = SystemWallClock()
        let store = try BenchDatabase.store(folder: folder, name: name)
        // The service as `remindd serve` builds it (RemindApp), its listener on a free port nobody calls.
        var configuration = try ServiceConfiguration.load(environment: [
            "REMIND_MATTERMOST_URL": url.absoluteString, "REMIND_BOT_TOKEN": "bench", "REMIND_COMMAND_TOKENS": "bench",
            "REMIND_PUBLIC_URL": "http://127.0.0.1:8066", "REMIND_DATABASE": store.path, "REMIND_LISTEN": "127.0.0.1:8066",
        ])
        configuration.listenPort = 0
        configuration.tuning.delivererConcurrency = maxConcurrent
        let app = try RemindApp(
            configuration: configuration, store: store, clock: clock,
            logger: Logger(format: .text, minimum: .error, clock: clock), metrics: Metrics())

        let first = Date().addingTimeInterval(2).timeIntervalSince1970.rounded(.up)
        var created: [ReminderRecord] = []
        for chunk in stride(from: 0, to: count, by: 500) {
            let batch = (chunk..<min(count, chunk + 500)).map { index in
                let due = Date(timeIntervalSince1970: first + seconds * Double(index) / Double(count))
                let user = "u\(index % users)"
                return NewReminder(
                    creatorID: user, creatorName: user, teamID: "team", originChannelID: "town", targetKind: .user,
                    targetID: user, targetName: user, message: "bench \(index)", phrase: "me bench", timeZone: "UTC",
                    firstFireAt: due)
            }
            created += try await store.create(batch, at: Date())
        }
        let cpuBefore = ProcessMeasures.cpuSeconds(), switchesBefore = ProcessMeasures.contextSwitches()
        _ = try await app.start()
        let deadline = ContinuousClock.now + .seconds(seconds + 120)
        var stats = try await fake.stats()
        // Polled every 250 ms, not faster: each poll is an HTTP request from this process, whose CPU counts as
        // remindd's (at 20 ms the polls were a third of the spread case's requests). Arrival times come from
        // the fake, so the interval does not change any lateness figure.
        while stats.posts < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            stats = try await fake.stats()
        }
        let cpu = ProcessMeasures.cpuSeconds() - cpuBefore
        let switches = ProcessMeasures.contextSwitches() - switchesBefore
        let arrivals = try await fake.arrivals()
        let installID = try await DeliveryKey.installID(in: store)
        let ledger = try await occurrenceIDs(store: store, reminders: created)
        await app.stop(gracePeriod: .zero)
        await fake.stop()

        var lateness: [Double] = []
        var duplicates = 0
        var missing = 0
        var last = 0.0
        for reminder in created {
            guard let occurrenceID = ledger[reminder.id], let times = arrivals[DeliveryKey.make(installID: installID, occurrenceID: occurrenceID)], let time = times.first,
                  let due = reminder.nextFireAt else {
                missing += 1
                continue
            }
            duplicates += times.count - 1
            lateness.append(time.timeIntervalSince(due))
            last = max(last, time.timeIntervalSince1970 - first)
        }
        return Outcome(lateness: lateness.sorted(), duplicates: duplicates, missing: missing, lastArrival: last, refusals: stats.refusals,
                       cpuSeconds: cpu, contextSwitches: switches)
    }

    /// The occurrence id of each reminder's (only) occurrence.
    static func occurrenceIDs(store: ReminderStore, reminders: [ReminderRecord]) async throws -> [Int64: Int64] {
        try BenchDatabase.occurrenceIDs(of: store)
    }

    static func report(_ label: String, _ outcome: Outcome) {
        func percentile(_ p: Double) -> Double {
            guard !outcome.lateness.isEmpty else { return .nan }
            return outcome.lateness[min(outcome.lateness.count - 1, Int(Double(outcome.lateness.count) * p))] * 1_000
        }
        print(label)
        print(String(format: "    lateness p50 %.1f ms, p99 %.1f ms, max %.1f ms; last post %.2f s after the first due time",
                     percentile(0.5), percentile(0.99), (outcome.lateness.last ?? .nan) * 1_000, outcome.lastArrival))
        print("    delivered \(outcome.lateness.count), missing \(outcome.missing), duplicates \(outcome.duplicates), 429s \(outcome.refusals)")
        let posts = Double(max(1, outcome.lateness.count))
        print(String(format: "    remindd side CPU %.2f s (%.0f µs per post), %.1f context switches per post", outcome.cpuSeconds,
                     outcome.cpuSeconds / posts * 1_000_000, Double(outcome.contextSwitches) / posts))
    }

    /// Writes `count` pending reminders due from tomorrow on.
    static func generate(path: String, count: Int) throws {
        let took = try PendingReminders.generate(path: path, count: count, firstDueIn: 86_400)
        print(String(format: "(b) generated %d pending reminders (due from tomorrow on) in %.1f s", count, took.seconds))
    }

    /// In a fresh process: open + migrate + scheduler start, and the resident memory afterwards.
    static func measureStartup(path: String) async throws {
        let before = ProcessMeasures.residentKilobytes()
        let began = ContinuousClock.now
        let clock = SystemWallClock()
        let store = try ReminderStore(path: path)
        let opened = ContinuousClock.now
        let client = MattermostClient(baseURL: URL(string: "http://127.0.0.1:9")!, token: "bench")
        let metrics = Metrics()
        let logger = Logger(format: .text, minimum: .error, clock: clock)
        let deliverer = Deliverer(
            store: store, client: client, directory: Directory(client: client, clock: clock),
            renderer: ReminderPost(publicURL: URL(string: "http://127.0.0.1:8066")!), clock: clock, metrics: metrics, logger: logger)
        let scheduler = Scheduler(store: store, deliverer: deliverer, clock: clock, metrics: metrics, logger: logger)
        try await scheduler.start()
        let started = ContinuousClock.now
        try await Task.sleep(for: .seconds(1))  // let the pending-count refresh run too
        print(String(format: "    start-up with 1,000,000 pending: %.0f ms (open + migrate %.0f ms, scheduler start %.0f ms)",
                     (started - began).seconds * 1_000, (opened - began).seconds * 1_000, (started - opened).seconds * 1_000))
        print("    resident memory: \(ProcessMeasures.residentKilobytes() / 1_024) MB after start (\(before / 1_024) MB before opening)")
        await scheduler.stop()
    }
}
