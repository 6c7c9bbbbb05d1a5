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
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let configuration = try runtimeConfiguration(arguments, usage: usage)
            return runBlocking { await ServiceRuntime.serve(configuration) }
        }
    }
}

/// The configuration of `serve` and `migrate`, whose every argument is a configuration flag, after
/// answering `--help`; a problem is printed and ends the command with `EX_CONFIG` (78).
private func runtimeConfiguration(_ arguments: [String], usage: String) throws(CommandExit) -> ServiceConfiguration {
    if arguments.contains("--help") || arguments.contains("-h") {
        print(usage)
        throw CommandExit(status: 0)
    }
    do {
        return try ServiceConfiguration.load(environment: processEnvironment, arguments: arguments)
    } catch {
        ServiceRuntime.printError(error.description)
        throw CommandExit(status: ServiceRuntime.configurationError)
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
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            ServiceRuntime.migrate(try runtimeConfiguration(arguments, usage: usage))
        }
    }
}
