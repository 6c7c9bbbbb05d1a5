import Foundation
import RemindService
import RemindStore

/// `remindd export [--format json|ics] [--user ID] [PATH|-]`.
enum ExportCommand {
    static let usage = """
    usage: remindd export [--format json|ics] [--user ID] [PATH|-] [configuration flags]

    Writes every active reminder to PATH (default: standard output).
      --format json   everything needed to recreate them elsewhere with `remindd import` (default)
      --format ics    an iCalendar file (one event per reminder, RRULE for recurring ones) for calendars
      --user ID       only the reminders a Mattermost user (by id) created or receives
    """

    static func run(_ arguments: [String]) -> Int32 {
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let parsed = try CommandArguments.forCommand("export", arguments, usage: usage, valueOptions: ["--format", "--user"])
            guard let format = ReminderTransfer.Format(rawValue: parsed.value("--format") ?? "json") else {
                throw CommandExit.usage("export", "--format must be json or ics", usage: usage)
            }
            guard parsed.positionals.count <= 1 else {
                throw CommandExit.usage("export", "give at most one PATH", usage: usage)
            }
            let destination = parsed.positionals.first.flatMap { $0 == "-" ? nil : $0 }
            let configuration = try parsed.serviceConfiguration(for: "export")
            guard configuration.postgresSettings != nil || FileManager.default.fileExists(atPath: configuration.databasePath) else {
                ServiceRuntime.printError("remindd export: no database at \(configuration.databasePath) (check REMIND_DATABASE)")
                return 1
            }
            let user = parsed.value("--user")
            return runBlocking {
                do {
                    let store = try configuration.openStore()
                    let data = try await ReminderTransfer.export(from: store, format: format, userID: user, now: Date())
                    if let destination {
                        try data.write(to: URL(fileURLWithPath: destination), options: .atomic)
                        ServiceRuntime.printError("wrote \(destination) (\(format.rawValue), \(data.count) bytes)")
                    } else {
                        FileHandle.standardOutput.write(data)
                    }
                    return 0
                } catch {
                    ServiceRuntime.printError("remindd export: \(error)")
                    return 1
                }
            }
        }
    }
}

/// `remindd import FILE`.
enum ImportCommand {
    static let usage = """
    usage: remindd import FILE [configuration flags]

    Adds the reminders of a JSON file written by `remindd export` to the database (REMIND_DATABASE,
    created and migrated if needed), keeping their schedules, snoozes and counts. A reminder
    identical to one already stored (same creator, team, target, message, phrase, zone, rule,
    recurrence start and creation time) is skipped, so importing a file twice adds nothing. A
    malformed file imports nothing. Reminders get new ids.
    """

    static func run(_ arguments: [String]) -> Int32 {
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let parsed = try CommandArguments.forCommand("import", arguments, usage: usage)
            guard parsed.positionals.count == 1, let file = parsed.positionals.first else {
                throw CommandExit.usage("import", "give exactly one FILE", usage: usage)
            }
            let configuration = try parsed.serviceConfiguration(for: "import")
            return runBlocking {
                do {
                    let data = try Data(contentsOf: URL(fileURLWithPath: file))
                    let store = try configuration.openStore()
                    let summary = try await ReminderTransfer.importArchive(data, into: store)
                    print("✔ \(summary.description)")
                    return 0
                } catch {
                    ServiceRuntime.printError("✘ remindd import: \(error)")
                    return 1
                }
            }
        }
    }
}
