import Foundation
import HTTPServer
import Mattermost
import RemindStore

/// `remindd serve` and `remindd migrate`: the wiring of configuration, store, Mattermost client, directory,
/// deliverer, scheduler and HTTP server, and the graceful shutdown on SIGTERM/SIGINT.
public enum ServiceRuntime {
    /// Exit status for a missing or invalid configuration (BSD sysexits `EX_CONFIG`).
    public static let configurationError: Int32 = 78
    /// Exit status when the database or the listening socket cannot be opened (`EX_UNAVAILABLE`).
    public static let unavailable: Int32 = 69

    /// Serves until SIGTERM or SIGINT, then stops accepting, finishes requests in progress, stops the
    /// scheduler, finishes deliveries in progress (`drain`) and closes the database. Returns the process exit status.
    public static func serve(_ configuration: ServiceConfiguration) async -> Int32 {
        guard configuration.servingProblems.isEmpty, let mattermostURL = configuration.mattermostURL,
              let botToken = configuration.botToken else {
            printError(ConfigurationError(problems: configuration.servingProblems).description)
            return configurationError
        }
        let clock = SystemWallClock()
        let logger = Logger(format: configuration.logFormat, clock: clock)
        let metrics = Metrics()
        // Signals first, so a SIGTERM during start-up is honoured once serving.
        let signals = SignalWaiter()
        let openedStore: ReminderStore
        do {
            openedStore = try ReminderStore(path: configuration.databasePath)
        } catch {
            logger.log(.error, "cannot open the database", ["path": configuration.databasePath, "error": String(describing: error)])
            return unavailable
        }
        // Two clients: answers to Mattermost must come within its ~3 s budget, so lookups made while
        // answering give up after 2.5 s ("try again in a minute"); deliveries may wait longer and retry.
        let countFailure: @Sendable (String, String) -> Void = { endpoint, status in
            ServiceMetrics.recordMattermostFailure(metrics, endpoint: endpoint, status: status)
        }
        let client = MattermostClient(
            baseURL: mattermostURL, token: botToken, requestTimeout: .milliseconds(2_500), onFailure: countFailure)
        let directory = Directory(client: client, clock: clock)
        let deliveryClient = MattermostClient(baseURL: mattermostURL, token: botToken, onFailure: countFailure)
        let deliverer = Deliverer(
            store: openedStore, client: deliveryClient, directory: Directory(client: deliveryClient, clock: clock),
            renderer: ReminderPost(publicURL: configuration.publicURL), clock: clock, metrics: metrics, logger: logger,
            maxPostsPerSecond: configuration.maxPostsPerSecond)
        let scheduler = Scheduler(store: openedStore, deliverer: deliverer, clock: clock, metrics: metrics, logger: logger)
        let context = ServiceContext(
            store: openedStore, client: client, directory: directory, signer: TokenSigner(store: openedStore),
            clock: clock, publicURL: configuration.publicURL, serverZone: .current, metrics: metrics, logger: logger,
            reminderChanged: { scheduler.reminderChanged($0) })
        let routes = RemindRoutes(context: context, commandTokens: configuration.commandTokens)
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(host: configuration.listenHost, port: configuration.listenPort),
            logger: RemindRoutes.requestLogger(logger: logger, metrics: metrics), router: routes.router)
        do {
            try await scheduler.start()
        } catch {
            logger.log(.error, "cannot load the schedule", ["error": String(describing: error)])
            return unavailable
        }
        let port: Int
        do {
            port = try server.start()
        } catch {
            logger.log(.error, "cannot listen", [
                "address": "\(configuration.listenHost):\(configuration.listenPort)", "error": String(describing: error),
            ])
            await scheduler.stop()
            return unavailable
        }
        logger.log(.info, "listening", [
            "address": "\(configuration.listenHost):\(port)", "public_url": configuration.publicURL.absoluteString,
            "database": configuration.databasePath,
        ])
        Task { await checkBot(directory: directory, logger: logger) }

        let received = await signals.wait()
        logger.log(.info, "shutting down", ["signal": received == SIGTERM ? "SIGTERM" : "SIGINT"])
        await server.shutdown(gracePeriod: .seconds(10))
        await scheduler.stop()
        await deliverer.drain()
        // Every write was committed durably when it returned (synchronous=FULL); the connections close
        // as the store is released on return.
        logger.log(.info, "stopped")
        return 0
    }

    /// Applies pending migrations to the configured database and exits.
    public static func migrate(_ configuration: ServiceConfiguration) -> Int32 {
        do {
            let database = try Database(path: configuration.databasePath)
            let migrator = Migrator()
            let applied = try migrator.migrate(database)
            let version = try migrator.currentVersion(database)
            try database.close()
            print(applied.isEmpty
                ? "\(configuration.databasePath): up to date at schema version \(version)"
                : "\(configuration.databasePath): applied \(applied.joined(separator: ", ")); now at schema version \(version)")
            return 0
        } catch {
            printError("remindd migrate: \(error)")
            return unavailable
        }
    }

    /// Logs who the bot is, or why Mattermost could not tell (remindd keeps serving either way).
    private static func checkBot(directory: Directory, logger: Logger) async {
        do throws(MattermostError) {
            let bot = try await directory.botUser()
            logger.log(.info, "bot identity", ["username": bot.username, "is_bot": String(bot.isBot)])
        } catch {
            logger.log(.warning, "cannot read the bot account yet", ["error": error.description])
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
