import Foundation
import RemindService

/// `remindd serve [--listen …] [--database …] …` (also `remindd` alone) and `remindd migrate`.
enum ServeCommand {
    static var usage: String {
        let width = ServiceConfiguration.variables.map(\.name.count).max() ?? 0
        let lines = ServiceConfiguration.variables.map { variable in
            let flag = "--" + variable.name.dropFirst("REMIND_".count).lowercased().replacingOccurrences(of: "_", with: "-")
            return "  " + variable.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + "\(flag)  \(variable.meaning) (default: \(variable.defaultValue))"
        }
        return """
        usage: remindd serve [--listen ADDR:PORT] [--database PATH] [--mattermost-url URL] [--bot-token-file PATH]
                             [--command-tokens T1,T2] [--public-url URL] [--log-format text|json]
                             [--max-posts-per-second N]

        Migrates the database, then serves /command, /action, /dialog, /healthz and /metrics until SIGTERM or
        SIGINT (graceful: stops accepting, finishes requests and deliveries in progress). `remindd` with no
        command does the same. Configuration comes from the environment; flags of the same name override it:
        \(lines.joined(separator: "\n"))
        A missing or invalid setting is reported on stderr with exit status 78.
        """
    }

    static func run(_ arguments: [String]) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return 0
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.load(environment: ProcessInfo.processInfo.environment, arguments: arguments)
        } catch {
            printError(error.description)
            return ServiceRuntime.configurationError
        }
        return runBlocking { await ServiceRuntime.serve(configuration) }
    }
}

/// `remindd migrate`: apply pending migrations and exit.
enum MigrateCommand {
    static let usage = """
    usage: remindd migrate [--database PATH]

    Applies the pending schema migrations to the database (REMIND_DATABASE, default remind.sqlite) and exits.
    `remindd serve` does the same before serving.
    """

    static func run(_ arguments: [String]) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return 0
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.load(environment: ProcessInfo.processInfo.environment, arguments: arguments)
        } catch {
            printError(error.description)
            return ServiceRuntime.configurationError
        }
        return ServiceRuntime.migrate(configuration)
    }
}
