import Foundation
import RemindService
import RemindCore

/// A `remindd` subcommand: its name, a one-line summary for `--help`, and its entry point (arguments
/// after the name → exit status).
struct Subcommand: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([String]) -> Int32

    /// Every subcommand, in the order `remindd --help` lists them.
    static let all: [Subcommand] = [
        Subcommand(name: "serve", summary: "migrate the database, then serve until SIGTERM/SIGINT (the default)", run: ServeCommand.run),
        Subcommand(name: "migrate", summary: "apply pending database migrations and exit", run: MigrateCommand.run),
        Subcommand(name: "parse", summary: "parse the text after /remind and print what would be scheduled", run: ParseCommand.run),
        Subcommand(name: "setup", summary: "one-command install: bot, token, teams, /remind, env file; then check", run: SetupCommand.run),
        Subcommand(name: "register-command", summary: "create or update the /remind slash command and print its token", run: RegisterCommandCommand.run),
        Subcommand(name: "check", summary: "check configuration, database, Mattermost and the bot; print what is wrong", run: CheckCommand.run),
        Subcommand(name: "backup", summary: "online backup of the database, verified", run: BackupCommand.run),
        Subcommand(name: "export", summary: "write active reminders as JSON (for import) or iCalendar", run: ExportCommand.run),
        Subcommand(name: "import", summary: "add the reminders of a JSON export, skipping duplicates", run: ImportCommand.run),
        Subcommand(name: "version", summary: "print the version", run: VersionCommand.run),
        Subcommand(name: "help", summary: "show this help", run: { _ in print(usage); return 0 }),
    ]

    /// Exit status for bad usage (BSD sysexits `EX_USAGE`).
    static let usageError: Int32 = 64

    static var usage: String {
        let width = all.map(\.name.count).max() ?? 0
        let lines = all.map { "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
        return "usage: remindd <command> [options]\n\ncommands:\n" + lines.joined(separator: "\n")
            + "\n\nRun `remindd <command> --help` for a command's options."
    }

    static func dispatch(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first else { return ServeCommand.run([]) }
        if name == "--help" || name == "-h" {
            print(usage)
            return 0
        }
        guard let command = all.first(where: { $0.name == name }) else {
            ServiceRuntime.printError("remindd: unknown command '\(name)'\n" + usage)
            return usageError
        }
        return command.run(Array(arguments.dropFirst()))
    }
}

/// `remindd version`.
enum VersionCommand {
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print("usage: remindd version\n\nPrints the version of remindd.")
            return 0
        }
        guard arguments.isEmpty else {
            ServiceRuntime.printError("remindd version: unexpected argument '\(arguments[0])'")
            return Subcommand.usageError
        }
        print("remindd \(RemindVersion.current)")
        return 0
    }
}
