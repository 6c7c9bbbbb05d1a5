import Foundation
import Mattermost
import RemindCore
import RemindStore
import Synchronization
import TestSupport
import Testing
@testable import RemindService

/// The slash-command handler in process, against a fake Mattermost on a socket and a real store: the many
/// lookup and refusal paths, without starting the binary.
@Suite("Command handler in process")
struct CommandHandlerTests {
    /// A handler over a fresh store and a started fake; `changed` records the scheduler notifications.
    struct Bench {
        let fake: FakeMattermost
        var context: ServiceContext
        let changed: ChangeRecorder
        let ana: User
        let office: Channel
        let team: Team

        static func make(serverZone: TimeZone = TimeZone(identifier: "UTC")!) async throws -> Bench {
            let fake = FakeMattermost()
            let url = try await fake.start()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remind-cmd-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try ReminderStore(path: directory.appendingPathComponent("r.sqlite").path)
            let client = MattermostClient(baseURL: url, token: fake.botToken, requestTimeout: .seconds(20))
            let clock = SystemWallClock()
            let recorder = ChangeRecorder()
            let context = ServiceContext(
                store: store, client: client, directory: Directory(client: client, clock: clock),
                signer: TokenSigner(store: store), clock: clock,
                publicURL: URL(string: "https://chat.example.com/remind")!, serverZone: serverZone, metrics: Metrics(),
                logger: Logger(format: .text, clock: clock) { _ in }, reminderChanged: { recorder.record($0.id) })
            let ana = await fake.addUser("ana", timezone: .manual("America/New_York"))
            let office = await fake.addChannel("office", members: [ana])
            return Bench(fake: fake, context: context, changed: recorder, ana: ana, office: office, team: fake.team)
        }

        func run(_ text: String, as user: User? = nil, mentions: [String: String] = [:]) async -> CommandResponse {
            let user = user ?? ana
            let fields: [String: [String]] = [
                "token": ["t"], "team_id": [team.id], "team_domain": [team.name], "channel_id": [office.id],
                "user_id": [user.id], "user_name": [user.username], "text": [text], "command": ["/remind"],
                "user_mentions": Array(mentions.keys), "user_mentions_ids": mentions.keys.map { mentions[$0] ?? "" },
            ]
            return await CommandHandler(context: context).handle(SlashCommandRequest(fields: { fields[$0] ?? [] }))
        }
    }

    /// Collects ids from the `reminderChanged` hook.
    final class ChangeRecorder: Sendable {
        private let ids = Mutex<[Int64]>([])
        func record(_ id: Int64) { ids.withLock { $0.append(id) } }
        var count: Int { ids.withLock { $0.count } }
    }

    @Test("the 24-hour display setting is honoured when the bot may read it; 12-hour otherwise")
    func clockStyle() async throws {
        let bench = try await Bench.make()
        await bench.fake.setPreference("true", category: "display_settings", name: "use_military_time", for: bench.ana)
        let twelve = await bench.run("me to leave at 5pm tomorrow")
        #expect(twelve.text?.contains("at 5:00 PM tomorrow") == true, "\(twelve.text ?? "")")

        let other = try await Bench.make()
        await other.fake.allowPreferenceReadsByBot()
        await other.fake.setPreference("true", category: "display_settings", name: "use_military_time", for: other.ana)
        let twentyFour = await other.run("me to leave at 5pm tomorrow")
        #expect(twentyFour.text?.contains("at 17:00 tomorrow") == true, "\(twentyFour.text ?? "")")
        await bench.fake.stop()
        await other.fake.stop()
    }

    @Test("a person's active reminders are limited; completing one makes room")
    func perUserLimit() async throws {
        var bench = try await Bench.make()
        bench.context.activeReminderLimit = 2
        #expect(await bench.run("me to stretch in 1 hour").text?.hasPrefix("I will remind you") == true)
        #expect(await bench.run("me to drink in 2 hours").text?.hasPrefix("I will remind you") == true)
        let refused = await bench.run("me to eat in 3 hours")
        #expect(refused.text?.contains("limit is 2") == true, "\(refused.text ?? "")")
        #expect(await bench.run("me and @ana to plan in 3 hours").text?.contains("limit is 2") == true)
        let first = try #require(try await bench.context.store.reminders(forUser: bench.ana.id, limit: 1).reminders.first)
        _ = try await bench.context.store.complete(reminderID: first.id, at: Date())
        #expect(await bench.run("me to eat in 3 hours").text?.hasPrefix("I will remind you") == true)
        #expect(try await bench.context.store.countActive(createdBy: bench.ana.id) == 2)
        await bench.fake.stop()
    }

    @Test("a user without a time zone gets the server's; the scheduler hears of every row")
    func serverZoneAndNotifications() async throws {
        let bench = try await Bench.make(serverZone: TimeZone(identifier: "Asia/Tokyo")!)
        let kim = await bench.fake.addUser("kim")
        let reply = await bench.run("me and @ana to sync in 2 hours", as: kim)
        #expect(reply.text?.hasSuffix("(Asia/Tokyo).") == true, "\(reply.text ?? "")")
        #expect(bench.changed.count == 2)
        #expect(reply.responseType == .ephemeral)
        #expect(reply.skipSlackParsing == true)
        await bench.fake.stop()
    }

    @Test("server-resolved mention ids win over a lookup by name")
    func mentionIDs() async throws {
        let bench = try await Bench.make()
        let ben = await bench.fake.addUser("ben")
        let reply = await bench.run("@Ben to review in 1 hour", mentions: ["ben": ben.id])
        #expect(reply.text?.hasPrefix("I will remind @ben to review") == true, "\(reply.text ?? "")")
        let lookups = await bench.fake.requests.filter { $0.path.hasPrefix("/api/v4/users/username/") }
        #expect(lookups.isEmpty)
        await bench.fake.stop()
    }

    @Test("Mattermost unreachable before anything is cached: a friendly refusal, nothing stored")
    func unreachable() async throws {
        let bench = try await Bench.make()
        await bench.fake.stop()
        let reply = await bench.run("me to stretch in 1 hour")
        #expect(reply.text == "I couldn't reach Mattermost to look up your time zone; try again in a minute.")
        #expect(try await bench.context.store.countActive() == 0)
        #expect(bench.changed.count == 0)
    }

    @Test("dialog helpers: recipients get their sigils, messages are quoted safely")
    func dialogHelpers() {
        #expect(DialogHandler.recipientWords("") == "me")
        #expect(DialogHandler.recipientWords("sam, @kim ~ops me") == "@sam @kim ~ops me")
        #expect(DialogHandler.quoted("call at 5") == "\"call at 5\"")
        #expect(DialogHandler.quoted("say \"hi\"") == "“say \"hi\"”")
    }

    @Test("constant-time comparison")
    func constantTime() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abd", "abc"))
        #expect(!ConstantTime.equals("ab", "abc"))
        #expect(!ConstantTime.equals("abcd", "abc"))
        #expect(!ConstantTime.equals("", ""))
        #expect(ConstantTime.equalsAny("two", ["one", "two"]))
        #expect(!ConstantTime.equalsAny("three", ["one", "two"]))
        #expect(RandomToken.make().count == 32)
        #expect(RandomToken.make() != RandomToken.make())
    }
}
