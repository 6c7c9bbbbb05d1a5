import Foundation
import RemindService

/// `remindd setup --mattermost-url URL --admin-token T --team NAME[,NAME…] --public-url URL [--write-env PATH]
/// [--allow-internal] [--print-secrets]` (ARCHITECTURE.md §7).
enum SetupCommand {
    static let usage = """
    usage: remindd setup --mattermost-url URL --admin-token TOKEN --team NAME[,NAME…] --public-url URL
                         [--write-env PATH] [--allow-internal] [--print-secrets]
                         [--bot-username NAME] [--trigger WORD] [configuration flags]

    Sets remindd up on a Mattermost server with a system admin's personal access token: creates (or
    reuses) the bot account, adds it to the teams, creates its access token, registers (or updates)
    /remind in each team with autocomplete, checks that Mattermost reaches --public-url, writes the env
    file, and ends with what `remindd check` says. Running it again changes nothing and says so.
      --mattermost-url URL  Mattermost's base URL (or REMIND_MATTERMOST_URL)
      --admin-token TOKEN   a system admin's personal access token (or REMIND_ADMIN_TOKEN, which keeps it
                            out of the process list); never written anywhere
      --team NAME[,NAME…]   team URL names; repeatable
      --public-url URL      where Mattermost reaches remindd (REMIND_PUBLIC_URL), e.g. https://chat.example.com/remind
      --write-env PATH      write the env file (mode 0640) and the bot token beside it in bot-token (0600);
                            without it the env file is printed with its secrets hidden and no token is created
      --allow-internal      add --public-url's host to Mattermost's AllowedUntrustedInternalConnections
                            (keeping the entries there) when it is a loopback or private address
      --print-secrets       also print the bot token and the command tokens
      --bot-username NAME   the bot's username (default: \(RemindSetup.defaultBotUsername))
      --trigger WORD        the slash command's trigger (default: remind)
    Other configuration flags (--database PATH, --listen ADDR:PORT, …) are written to the env file too;
    --bot-token-file PATH keeps the bot token there instead of beside the env file.
    Run as root, setup gives the token file to the user remindd and the env file to its group.
    Exits 1 when a step or a check failed.
    """

    private static let ownValues: Set<String> = [
        "--mattermost-url", "--admin-token", "--team", "--public-url", "--write-env", "--bot-username", "--trigger",
    ]

    static func run(_ arguments: [String]) -> Int32 {
        CommandExit.catching { () throws(CommandExit) -> Int32 in
            let parsed = try CommandArguments.forCommand(
                "setup", arguments, usage: usage, valueOptions: ownValues, flagOptions: ["--allow-internal", "--print-secrets"])
            guard parsed.positionals.isEmpty else {
                throw CommandExit.usage("setup", "unexpected argument \(parsed.positionals[0])", usage: usage)
            }
            let options = try options(parsed)
            return runBlocking {
                let result = await RemindSetup(options: options).run()
                print(result.rendered, terminator: "")
                return result.exitStatus
            }
        }
    }

    private static func options(_ parsed: CommandArguments) throws(CommandExit) -> RemindSetup.Options {
        let environment = processEnvironment
        func required(_ flag: String, _ variable: String, example: String) throws(CommandExit) -> String {
            guard let value = parsed.value(flag) ?? environment[variable], !value.isEmpty else {
                throw CommandExit.usage("setup", "\(flag) is required, e.g. \(flag) \(example)", usage: usage)
            }
            return value
        }
        func httpURL(_ flag: String, _ text: String) throws(CommandExit) -> URL {
            var text = text
            while text.hasSuffix("/") { text.removeLast() }
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw CommandExit.usage("setup", "\(flag) must be an http(s) URL, e.g. \(flag) https://chat.example.com (got “\(text)”)", usage: usage)
            }
            return url
        }
        let mattermostURL = try httpURL("--mattermost-url", try required("--mattermost-url", "REMIND_MATTERMOST_URL", example: "https://chat.example.com"))
        let adminToken = try required("--admin-token", "REMIND_ADMIN_TOKEN", example: "<a system admin's personal access token>")
        let publicURL = try httpURL("--public-url", try required("--public-url", "REMIND_PUBLIC_URL", example: "https://chat.example.com/remind"))
        let teams = (parsed.values["--team"] ?? []).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !teams.isEmpty else {
            throw CommandExit.usage("setup", "--team is required: the URL name of each team, e.g. --team acme,support", usage: usage)
        }
        var options = RemindSetup.Options(mattermostURL: mattermostURL, adminToken: adminToken, teams: teams, publicURL: publicURL)
        options.environmentFilePath = parsed.value("--write-env")
        options.allowInternal = parsed.flags.contains("--allow-internal")
        options.printSecrets = parsed.flags.contains("--print-secrets")
        if let name = parsed.value("--bot-username") { options.botUsername = name.lowercased() }
        if let trigger = parsed.value("--trigger") { options.trigger = trigger }
        options.extraSettings = try extraSettings(parsed.configuration)
        return options
    }

    /// The configuration flags as env settings, validated like `serve` reads them.
    private static func extraSettings(_ flags: [String]) throws(CommandExit) -> [(name: String, value: String)] {
        do {
            _ = try ServiceConfiguration.load(environment: [:], arguments: flags)
        } catch {
            throw CommandExit.usage("setup", error.problems.joined(separator: "; "), usage: usage)
        }
        var settings: [(name: String, value: String)] = []
        var index = 0
        while index < flags.count {
            var flag = String(flags[index].dropFirst(2))
            var value = ""
            if let equals = flag.firstIndex(of: "=") {
                value = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            } else if index + 1 < flags.count {
                index += 1
                value = flags[index]
            }
            let name = "REMIND_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
            if ["REMIND_BOT_TOKEN", "REMIND_COMMAND_TOKENS"].contains(name) {
                throw CommandExit.usage(
                    "setup", "--\(flag) is made by setup itself; to keep the bot token in a file of your choice, give --bot-token-file PATH",
                    usage: usage)
            }
            settings.append((name, value))
            index += 1
        }
        return settings
    }
}
