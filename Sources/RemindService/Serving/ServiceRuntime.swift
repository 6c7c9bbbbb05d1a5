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
            openedStore = try configuration.openStore()
        } catch {
            logger.log(.error, "cannot open the database", ["database": redactedDatabase(configuration), "error": String(describing: error)])
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
        let deliveryDirectory = Directory(client: deliveryClient, clock: clock)
        let makeScheduler: @Sendable (LeaseFence?, DeliveryGate?) -> Scheduler = { fence, gate in
            let deliverer = Deliverer(
                store: openedStore, client: deliveryClient, directory: deliveryDirectory,
                renderer: ReminderPost(publicURL: configuration.publicURL), clock: clock, metrics: metrics, logger: logger,
                maxPostsPerSecond: configuration.maxPostsPerSecond, gate: gate)
            return Scheduler(store: openedStore, deliverer: deliverer, clock: clock, metrics: metrics, logger: logger, fence: fence)
        }
        let delivery = Delivery(configuration: configuration, store: openedStore, metrics: metrics, logger: logger,
                                makeScheduler: makeScheduler)
        let context = ServiceContext(
            store: openedStore, client: client, directory: directory, signer: TokenSigner(store: openedStore),
            clock: clock, publicURL: configuration.publicURL, serverZone: .current, metrics: metrics, logger: logger,
            reminderChanged: { delivery.reminderChanged($0) })
        let routes = RemindRoutes(context: context, commandTokens: configuration.commandTokens)
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(host: configuration.listenHost, port: configuration.listenPort),
            logger: RemindRoutes.requestLogger(logger: logger, metrics: metrics), router: routes.router)
        do {
            try await delivery.start()
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
            await delivery.stop()
            return unavailable
        }
        logger.log(.info, "listening", [
            "address": "\(configuration.listenHost):\(port)", "public_url": configuration.publicURL.absoluteString,
            "database": redactedDatabase(configuration),
        ])
        Task { await checkBot(directory: directory, logger: logger) }

        let received = await signals.wait()
        logger.log(.info, "shutting down", ["signal": received == SIGTERM ? "SIGTERM" : "SIGINT"])
        await server.shutdown(gracePeriod: .seconds(10))
        await delivery.stop()
        // Every write was committed durably when it returned (synchronous=FULL on SQLite, a COMMIT on
        // PostgreSQL); SQLite's connections close as the store is released on return.
        openedStore.close()
        logger.log(.info, "stopped")
        return 0
    }

    /// Applies pending migrations to the configured database and exits.
    public static func migrate(_ configuration: ServiceConfiguration) -> Int32 {
        let name = redactedDatabase(configuration)
        do {
            let connection: any SQLConnection
            let migrator: Migrator
            if let settings = PostgresSettings(url: configuration.databasePath, password: configuration.databasePassword) {
                connection = try PostgresConnection(settings: settings)
                migrator = Migrator(migrations: Migration.embeddedPostgreSQL)
            } else {
                connection = try Database(path: configuration.databasePath)
                migrator = Migrator()
            }
            let applied = try migrator.migrate(connection)
            let version = try migrator.currentVersion(connection)
            print(applied.isEmpty
                ? "\(name): up to date at schema version \(version)"
                : "\(name): applied \(applied.joined(separator: ", ")); now at schema version \(version)")
            return 0
        } catch {
            printError("remindd migrate: \(error)")
            return unavailable
        }
    }

    /// The database for log lines: a SQLite path, or the PostgreSQL URL without its password.
    static func redactedDatabase(_ configuration: ServiceConfiguration) -> String {
        PostgresSettings(url: configuration.databasePath)?.redacted ?? configuration.databasePath
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
