import Foundation
import RemindService
import Synchronization

/// A subcommand's arguments split into its own options, its positional arguments, and everything
/// else (`--database x`, `--mattermost-url=…`), which goes to `ServiceConfiguration.load`.
struct CommandArguments {
    /// Values of the command's own options, in order (`--team a --team b` → ["a", "b"]).
    var values: [String: [String]] = [:]
    /// The command's own flags that were given (`--force`).
    var flags: Set<String> = []
    var positionals: [String] = []
    /// Configuration flags, passed on as given.
    var configuration: [String] = []

    /// Splits `arguments`. `valueOptions` and `flagOptions` are the command's own (with `--`);
    /// any other `--name` takes the next argument as its value unless written `--name=value`.
    init(_ arguments: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("--") else {
                positionals.append(argument)
                continue
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            let inlineValue = argument.contains("=") ? String(argument.drop { $0 != "=" }.dropFirst()) : nil
            if flagOptions.contains(name) {
                flags.insert(name)
            } else if valueOptions.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value") }
                    values[name, default: []].append(arguments[index])
                    index += 1
                }
            } else {
                configuration.append(argument)
                if inlineValue == nil, index < arguments.count {
                    configuration.append(arguments[index])
                    index += 1
                }
            }
        }
    }

    /// The last value of an option.
    func value(_ name: String) -> String? { values[name]?.last }
}

/// Bad usage of a subcommand (exit status 64).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The process environment.
var processEnvironment: [String: String] { ProcessInfo.processInfo.environment }

/// Runs async work from a synchronous subcommand entry point and returns its exit status. The
/// calling (main) thread waits on a semaphore while the work runs on the cooperative pool.
func runBlocking(_ body: @escaping @Sendable () async -> Int32) -> Int32 {
    final class Outcome: Sendable {
        let status = Mutex<Int32>(1)
    }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        let status = await body()
        outcome.status.withLock { $0 = status }
        done.signal()
    }
    done.wait()
    return outcome.status.withLock { $0 }
}

/// How a subcommand ends before doing its work: `--help` printed, bad usage, or a configuration problem
/// (already reported on the terminal); `status` is the exit status.
struct CommandExit: Error {
    let status: Int32

    /// Bad usage: prints `message` and the usage text (exit status 64).
    static func usage(_ command: String, _ message: String, usage: String) -> CommandExit {
        CommandExit(status: usageFailure(command, message, usage: usage))
    }

    /// Runs a subcommand body, turning an early exit into its status.
    static func catching(_ body: () throws(CommandExit) -> Int32) -> Int32 {
        do {
            return try body()
        } catch {
            return error.status
        }
    }
}

extension CommandArguments {
    /// The arguments of `command`, after answering `--help` (usage and the configuration variables)
    /// and refusing unknown usage.
    static func forCommand(
        _ command: String, _ arguments: [String], usage: String,
        valueOptions: Set<String> = [], flagOptions: Set<String> = []
    ) throws(CommandExit) -> CommandArguments {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage + "\n\n" + configurationHelp)
            throw CommandExit(status: 0)
        }
        do {
            return try CommandArguments(arguments, valueOptions: valueOptions, flagOptions: flagOptions)
        } catch {
            throw CommandExit.usage(command, error.message, usage: usage)
        }
    }

    /// The configuration from the environment and these arguments' configuration flags; a problem is
    /// printed and ends `command` with status 1.
    func serviceConfiguration(for command: String) throws(CommandExit) -> ServiceConfiguration {
        do {
            return try ServiceConfiguration.load(environment: processEnvironment, arguments: configuration)
        } catch {
            ServiceRuntime.printError("remindd \(command): \(error)")
            throw CommandExit(status: 1)
        }
    }
}

/// Prints a usage error for `command` and returns the usage exit status.
func usageFailure(_ command: String, _ message: String, usage: String) -> Int32 {
    ServiceRuntime.printError("remindd \(command): \(message)\n\n\(usage)")
    return Subcommand.usageError
}

/// Text for `--help`: the configuration variables every command reads.
let configurationHelp: String = {
    let width = ServiceConfiguration.variables.map(\.name.count).max() ?? 0
    return "Configuration (environment variables, or flags of the same name in kebab case, e.g. --database):\n"
        + ServiceConfiguration.variables.map {
            "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.meaning + " (default: \($0.defaultValue))"
        }.joined(separator: "\n")
}()
