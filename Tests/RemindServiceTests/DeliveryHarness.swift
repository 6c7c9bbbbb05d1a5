import Foundation
import Mattermost
import RemindStore
import TestSupport
@testable import RemindService

/// The service built as `remindd serve` builds it (a `RemindApp`, its listener never started) on a real
/// SQLite file in a temporary directory and a fake Mattermost on 127.0.0.1, with the clock in the test's
/// hands (`ManualWallClock`) unless told otherwise; the tests drive its scheduler and deliverer.
final class DeliveryHarness: Sendable {
    let folder: URL
    let clock: any WallClock
    let fake: FakeMattermost
    let app: RemindApp
    let metrics = Metrics()
    let scheduler: Scheduler
    /// A person with a New York profile zone.
    let ana: User
    /// A channel the bot belongs to.
    let general: Channel

    var store: ReminderStore { app.store }
    var deliverer: Deliverer { scheduler.deliverer }
    var client: MattermostClient { app.context.client }
    var directory: Directory { app.context.directory }

    /// Everything opened on `folder` (a fresh temporary one by default): pass the folder of an earlier
    /// harness to "restart" on its database.
    init(
        clock: any WallClock, restarting earlier: DeliveryHarness? = nil, maxConcurrent: Int = 8, requestTimeout: Duration = .seconds(5),
        retry: RetryPolicy = RetryPolicy(base: 0.02, maximum: 0.1), sinceListLimit: Int = Deliverer.serverSinceListLimit,
        serverZone: TimeZone = TimeZone(identifier: "UTC")!
    ) async throws {
        folder = earlier?.folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("remindd-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.clock = clock
        let fake = earlier?.fake ?? FakeMattermost(now: { clock.now() })
        self.fake = fake
        let url = try await fake.start()
        let path = folder.appendingPathComponent("remind.sqlite").path
        var configuration = try ServiceConfiguration.forTests(mattermost: url, botToken: fake.botToken, database: path)
        configuration.tuning.delivererConcurrency = maxConcurrent
        configuration.tuning.deliveryTimeout = requestTimeout
        configuration.tuning.retryPolicy = retry
        configuration.tuning.sinceListLimit = sinceListLimit
        configuration.serverZone = serverZone
        let logger = Logger(format: .text, minimum: .error, clock: clock) { _ in }
        app = try RemindApp(
            configuration: configuration, store: try ReminderStore(path: path, now: clock.now()), clock: clock,
            logger: logger, metrics: metrics)
        guard let scheduler = app.scheduler else { throw ConfigurationError(problems: ["a SQLite app has one scheduler"]) }
        self.scheduler = scheduler
        if let earlier {
            ana = earlier.ana
            general = earlier.general
        } else {
            ana = await fake.addUser("ana", timezone: .manual("America/New_York"))
            general = await fake.addChannel("general", members: [ana])
        }
    }

    /// Stops the service; with `keepingFake` the fake keeps serving (a restart reuses it).
    func close(removingFiles: Bool = true, keepingFake: Bool = false) async {
        await app.stop(gracePeriod: .zero)
        if !keepingFake { await fake.stop() }
        if removingFiles { try? FileManager.default.removeItem(at: folder) }
    }

    /// Creates a reminder (for ana, by ana, unless told otherwise).
    func create(
        message: String = "stretch", due: Date, channel: Channel? = nil, rrule: String? = nil, zone: String = "UTC",
        creator: User? = nil, recipient: User? = nil, targetID: String? = nil, targetName: String? = nil
    ) async throws -> ReminderRecord {
        let creator = creator ?? ana
        let person = recipient ?? ana
        let reminder = NewReminder(
            creatorID: creator.id, creatorName: creator.username, teamID: fake.team.id, originChannelID: general.id,
            targetKind: channel == nil && targetID == nil ? .user : .channel,
            targetID: targetID ?? channel?.id ?? person.id, targetName: targetName ?? channel?.name ?? person.username,
            message: message, phrase: "me \(message)", timeZone: zone, rrule: rrule,
            recurrenceStart: rrule == nil ? nil : due, firstFireAt: due)
        let records = try await store.create([reminder], at: clock.now())
        return records[0]
    }

    /// Lets the wheel fire what is due at the clock's time and waits until every delivery (retries
    /// included) is finished.
    func settle() async {
        await scheduler.tick()
        await deliverer.waitUntilIdle()
    }

    /// Moves a manual clock to `instant`, loads the horizon, fires and waits.
    func run(until instant: Date) async throws {
        (clock as? ManualWallClock)?.set(instant)
        try await scheduler.loadHorizon()
        await settle()
    }

    /// The posts created by the bot in ana's DM.
    func anaPosts() async -> [RecordedPost] {
        let dm = await fake.directChannel(fake.bot, ana)
        return await fake.posts(inChannel: dm)
    }
}

extension RecordedPost {
    /// The value of the attachment field titled `title`.
    func field(_ title: String) -> String? {
        post.attachments.first?.fields?.first { $0.title == title }?.value
    }

    /// The delivery key in the post's props.
    var deliveryKey: String? {
        if case .string(let key)? = post.props?[ReminderPost.deliveryKeyProp] { return key }
        return nil
    }
}
