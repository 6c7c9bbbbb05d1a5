import Foundation
import Mattermost
import RemindStore

/// Everything `remindd serve` needs, read from `REMIND_*` environment variables and overridden by flags
/// of the same name in kebab case (`REMIND_PUBLIC_URL` ↔ `--public-url`), as ARCHITECTURE.md §6 says.
public struct ServiceConfiguration: Sendable, Equatable {
    /// Output format of the log lines.
    public enum LogFormat: String, Sendable {
        case text, json
    }

    public var listenHost: String
    public var listenPort: Int
    public var databasePath: String
    public var mattermostURL: URL?
    public var botToken: String?
    public var commandTokens: [String]
    public var publicURL: URL
    public var logFormat: LogFormat
    public var maxPostsPerSecond: Double?
    /// The PostgreSQL password read from `REMIND_DATABASE_PASSWORD_FILE` (overrides one in the URL).
    public var databasePassword: String?
    /// This node's name in the delivery lease (`REMIND_NODE_ID`; default host name and process id).
    public var nodeID: String = ServiceConfiguration.defaultNodeID
    /// How long a delivery lease lasts unless renewed (`REMIND_LEASE_SECONDS`, PostgreSQL only).
    public var leaseSeconds: Double = 3
    /// The zone for people whose Mattermost profile has none: the process's (`TZ`, or the system's).
    public var serverZone = TimeZone.current
    /// The knobs below the environment variables, with production defaults.
    public var tuning = Tuning()

    /// Tuning of the service's parts; the defaults are what `remindd serve` runs with.
    public struct Tuning: Sendable, Equatable {
        /// Seconds ahead the scheduler keeps in its timer wheel (reloaded every quarter of it).
        public var horizon: TimeInterval = 120
        /// Posts to Mattermost in flight at once (on top of its rate-limit headers).
        public var delivererConcurrency = 8
        /// Seconds Mattermost look-ups (users, channels, memberships, clock styles) stay cached.
        public var directoryTTL: TimeInterval = 60
        /// Active reminders one person may have created at once.
        public var activeReminderLimit = 1_000
        /// How long a look-up made while answering Mattermost may take (it allows about 3 s in all).
        public var answerTimeout: Duration = .milliseconds(2_500)
        /// Open HTTP connections at most (a share of them per peer address, see `HTTPServer.Configuration`).
        public var maxConnections = 1_024
        /// How long one delivery request to Mattermost may take before it counts as failed (and is retried).
        public var deliveryTimeout: Duration = .seconds(10)
        /// When a failed delivery is tried again (tests shorten it).
        var retryPolicy = RetryPolicy.standard
        /// The length at which a `since` answer counts as possibly cut by the server (tests lower it).
        var sinceListLimit = Deliverer.serverSinceListLimit

        /// The defaults.
        public init() {}
    }

    /// A team or system admin's token for `remindd register-command` (which falls back to the bot
    /// token); never used to serve.
    public var adminToken: String?

    /// Proxies and trusted certificates for the calls to Mattermost (`http_proxy`, `HTTPS_PROXY`,
    /// `NO_PROXY`, `REMIND_MATTERMOST_CA_FILE`).
    public var transport = HTTPTransportOptions()

    /// The variables a configuration is read from, with their defaults (for `--help` and the docs).
    public static let variables: [(name: String, defaultValue: String, meaning: String)] = [
        ("REMIND_LISTEN", "127.0.0.1:8066", "address:port to serve on"),
        ("REMIND_DATABASE", "remind.sqlite", "SQLite file path, or postgresql://user@host:5432/db?sslmode=… for several nodes"),
        ("REMIND_DATABASE_PASSWORD_FILE", "none", "file holding the PostgreSQL password (kept out of the URL)"),
        ("REMIND_NODE_ID", "host name-pid", "this node's name in the PostgreSQL delivery lease"),
        ("REMIND_LEASE_SECONDS", "3", "PostgreSQL: how long the delivering node's lease lasts unless renewed (1–60)"),
        ("REMIND_MATTERMOST_URL", "(required for serve)", "base URL of the Mattermost server"),
        ("REMIND_BOT_TOKEN", "(required for serve)", "bot access token (or REMIND_BOT_TOKEN_FILE: a file holding it)"),
        ("REMIND_COMMAND_TOKENS", "(required for serve)", "comma-separated slash-command tokens accepted"),
        ("REMIND_PUBLIC_URL", "http:// + REMIND_LISTEN", "base URL Mattermost uses to reach remindd (button callbacks)"),
        ("REMIND_LOG_FORMAT", "text", "text or json"),
        ("REMIND_MAX_POSTS_PER_SECOND", "none", "optional cap on posts to Mattermost"),
        ("REMIND_ADMIN_TOKEN", "(bot token)", "team/system admin token for register-command (may manage slash commands)"),
        ("REMIND_MATTERMOST_CA_FILE", "system store", "PEM bundle trusted for Mattermost's certificate instead of the system store"),
    ]

