import Foundation
import Mattermost
import RemindStore
import TestSupport
import Testing

/// One end-to-end scene: a fake Mattermost on a socket with a few people and channels, the real `remindd`
/// serving against it, and `/remind` registered to point at it.
struct Stage {
    let fake: FakeMattermost
    let remind: RemindProcess
    /// In New York, 12-hour clock.
    let ana: User
    /// In Berlin.
    let ben: User
    let cid: User
    /// Ana, Ben and the bot.
    let town: Channel
    /// Where commands are typed.
    let office: Channel

    /// The database a stage's remindd uses.
    enum Backend: String, Sendable, CustomTestStringConvertible {
        case sqlite, postgresql

        /// SQLite, and PostgreSQL when it is installed (or required, in CI).
        static var all: [Backend] { PostgresTestCluster.isEnabled ? [.sqlite, .postgresql] : [.sqlite] }

        var testDescription: String { rawValue }
    }

    static func start(backend: Backend = .sqlite, environment: [String: String] = [:]) async throws -> Stage {
        var environment = environment
        if backend == .postgresql {
            environment["REMIND_DATABASE"] = try await PostgresTestCluster.shared().makeDatabase()
        }
        let fake = FakeMattermost()
        let url = try await fake.start()
        let ana = await fake.addUser("ana", timezone: .manual("America/New_York"))
        let ben = await fake.addUser("ben", timezone: .automatic("Europe/Berlin"))
        let cid = await fake.addUser("cid", timezone: .manual("UTC"))
        let town = await fake.addChannel("town-square", members: [ana, ben])
        let office = await fake.addChannel("office", members: [ana, ben, cid])
        let remind = try await RemindProcess.start(mattermostURL: url, botToken: fake.botToken, environment: environment)
        let command = await fake.registerSlashCommand(
            url: remind.baseURL.appendingPathComponent("command"), token: remind.commandToken)
        return Stage(fake: fake, remind: remind, ana: ana, ben: ben, cid: cid, town: town, office: office, command: command)
    }

    let command: Command

    /// Runs `/remind <text>` as `user` (Ana by default) in the office channel (in the thread `rootID`); returns
    /// the reply's text.
    @discardableResult
    func run(_ text: String, as user: User? = nil, in channel: Channel? = nil, rootID: String = "") async throws -> String {
        let reply = try await fake.runSlashCommand(text, user: user ?? ana, channel: channel ?? office, rootID: rootID)
        #expect(reply.status == 200)
        #expect(reply.contentType?.hasPrefix("application/json") == true)
        return reply.response?.text ?? ""
    }

    /// The last ephemeral post shown to `user`.
    func lastEphemeral(for user: User) async -> EphemeralPost? {
        await fake.ephemeralPosts.last { $0.userID == user.id }
    }

    /// The posts created in the DM between the bot and `user`.
    func directPosts(to user: User) async -> [RecordedPost] {
        let channel = await fake.directChannel(fake.bot, user)
        return await fake.posts(inChannel: channel)
    }

    /// Waits until `count` posts exist in `channel`.
    func waitForPosts(in channel: Channel, count: Int, timeout: Duration = .seconds(6)) async throws -> [RecordedPost] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let posts = await fake.posts(inChannel: channel)
            if posts.count >= count { return posts }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(count) posts in \(channel.name); log:\n\(remind.log)")
        return await fake.posts(inChannel: channel)
    }

    /// The store the service writes, opened alongside it: it checks the schema the service migrated and
    /// never migrates it itself.
    func store() throws -> ReminderStore {
        var configuration = ReminderStore.Configuration()
        configuration.migratesOnOpen = false
        return try ReminderStore(location: remind.databasePath, configuration: configuration)
    }

    /// Stops remindd (expecting a clean exit 0) and the fake.
    func finish() async throws {
        let status = try await remind.stop()
        #expect(status == 0, "remindd exited \(status); log:\n\(remind.log)")
        await fake.stop()
    }
}

/// Every end-to-end suite, run one test at a time: each starts a `remindd` process, and running them all
/// at once on a small CI machine would starve the timing-sensitive tests of the other targets.
@Suite("End to end", .serialized)
struct EndToEnd {}
