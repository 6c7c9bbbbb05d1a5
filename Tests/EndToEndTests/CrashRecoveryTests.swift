import Foundation
import Mattermost
import TestSupport
import Testing

extension EndToEnd {
    /// The crash test: the real `remindd` is killed with SIGKILL at random moments while people create
    /// reminders and while occurrences fire, then restarted on the same database and address, many times.
    /// At the end every acknowledged reminder must be in the database and every due occurrence must have
    /// been posted exactly once; a command cut off by the kill either left a reminder that was posted
    /// once, or nothing at all.
    ///
    /// One fake Mattermost (kept across restarts) answers with a random latency per round, so that kills
    /// often land while a post is in flight: the post then reaches the fake after the process died, and the
    /// restarted service must find it (delivery key in props) instead of posting it again. The fake forgets
    /// saved `pending_post_id`s at each restart, so its de-duplication cannot hide a second post.
    ///
    /// Knobs: `REMIND_CRASH_ITERATIONS` (default 10 restarts) and `REMIND_CRASH_SEED` (random by default;
    /// printed, so a failing run can be replayed). A long manual run of 200 iterations:
    ///
    ///     REMIND_CRASH_ITERATIONS=200 swift test --no-parallel --filter CrashRecoveryTests
    @Suite("End to end: crash recovery")
    struct CrashRecoveryTests {
        /// Concurrent "people" typing commands during each round.
        static let senders = 3