    /// Reads the configuration. `arguments` are the command's flags (`--listen 0.0.0.0:9000`,
    /// `--listen=…`); every problem found is reported at once in the thrown error.
    public static func load(environment: [String: String], arguments: [String] = []) throws(ConfigurationError) -> ServiceConfiguration {
        var problems: [String] = []
        var values = environment.filter { $0.key.hasPrefix("REMIND_") }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                problems.append("unexpected argument “\(argument)”")
                index += 1
                continue
            }
            var flag = String(argument.dropFirst(2))
            var value: String?
            if let equals = flag.firstIndex(of: "=") {
                value = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            } else if index + 1 < arguments.count {
                index += 1
                value = arguments[index]
            }
            let name = "REMIND_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
            if variables.contains(where: { $0.name == name }) || name == "REMIND_BOT_TOKEN_FILE", let value {
                values[name] = value
            } else {
                problems.append("unknown flag --\(flag)")
            }
            index += 1
        }

        let listen = values["REMIND_LISTEN"] ?? "127.0.0.1:8066"
        let (host, port) = parseListen(listen) ?? ("", 0)
        if port == 0 { problems.append("REMIND_LISTEN must be address:port, e.g. 127.0.0.1:8066 (got “\(listen)”)") }

        var mattermostURL: URL?
        if let raw = values["REMIND_MATTERMOST_URL"], !raw.isEmpty {
            mattermostURL = httpURL(raw)
            if mattermostURL == nil { problems.append("REMIND_MATTERMOST_URL must be an http(s) URL (got “\(raw)”)") }
        }

        var botToken = values["REMIND_BOT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if botToken == nil, let file = values["REMIND_BOT_TOKEN_FILE"], !file.isEmpty {
            if let contents = try? String(contentsOfFile: file, encoding: .utf8) {
                botToken = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                problems.append("REMIND_BOT_TOKEN_FILE: cannot read \(file)")
            }
        }

        let tokens = (values["REMIND_COMMAND_TOKENS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }

        let publicRaw = values["REMIND_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://\(listen)"
        let publicURL = httpURL(publicRaw.hasSuffix("/") ? String(publicRaw.dropLast()) : publicRaw)
        if publicURL == nil { problems.append("REMIND_PUBLIC_URL must be an http(s) URL (got “\(publicRaw)”)") }

        let formatRaw = values["REMIND_LOG_FORMAT"] ?? "text"
        let logFormat = LogFormat(rawValue: formatRaw.lowercased())
        if logFormat == nil { problems.append("REMIND_LOG_FORMAT must be text or json (got “\(formatRaw)”)") }

        var cap: Double?
        if let raw = values["REMIND_MAX_POSTS_PER_SECOND"], !raw.isEmpty, raw.lowercased() != "none" {
            cap = Double(raw)
            if cap == nil || cap! <= 0 { problems.append("REMIND_MAX_POSTS_PER_SECOND must be a positive number (got “\(raw)”)") }
        }

        // Proxies are the standard variables (http_proxy, HTTPS_PROXY, NO_PROXY…), read from the whole environment.
        var transport = HTTPTransportOptions(environment: environment)
        transport.caFile = values["REMIND_MATTERMOST_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let caFile = transport.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            problems.append("REMIND_MATTERMOST_CA_FILE: cannot read “\(caFile)”")
        }

        var password: String?
        if let file = values["REMIND_DATABASE_PASSWORD_FILE"], !file.isEmpty {
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                password = text.trimmingCharacters(in: .newlines)
            } else {
                problems.append("REMIND_DATABASE_PASSWORD_FILE: cannot read “\(file)”")
            }
        }
        var lease = 3.0
        if let raw = values["REMIND_LEASE_SECONDS"], !raw.isEmpty {
            if let seconds = Double(raw), (1...60).contains(seconds) {
                lease = seconds
            } else {
                problems.append("REMIND_LEASE_SECONDS must be a number of seconds from 1 to 60 (got “\(raw)”)")
            }
        }

        guard problems.isEmpty, let publicURL, let logFormat else { throw ConfigurationError(problems: problems) }
        var configuration = ServiceConfiguration(
            listenHost: host, listenPort: port, databasePath: values["REMIND_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "remind.sqlite",
            mattermostURL: mattermostURL, botToken: botToken, commandTokens: tokens, publicURL: publicURL,
            logFormat: logFormat, maxPostsPerSecond: cap)
        configuration.adminToken = values["REMIND_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.databasePassword = password
        configuration.transport = transport
        configuration.leaseSeconds = lease
        if let node = values["REMIND_NODE_ID"], !node.isEmpty { configuration.nodeID = node }
        return configuration
    }

    /// The host name and process id: unique per running process on a cluster of hosts.
    public static var defaultNodeID: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The PostgreSQL settings (with the password file's password) when `REMIND_DATABASE` is a
    /// `postgresql://` or `postgres://` URL; nil for a SQLite path.
    public var postgresSettings: PostgresSettings? { PostgresSettings(url: databasePath, password: databasePassword) }

    /// `REMIND_DATABASE` for logs and reports: the SQLite path, or the URL with any password redacted.
    public var databaseDisplayName: String { postgresSettings?.redacted ?? databasePath }

    /// Opens the configured store: SQLite at a path, PostgreSQL for a `postgresql://` URL.
    public func openStore() throws -> ReminderStore {
        try ReminderStore(location: databasePath, password: databasePassword)
    }

    /// The problems that stop `serve` (which, unlike `parse` or `migrate`, needs Mattermost).
    public var servingProblems: [String] {
        var problems: [String] = []
        if mattermostURL == nil { problems.append("REMIND_MATTERMOST_URL is required, e.g. https://chat.example.com") }
        if botToken == nil { problems.append("REMIND_BOT_TOKEN (or REMIND_BOT_TOKEN_FILE) is required: the bot account's access token") }
        if commandTokens.isEmpty { problems.append("REMIND_COMMAND_TOKENS is required: the token Mattermost shows for the /remind slash command") }
        return problems
    }

    private static func parseListen(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65_535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    private static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else { return nil }
        return url
    }
}

/// Why a configuration could not be used: every problem, each a sentence an admin can act on.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public var description: String {
        "configuration problems:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
