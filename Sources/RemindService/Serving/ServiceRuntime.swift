import Foundation
import HTTPServer
import Mattermost
import RemindStore

/// `remindd serve` and `remindd migrate`: the process around a `RemindApp` (logging, signals, exit
/// statuses) and the graceful shutdown on SIGTERM/SIGINT.
public enum ServiceRuntime {
    /// Exit status for a missing or invalid configuration (BSD sysexits `EX_CONFIG`).
    public static let configurationError: Int32 = 78
    /// Exit status when the database or the listening socket cannot be opened (`EX_UNAVAILABLE`).
    public static let unavailable: Int32 = 69

    /// Serves until SIGTERM or SIGINT, then stops accepting, finishes requests in progress, stops the
    /// scheduler, finishes deliveries in progress (`drain`) and closes the database. Returns the process exit status.
    public static func serve(_ configuration: ServiceConfiguration) async -> Int32 {
        guard configuration.servingProblems.isEmpty else {
            printError(ConfigurationError(problems: configuration.servingProblems).description)
            return configurationError
        }
        ProcessTuning.apply()
        let clock = SystemWallClock()
        let logger = Logger(format: configuration.logFormat, clock: clock)
        let metrics = Metrics()
        // Signals first, so a SIGTERM during start-up is honoured once serving.
        let signals = SignalWaiter()
        let openedStore: ReminderStore
        do {
            openedStore = try configuration.openStore()
        } catch {
            logger.log(.error, "cannot open the database", ["database": configuration.databaseDisplayName, "error": String(describing: error)])
            return unavailable
        }
        let app: RemindApp
        do {
            app = try RemindApp(configuration: configuration, store: openedStore, clock: clock, logger: logger, metrics: metrics)
        } catch {
            printError(error.description)
            return configurationError
        }
        let port: Int
        do {
            port = try await app.start()
        } catch {
            logger.log(.error, error.description, ["address": "\(configuration.listenHost):\(configuration.listenPort)"])
            return unavailable
        }
        logger.log(.info, "listening", [
            "address": "\(configuration.listenHost):\(port)", "public_url": configuration.publicURL.absoluteString,
            "database": configuration.databaseDisplayName,
        ])
        Task { await checkBot(directory: app.context.directory, logger: logger) }

        let received = await signals.wait()
        logger.log(.info, "shutting down", ["signal": received == SIGTERM ? "SIGTERM" : "SIGINT"])
        await app.stop()
        logger.log(.info, "stopped")
        return 0
    }

    /// Applies pending migrations to the configured database and exits.
    public static func migrate(_ configuration: ServiceConfiguration) -> Int32 {
        let name = configuration.databaseDisplayName
        do {
            let connection: any SQLConnection
            let migrator: Migrator
            if let settings = configuration.postgresSettings {
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

    /// Logs who the bot is, or why Mattermost could not tell (remindd keeps serving either way).
    private static func checkBot(directory: Directory, logger: Logger) async {
        do throws(MattermostError) {
            let bot = try await directory.botUser()
            logger.log(.info, "bot identity", ["username": bot.username, "is_bot": String(bot.isBot)])
        } catch {
            logger.log(.warning, "cannot read the bot account yet", ["error": error.description])
        }
    }

    /// Writes a line to standard error (every `remindd` command's error output).
    public static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
