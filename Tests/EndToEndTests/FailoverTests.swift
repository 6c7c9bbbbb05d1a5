import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// Two real `remindd` nodes sharing one real PostgreSQL database: both answer commands, one delivers.
    /// The leader is SIGKILLed or SIGSTOPped (then continued, to prove it is fenced out) at random moments
    /// while reminders made on both nodes come due; every acknowledged reminder must post exactly once and
    /// the standby must take over within 5 s.
    @Suite("End to end: failover on PostgreSQL", .enabled(if: PostgresTestCluster.isEnabled))
    struct Failover {
        @Test("leader killed or paused at random: every acknowledged reminder posts exactly once, takeover < 5 s")
        func killAndPauseTheLeader() async throws {
            let environment = ProcessInfo.processInfo.environment
            let rounds = environment["REMIND_FAILOVER_ROUNDS"].flatMap { Int($0) } ?? 4
            let seed = environment["REMIND_FAILOVER_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
            var random = SplitMix64(seed: seed)
            let url = try await PostgresTestCluster.shared().makeDatabase()
            let observer = try ReminderStore(location: url)
            defer { observer.close() }

            let fake = FakeMattermost()
            let mattermostURL = try await fake.start()
            let ana = await fake.addUser("ana", timezone: .manual("UTC"))
            let office = await fake.addChannel("office", members: [ana])
            let token = "failover-command-token"
            let ports = [try RemindProcess.freePort(), try RemindProcess.freePort()]
            let triggers = ["remind", "remindb"]
            for (port, trigger) in zip(ports, triggers) {
                await fake.registerSlashCommand(
                    trigger: trigger, url: try #require(URL(string: "http://127.0.0.1:\(port)/command")), token: token)
            }
            let start = { @Sendable (index: Int) in
                try await RemindProcess.start(
                    mattermostURL: mattermostURL, botToken: fake.botToken, commandToken: token, port: ports[index],
                    databasePath: url, environment: ["REMIND_NODE_ID": "node-\(index)"])
            }
            var nodes = [try await start(0), try await start(1)]
            var logs: [String] = []
            var acknowledged: [String] = []
            var takeovers: [Duration] = []
            var leader = try await waitForLeader(observer, after: 0)

            for round in 0..<rounds {
                // Reminders made on both nodes, due over the next few seconds (some before the kill, some
                // during the takeover, some after).
                for index in 0..<8 {
                    let message = "failover-\(round)-\(index)-end"
                    let seconds = 1 + random.below(6)
                    let reply = try await fake.runSlashCommand(
                        "me to \(message) in \(seconds) seconds", user: ana, channel: office, trigger: triggers[index % 2])
                    if reply.status == 200, reply.response?.text?.contains("I will remind") == true { acknowledged.append(message) }
                }
                try await Task.sleep(for: .milliseconds(Int64(300 + random.below(1_500))))
                let index = try #require(nodes.firstIndex { "node-\(ports.firstIndex(of: $0.baseURL.port ?? 0) ?? -1)" == leader.holder })
                let victim = nodes[index]
                let pausing = round % 2 == 1
                let struck = ContinuousClock.now
                if pausing {
                    kill(victim.pid, SIGSTOP)
                } else {
                    try await victim.kill()
                    logs.append(victim.log)
                }
                let next = try await waitForLeader(observer, after: leader.epoch)
                takeovers.append(ContinuousClock.now - struck)
                #expect(next.holder != leader.holder, "the standby took over")
                leader = next
                if pausing {
                    // Woken after the takeover, the ex-leader must find its lease gone and post nothing more.
                    kill(victim.pid, SIGCONT)
                } else {
                    await fake.expireSavedPendingPostIDs()
                    nodes[index] = try await start(index)
                }
            }

            // Everything due has come due; give the last leader time to post it.
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                let counts = postCounts(await fake.posts(inChannel: await fake.directChannel(fake.bot, ana)))
                if acknowledged.allSatisfy({ (counts[$0] ?? 0) >= 1 }) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            try await Task.sleep(for: .seconds(1))
            for node in nodes {
                _ = try? await node.stop()
                logs.append(node.log)
            }
            let counts = postCounts(await fake.posts(inChannel: await fake.directChannel(fake.bot, ana)))
            let missing = acknowledged.filter { (counts[$0] ?? 0) == 0 }
            let doubled = counts.filter { $0.value > 1 }.map(\.key).sorted()
            #expect(acknowledged.count == rounds * 8, "every command was acknowledged")
            #expect(missing.isEmpty, "never posted: \(missing) (seed \(seed)); logs:\n\(logs.joined(separator: "\n---\n").suffix(6_000))")
            #expect(doubled.isEmpty, "posted more than once: \(doubled) (seed \(seed))")
            let sorted = takeovers.sorted()
            let median = sorted[sorted.count / 2]
            let longest = sorted.last ?? .zero
            print("failover test: \(rounds) rounds (seed \(seed)), \(acknowledged.count) reminders, takeover p50 \(median), max \(longest)")
            #expect(longest < .seconds(5), "takeovers: \(takeovers)")
            await fake.stop()
        }

        /// Waits until the lease is held, live, at an epoch above `epoch`.
        private func waitForLeader(_ store: ReminderStore, after epoch: Int64) async throws -> LeaseFence {
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline {
                if let lease = try await store.deliveryLease(), lease.fence.epoch > epoch, lease.expiresAt > Date() {
                    return lease.fence
                }
                try await Task.sleep(for: .milliseconds(25))
            }
            throw FailoverTimeout(epoch: epoch)
        }

        private func postCounts(_ posts: [RecordedPost]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for post in posts {
                guard let range = post.post.message.range(of: #"failover-\d+-\d+-end"#, options: .regularExpression) else { continue }
                counts[String(post.post.message[range]), default: 0] += 1
            }
            return counts
        }
    }
}

/// No node took the lease in time.
struct FailoverTimeout: Error, CustomStringConvertible {
    let epoch: Int64
    var description: String { "no node took the delivery lease after epoch \(epoch) within 15 s" }
}
