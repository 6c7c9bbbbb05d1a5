import Foundation
import HTTPServer
import Mattermost
import RemindStore

/// The composition root of `remindd serve`: configuration → store → Mattermost clients → directories →
/// delivery (one scheduler and deliverer on SQLite, the lease-holding node's on PostgreSQL) → handlers →
/// routes → HTTP server, built in that order. `start()` starts delivery, then listening; `stop()` undoes
/// it in reverse: stop accepting and finish requests, stop delivering (finishing posts under way, giving
/// a PostgreSQL lease up), close the database.
public final class RemindApp: Sendable {
    /// What the app was built from.
    public let configuration: ServiceConfiguration
    /// The open store (the caller opened it; `stop()` closes it).
    public let store: ReminderStore
    /// What the HTTP handlers share.
    public let context: ServiceContext
    private let delivery: Delivery
    private let server: HTTPServer
    private let logger: Logger

    /// Builds every part for `configuration` on `store`. `configuration.servingProblems` must be empty.
    public init(
        configuration: ServiceConfiguration, store: ReminderStore, clock: any WallClock, logger: Logger, metrics: Metrics
    ) throws(ConfigurationError) {
        guard configuration.servingProblems.isEmpty, let mattermostURL = configuration.mattermostURL,
              let botToken = configuration.botToken else {
            throw ConfigurationError(problems: configuration.servingProblems)
        }
        let tuning = configuration.tuning
        // Two clients: answers to Mattermost must come within its ~3 s budget, so lookups made while
        // answering give up after `answerTimeout`; deliveries may wait longer and retry.
        let countFailure: @Sendable (String, String) -> Void = { endpoint, status in
            ServiceMetrics.recordMattermostFailure(metrics, endpoint: endpoint, status: status)
        }
        let client = MattermostClient(
            baseURL: mattermostURL, token: botToken, requestTimeout: tuning.answerTimeout,
            transport: configuration.transport, onFailure: countFailure)
        let directory = Directory(client: client, clock: clock, ttl: tuning.directoryTTL)
        let deliveryClient = MattermostClient(
            baseURL: mattermostURL, token: botToken, requestTimeout: tuning.deliveryTimeout,
            transport: configuration.transport, onFailure: countFailure)
        let deliveryDirectory = Directory(client: deliveryClient, clock: clock, ttl: tuning.directoryTTL)
        let renderer = ReminderPost(publicURL: configuration.publicURL)
        let installIdentity = InstallIdentity(store: store)
        let delivery = Delivery(configuration: configuration, store: store, metrics: metrics, logger: logger) { fence, gate in
            let deliverer = Deliverer(
                store: store, client: deliveryClient, directory: deliveryDirectory, renderer: renderer, clock: clock,
                metrics: metrics, logger: logger, maxConcurrent: tuning.delivererConcurrency,
                maxPostsPerSecond: configuration.maxPostsPerSecond, retryPolicy: tuning.retryPolicy,
                sinceListLimit: tuning.sinceListLimit, gate: gate, installIdentity: installIdentity,
                serverZone: configuration.serverZone)
            return Scheduler(store: store, deliverer: deliverer, clock: clock, metrics: metrics, logger: logger,
                             horizon: tuning.horizon, fence: fence)
        }
        var context = ServiceContext(
            store: store, client: client, directory: directory, signer: TokenSigner(store: store),
            clock: clock, publicURL: configuration.publicURL, serverZone: configuration.serverZone, metrics: metrics, logger: logger,
            reminderChanged: { delivery.reminderChanged($0) }, installIdentity: installIdentity)
        context.activeReminderLimit = tuning.activeReminderLimit
        let routes = RemindRoutes(context: context, commandTokens: configuration.commandTokens)
        var serverConfiguration = HTTPServer.Configuration(host: configuration.listenHost, port: configuration.listenPort)
        serverConfiguration.maxConnections = tuning.maxConnections
        server = HTTPServer(
            configuration: serverConfiguration, logger: RemindRoutes.requestLogger(logger: logger, metrics: metrics),
            router: routes.router)
        self.configuration = configuration
        self.store = store
        self.context = context
        self.delivery = delivery
        self.logger = logger
    }

    /// The scheduler of a single-node (SQLite) app, nil on PostgreSQL (where the lease holder's changes).
    var scheduler: Scheduler? {
        if case .single(let scheduler) = delivery { return scheduler }
        return nil
    }

    /// Why the app did not start.
    public enum StartFailure: Error, CustomStringConvertible {
        /// The schedule could not be loaded (SQLite: the database failed while recovering or loading).
        case schedule(any Error)
        /// The listening socket could not be opened.
        case listen(any Error)

        /// A sentence for the log.
        public var description: String {
            switch self {
            case .schedule(let error): "cannot load the schedule: \(error)"
            case .listen(let error): "cannot listen: \(error)"
            }
        }
    }

    /// Starts delivering (on SQLite: recovers unfinished deliveries and loads the schedule), then
    /// listening; returns the bound port. When listening fails, delivery is stopped again before the error.
    public func start() async throws(StartFailure) -> Int {
        do {
            try await delivery.start()
        } catch {
            throw .schedule(error)
        }
        do {
            return try server.start()
        } catch {
            await delivery.stop()
            throw .listen(error)
        }
    }

    /// Stops in reverse order: finishes requests in progress (up to `gracePeriod`), stops delivering after
    /// the posts under way, closes the database.
    public func stop(gracePeriod: Duration = .seconds(10)) async {
        await server.shutdown(gracePeriod: gracePeriod)
        await delivery.stop()
        // Every write was committed durably when it returned (synchronous=FULL on SQLite, a COMMIT on
        // PostgreSQL); SQLite's connections close as the store is released.
        store.close()
    }
}
