import Foundation
import RemindService
import RemindCore

/// `remindd parse [--now ISO8601] [--tz IANA] [--clock24] [--json] TEXT…` and `remindd parse --batch`
/// (ARCHITECTURE.md §6).
enum ParseCommand {
    static let usage = """
    usage: remindd parse [--now ISO8601] [--tz IANA] [--clock24] [--json] TEXT…
           remindd parse --batch

    Parses the text after /remind and prints what would be scheduled.
      --now ISO8601  the current time (default: now), e.g. 2026-11-23T10:00:00-05:00
      --tz IANA      the user's time zone (default: the system zone)
      --clock24      read hours 1-12 without am/pm the 24-hour way
      --json         print one JSON object (target, targets, message, timezone, first, recurrence, next;
                     nag and team when the phrase asks for them)
      --batch        read JSON lines {"text", "now", "tz", "clock24"} on stdin, write one result per line
    A phrase that cannot be understood exits with status 2 and the message a user would see.
    """

    /// Exit status for a refused phrase.
    static let refused: Int32 = 2

    struct Options {
        var now: String?
        var zone: String?
        var clock24 = false
        var json = false
        var batch = false
        var words: [String] = []
    }

    static func run(_ arguments: [String]) -> Int32 {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--help", "-h":
                print(usage)
                return 0
            case "--now", "--tz":
                guard index + 1 < arguments.count else { return usageError("\(argument) needs a value") }
                if argument == "--now" { options.now = arguments[index + 1] } else { options.zone = arguments[index + 1] }
                index += 1
            case "--clock24": options.clock24 = true
            case "--json": options.json = true
            case "--batch": options.batch = true
            case "--":
                options.words += arguments[(index + 1)...]
                index = arguments.count
            default:
                if argument.hasPrefix("--") { return usageError("unknown option \(argument)") }
                options.words.append(argument)
            }
            index += 1
        }
        if options.batch {
            guard options.words.isEmpty else { return usageError("--batch reads the phrases from stdin") }
            runBatch(options)
            return 0
        }
        guard let zone = zone(options.zone) else { return usageError("unknown time zone '\(options.zone ?? "")'") }
        guard let now = now(options.now, zone: zone) else { return usageError("--now needs an ISO 8601 time, e.g. 2026-11-23T10:00:00-05:00") }
        let result = ReminderPhrase.read(options.words.joined(separator: " "), now: now, timeZone: zone, clock24: options.clock24)
        if options.json {
            print(ParseReport.json(for: result))
        } else if case .success(let phrase) = result {
            print(ParseReport.summary(for: phrase, clock24: options.clock24))
        }
        if case .failure(let refusal) = result {
            if !options.json { ServiceRuntime.printError(refusal.message) }
            return refused
        }
        return 0
    }

    /// One JSON result per input line, same order; a bad line gets an `error` object.
    private static func runBatch(_ options: Options) {
        var output = ""
        while let line = readLine(strippingNewline: true) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            output += batchResult(line, defaults: options) + "\n"
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    private static func batchResult(_ line: String, defaults: Options) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let text = object["text"] as? String
        else { return "{\"error\":\"not a JSON object with a text\"}" }
        guard let zone = zone(object["tz"] as? String ?? defaults.zone) else { return "{\"error\":\"unknown time zone\"}" }
        guard let now = now(object["now"] as? String ?? defaults.now, zone: zone) else { return "{\"error\":\"bad now\"}" }
        let clock24 = object["clock24"] as? Bool ?? defaults.clock24
        return ParseReport.json(for: ReminderPhrase.read(text, now: now, timeZone: zone, clock24: clock24))
    }

    private static func zone(_ name: String?) -> TimeZone? {
        guard let name else { return TimeZone.current }
        return TimeZone(identifier: name)
    }

    private static func now(_ text: String?, zone: TimeZone) -> Date? {
        guard let text else { return Date() }
        return ISOTimestamp.parse(text, zone: zone)
    }

    private static func usageError(_ message: String) -> Int32 {
        ServiceRuntime.printError("remindd parse: \(message)\n\n\(usage)")
        return Subcommand.usageError
    }
}
