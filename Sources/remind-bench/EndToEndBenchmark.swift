import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RemindService
import RemindStore

/// `remind-bench e2e [--remindd PATH] [--count N]`: lateness through the whole path. Starts the real
/// `remindd serve` (the release binary next to this one by default) against the benchmark's fake Mattermost
/// in a child process, sends N (120) slash commands `/remind me e2e I in 3 seconds`, one every 100 ms (so
/// the reminders come due over 12 s while commands keep arriving), and reports the lateness the fake sees:
/// post arrival minus the stored due time, and minus the time the command was sent + 3 s (what a user
/// sees). The ledger's claim times split each delay into "due → claimed" (timer and wake-up) and
/// "claimed → arrived" (claim commit, rendering, the post request).
enum EndToEndBenchmark {
    static let delay = 3.0
    static let spacing = 0.1

    static func run(arguments: [String]) async throws {
        var remindd = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("remindd").path
        var count = 120
        var index = 0
        while index + 1 < arguments.count {
            switch arguments[index] {
            case "--remindd": remindd = arguments[index + 1]
            case "--count": count = Int(arguments[index + 1]) ?? count
            default: break
            }
            index += 2
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("remind-bench-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let databasePath = folder.appendingPathComponent("e2e.sqlite").path

        let fake = try BenchFake.start(limited: false, inProcess: false)
        let port = 20_000 + Int(getpid() % 2_000)
        let token = "benche2etoken0000000000000"
        let service = try await BenchService(
            remindd: remindd, port: port, database: databasePath, mattermost: fake.url, botToken: "bench",
            commandToken: token)
        defer {
            service.stop()
            Task { await fake.stop() }
        }
        let base = service.base

        // Ten users, so that most commands come from a user the service has seen (as in real use) and the
        // first delivery to each still opens its DM.
        let session = URLSession(configuration: .ephemeral)
        var sent: [Int: Date] = [:]
        var refused = 0
        let start = ContinuousClock.now
        for item in 0..<count {
            try await Task.sleep(until: start + .milliseconds(Int64(Double(item) * spacing * 1_000)), clock: .continuous)
            let user = "e2euser\(item % 10)"
            var request = URLRequest(url: base.appendingPathComponent("command"))
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(("channel_id=town&command=%2Fremind&team_domain=bench&team_id=team"
                + "&text=me+e2e+\(item)+in+\(Int(delay))+seconds&token=\(token)&user_id=\(user)&user_name=\(user)").utf8)
            sent[item] = Date()
            let (_, response) = try await session.data(for: request)
            if (response as? HTTPURLResponse)?.statusCode != 200 { refused += 1 }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        var stats = try await fake.stats()
        while stats.posts < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            stats = try await fake.stats()
        }
        let arrivals = try await fake.arrivals()
        service.stop()
        session.invalidateAndCancel()

        let store = try ReminderStore(path: databasePath)
        let installID = try await DeliveryKey.installID(in: store)
        var storedLateness: [Double] = [], userLateness: [Double] = [], toClaim: [Double] = [], claimToArrival: [Double] = []
        var anchorSkew: [Double] = []
        for row in try ledger(path: databasePath) {
            guard let item = Int(row.message.split(separator: " ").last ?? ""), let sentAt = sent[item],
                  let arrival = arrivals[DeliveryKey.make(installID: installID, occurrenceID: row.occurrenceID)]?.first else {
                continue
            }
            storedLateness.append(arrival.timeIntervalSince(row.dueAt))
            userLateness.append(arrival.timeIntervalSince(sentAt.addingTimeInterval(delay)))
            toClaim.append(row.claimedAt.timeIntervalSince(row.dueAt))
            claimToArrival.append(arrival.timeIntervalSince(row.claimedAt))
            anchorSkew.append(row.dueAt.timeIntervalSince(sentAt.addingTimeInterval(delay)))
        }
        print("(e2e) \(count) slash commands to the real remindd (\(remindd)), due over \(Int(Double(count) * spacing)) s")
        print("    post arrival − stored due time:      " + summary(storedLateness))
        print("    post arrival − (command sent + 3 s): " + summary(userLateness))
        print("    due → claimed:                      " + summary(toClaim))
        print("    claimed → post arrival:             " + summary(claimToArrival))
        print("    stored due − (command sent + 3 s):   " + summary(anchorSkew))
        print("    delivered \(storedLateness.count), missing \(max(0, count - storedLateness.count)), commands refused \(refused)")
    }

    /// "p50 x ms, p99 y ms, max z ms".
    static func summary(_ values: [Double]) -> String {
        let sorted = values.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1_000
        }
        return String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(0.5), percentile(0.99), (sorted.last ?? .nan) * 1_000)
    }

    struct LedgerRow {
        var occurrenceID: Int64
        var message: String
        var dueAt: Date
        var claimedAt: Date
    }

    /// Every occurrence with its reminder's message, due and claim times, read from remindd's database.
    static func ledger(path: String) throws -> [LedgerRow] {
        var configuration = Database.Configuration()
        configuration.readOnly = true
        let database = try Database(path: path, configuration: configuration)
        return try database.rows("""
            SELECT o.id, r.message, o.due_at_ms, o.claimed_at_ms FROM occurrences o JOIN reminders r ON r.id = o.reminder_id
            """).map { row in
            LedgerRow(
                occurrenceID: try row.int64(0), message: try row.string(1),
                dueAt: Date(timeIntervalSince1970: Double(try row.int64(2)) / 1_000),
                claimedAt: Date(timeIntervalSince1970: Double(try row.int64(3)) / 1_000))
        }
    }
}
