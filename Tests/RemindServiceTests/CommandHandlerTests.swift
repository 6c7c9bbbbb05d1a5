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
    /// The service built as `remindd serve` builds it (a `RemindApp`, its listener never started) over a fresh
    /// store and a started fake. Its horizon is three hours, so the reminders these tests make are held by
    /// the scheduler (`scheduledCount`) without coming due while the test runs.
    struct Bench {
        let fake: FakeMattermost
        let app: RemindApp
        let ana: User
        let office: Channel
        let team: Team

        var context: ServiceContext { app.context }

        static func make(serverZone: TimeZone = TimeZone(identifier: "UTC")!, activeReminderLimit: Int? = nil) async throws -> Bench {
            let fake = FakeMattermost()
            let url = try await fake.start()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remind-cmd-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("r.sqlite").path
            var configuration = try ServiceConfiguration.forTests(mattermost: url, botToken: fake.botToken, database: path)
            configuration.publicURL = URL(string: "https://chat.example.com/remind")!
            configuration.serverZone = serverZone
            configuration.tuning.horizon = 3 * 3_600
            configuration.tuning.answerTimeout = .seconds(20)
            if let activeReminderLimit { configuration.tuning.activeReminderLimit = activeReminderLimit }
            let clock = SystemWallClock()
            let app = try RemindApp(
                configuration: configuration, store: try ReminderStore(path: path), clock: clock,
                logger: Logger(format: .text, clock: clock) { _ in }, metrics: Metrics())
            let ana = await fake.addUser("ana", timezone: .manual("America/New_York"))
            let office = await fake.addChannel("office", members: [ana])
            return Bench(fake: fake, app: app, ana: ana, office: office, team: fake.team)
        }

        /// Firings the scheduler holds: every stored reminder due within the horizon was handed to it.
        var scheduled: Int { app.scheduler?.scheduledCount ?? -1 }

        func run(_ text: String, as user: User? = nil, mentions: [String: String] = [:]) async -> CommandResponse {
            let user = user ?? ana
            let fields: [String: [String]] = [
                "token": ["t"], "team_id": [team.id], "team_domain": [team.name], "channel_id": [office.id],
                "user_id": [user.id], "user_name": [user.username], "text": [text], "command": ["/remind"],
                "user_mentions": Array(mentions.keys), "user_mentions_ids": mentions.keys.map { mentions[$0] ?? "" },
            ]
            return await CommandHandler(context: context).handle(SlashCommandRequest(fields: { fields[$0] ?? [] }))
        }

        func stop() async {
            await app.stop(gracePeriod: .zero)
            await fake.stop()
        }
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
        await bench.stop()
        await other.stop()
    }

    @Test("a person's active reminders are limited; completing one makes room")
    func perUserLimit() async throws {
        let bench = try await Bench.make(activeReminderLimit: 2)
        #expect(await bench.run("me to stretch in 1 hour").text?.hasPrefix("I will remind you") == true)
        #expect(await bench.run("me to drink in 2 hours").text?.hasPrefix("I will remind you") == true)
        let refused = await bench.run("me to eat in 3 hours")
        #expect(refused.text?.contains("limit is 2") == true, "\(refused.text ?? "")")
        #expect(await bench.run("me and @ana to plan in 3 hours").text?.contains("limit is 2") == true)
        // From the form, the limit is about the whole form, not its When field.
        let now = bench.context.clock.now()
        let token = try await bench.context.signer.currentKey(now: now)
            .token(for: DialogHandler.scope(userID: bench.ana.id, teamID: bench.team.id), now: now)
        let submission = SubmitDialogRequest(
            callbackID: DialogHandler.callbackID, state: [bench.team.id, bench.team.name, token].joined(separator: "|"),
            userID: bench.ana.id, channelID: bench.office.id, teamID: bench.team.id,
            submission: ["message": "eat", "when": "in 3 hours"])
        let answer = try await DialogHandler(context: bench.context).submit(submission)
        #expect(answer?.errors == nil)
        #expect(answer?.error?.contains("limit is 2") == true, "\(String(describing: answer))")
        let first = try #require(try await bench.context.store.reminders(forUser: bench.ana.id, limit: 1).reminders.first)
        _ = try await bench.context.store.complete(reminderID: first.id, at: Date())
        #expect(await bench.run("me to eat in 3 hours").text?.hasPrefix("I will remind you") == true)
        #expect(try await bench.context.store.countActive(createdBy: bench.ana.id) == 2)
        await bench.stop()
    }

    @Test("a user without a time zone gets the server's; the scheduler hears of every row")
    func serverZoneAndNotifications() async throws {
        let bench = try await Bench.make(serverZone: TimeZone(identifier: "Asia/Tokyo")!)
        let kim = await bench.fake.addUser("kim")
        let reply = await bench.run("me and @ana to sync in 2 hours", as: kim)
        #expect(reply.text?.hasSuffix("(Asia/Tokyo).") == true, "\(reply.text ?? "")")
        #expect(bench.scheduled == 2)
        #expect(reply.responseType == .ephemeral)
        #expect(reply.skipSlackParsing == true)
        await bench.stop()
    }

    @Test("server-resolved mention ids win over a lookup by name")
    func mentionIDs() async throws {
        let bench = try await Bench.make()
        let ben = await bench.fake.addUser("ben")
        let reply = await bench.run("@Ben to review in 1 hour", mentions: ["ben": ben.id])
        #expect(reply.text?.hasPrefix("I will remind @ben to review") == true, "\(reply.text ?? "")")
        let lookups = await bench.fake.requests.filter { $0.path.hasPrefix("/api/v4/users/username/") }
        #expect(lookups.isEmpty)
        await bench.stop()
    }

    @Test("Mattermost unreachable before anything is cached: a friendly refusal, nothing stored")
    func unreachable() async throws {
        let bench = try await Bench.make()
        await bench.fake.stop()
        let reply = await bench.run("me to stretch in 1 hour")
        #expect(reply.text == "I couldn't reach Mattermost to look up your time zone; try again in a minute.")
        #expect(try await bench.context.store.countActive() == 0)
        #expect(bench.scheduled == 0)
        await bench.app.stop(gracePeriod: .zero)
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