        @Test("kill -9 at random moments: acknowledged reminders survive, due occurrences post exactly once")
        func killNineWhileCreatingAndFiring() async throws {
            let environment = ProcessInfo.processInfo.environment
            let iterations = environment["REMIND_CRASH_ITERATIONS"].flatMap { Int($0) } ?? 10
            let seed = environment["REMIND_CRASH_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
            print("crash test: \(iterations) iterations, REMIND_CRASH_SEED=\(seed)")
            var random = SplitMix64(seed: seed)

            let fake = FakeMattermost()
            let mattermostURL = try await fake.start()
            let office = await fake.addChannel("office")
            let port = try RemindProcess.freePort()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let databasePath = directory.appendingPathComponent("remind.sqlite").path
            let commandToken = "crash-command-token"
            await fake.registerSlashCommand(
                url: try #require(URL(string: "http://127.0.0.1:\(port)/command")), token: commandToken)
            let start = { @Sendable in
                try await RemindProcess.start(
                    mattermostURL: mattermostURL, botToken: fake.botToken, commandToken: commandToken, port: port,
                    databasePath: databasePath)
            }

            var sent: [SentCommand] = []
            var logs: [String] = []
            for iteration in 0..<iterations {
                await fake.setLatency(.milliseconds(50 * Int64(random.below(4))))
                // Restarts here are quicker than Mattermost's 30 s memory of `pending_post_id`s: without
                // this, the server would hide a repeated post and a broken look-up would go unnoticed.
                await fake.expireSavedPendingPostIDs()
                let remind = try await start()
                let killAt = ContinuousClock.now + .milliseconds(Int64(200 + random.below(2_800)))
                // New people and a new channel each round: a restart reads each channel with unfinished
                // occurrences once, since the earliest claim, and one channel holding thousands of posts (a
                // long run sending everything to one person) would make that read, not the crash, the subject.
                var members: [User] = []
                for sender in 0..<Self.senders {
                    members.append(await fake.addUser("casey-\(iteration)-\(sender)", timezone: .manual("UTC")))
                    await fake.join(members[sender], to: office)
                }
                let room = await fake.addChannel("crash-room-\(iteration)", members: members)
                let people = members.enumerated().map { sender, person in
                    CommandSender(
                        fake: fake, person: person, office: office, room: room, iteration: iteration, sender: sender,
                        seed: random.next())
                }
                async let typed = withTaskGroup(of: [SentCommand].self) { group in
                    for sender in people { group.addTask { await sender.type(until: killAt) } }
                    return await group.reduce(into: []) { $0 += $1 }
                }
                try await Task.sleep(until: killAt)
                try await remind.kill()
                sent += await typed
                logs.append(remind.log)
            }

            // The last start catches up on everything that came due while the service was down.
            await fake.expireSavedPendingPostIDs()
            let final = try await start()
            let latestDue = sent.map(\.due).max() ?? Date()
            try await Task.sleep(for: .milliseconds(Int64(max(0, latestDue.timeIntervalSinceNow + 1.5) * 1_000)))
            let commands = Dictionary(sent.map { ($0.token, $0) }) { first, _ in first }
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let ledger = try CrashLedger(databasePath: databasePath)
                let counts = PostCounts(await fake.createdPosts)
                if ledger.reminders.allSatisfy({ counts[$0.message] >= $0.expectedPosts(commands) }) { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            // Room for a late duplicate to show up.
            try await Task.sleep(for: .seconds(1))
            do {
                let status = try await final.stop()
                #expect(status == 0, "the last remindd exited \(status); log:\n\(final.log)")
            } catch {
                Issue.record("the last remindd did not stop (\(error)); its log:\n\(final.log.suffix(4_000))")
            }
            logs.append(final.log)

            let ledger = try CrashLedger(databasePath: databasePath)
            let posts = await fake.createdPosts
            let counts = PostCounts(posts)
            let report = CrashReport(sent: sent, commands: commands, ledger: ledger, counts: counts)
            report.check(logs: logs)
            #expect(counts.unknownMessages.isEmpty, "posts that belong to no command: \(counts.unknownMessages)")
            let recoveries = logs.map { $0.components(separatedBy: "resuming unfinished deliveries").count - 1 }.reduce(0, +)
            let lookups = logs.map { $0.components(separatedBy: "occurrence already posted").count - 1 }.reduce(0, +)
            print("""
                crash test: \(iterations) iterations (seed \(seed)), \(sent.count) commands, \
                \(sent.filter(\.acknowledged).count) acknowledged, \(ledger.reminders.count) stored \
                (\(ledger.reminders.filter { $0.rrule != nil }.count) recurring), \(posts.count) posts, \
                \(report.duePosts) due occurrences; restarts that resumed unfinished deliveries: \(recoveries), \
                posts found already made instead of posting again: \(lookups)
                """)
            await fake.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

/// One slash command typed during a round, and what came of it.
struct SentCommand: Sendable {
    /// Unique text in the message (`crash-<round>-<sender>-<n>-end`), how posts and rows are matched.
    var token: String
    var phrase: String
    var isRecurring: Bool
    /// When it is meant to fire: the clock time asked for (recurring), or about when the command was sent
    /// plus its delay (one-off).
    var due: Date
    /// HTTP 200 with the "I will remind" confirmation.
    var acknowledged: Bool
}

/// A person typing `/remind` commands one after another, with short random pauses, until the kill.
/// A value: each round's sender lives in one task.
struct CommandSender: Sendable {
    let fake: FakeMattermost
    let person: User
    let office: Channel
    let room: Channel
    let iteration: Int
    let sender: Int
    let seed: UInt64

    func type(until stop: ContinuousClock.Instant) async -> [SentCommand] {
        var random = SplitMix64(seed: seed)
        var sent: [SentCommand] = []
        while ContinuousClock.now < stop {
            let token = "crash-\(iteration)-\(sender)-\(sent.count)-end"
            var command = makeCommand(token: token, random: &random)
            do {
                let reply = try await fake.runSlashCommand(command.phrase, user: person, channel: office)
                command.acknowledged = reply.status == 200 && (reply.response?.text?.hasPrefix("I will remind") ?? false)
            } catch {
                command.acknowledged = false
            }
            sent.append(command)
            try? await Task.sleep(for: .milliseconds(Int64(random.below(150))))
        }
        return sent
    }

    /// A one-off in 1–3 seconds (to me or to a channel), or, one time in four, a daily reminder whose first
    /// occurrence is a clock time (with seconds) 1–3 seconds ahead; one time in eight a team reminder (one post
    /// in the office with a button per person), and one in eight a one-off that nags (its first nag, half an
    /// hour on, is claimed with the firing in one transaction).
    private func makeCommand(token: String, random: inout SplitMix64) -> SentCommand {
        let now = Date()
        let delay = random.below(3) + 1
        switch random.below(8) {
        case 0:
            let teammate = "@casey-\(iteration)-\((sender + 1) % EndToEnd.CrashRecoveryTests.senders)"
            let phrase = "me \(teammate) \"\(token)\" in \(delay) seconds as a team"
            return SentCommand(token: token, phrase: phrase, isRecurring: false, due: now + Double(delay), acknowledged: false)
        case 1:
            let phrase = "me \"\(token)\" in \(delay) seconds and nag every 30 minutes"
            return SentCommand(token: token, phrase: phrase, isRecurring: false, due: now + Double(delay), acknowledged: false)
        default:
            break
        }
        if random.below(4) == 0 {
            let due = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + Double(delay)).rounded(.up))
            let phrase = "me \"\(token)\" every day at \(Self.clockTime(due))"
            return SentCommand(token: token, phrase: phrase, isRecurring: true, due: due, acknowledged: false)
        }
        let who = random.below(3) == 0 ? "~\(room.name)" : "me"
        let phrase = "\(who) \"\(token)\" in \(delay) seconds"
        return SentCommand(token: token, phrase: phrase, isRecurring: false, due: now + Double(delay), acknowledged: false)
    }

    /// `HH:mm:ss` in UTC (the person's zone).
    private static func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
