import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mattermost

/// Mattermost reaching remindd (`AllowedUntrustedInternalConnections`, a real command round trip) and the
/// env file.
extension SetupRun {
    private var publicHost: String {
        let host = options.publicURL.host ?? ""
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// For an internal public URL: with `--allow-internal`, adds its host to
    /// `ServiceSettings.AllowedUntrustedInternalConnections` (keeping every entry there); otherwise says how.
    mutating func allowInternalAddress() async {
        let advice = PublicURLAdvice.finding(for: options.publicURL, resolveNames: options.resolveNames)
        var internalReason = InternalAddress.reason(forLiteral: publicHost)
        if internalReason == nil, options.resolveNames, !InternalAddress.isLiteral(publicHost) {
            internalReason = (try? InternalAddress.resolvedInternalReason(forName: publicHost)) ?? nil
        }
        guard internalReason != nil, !InternalAddress.isUnspecified(publicHost) else {
            report.append(advice)
            return
        }
        guard options.allowInternal else {
            report.warn(advice.summary, fix: advice.fix + "\nor run setup again with --allow-internal to add it through the config API")
            return
        }
        let host = publicHost
        let current: String
        do {
            let config = try await admin.serverConfig()
            current = config["ServiceSettings"]?["AllowedUntrustedInternalConnections"]?.stringValue ?? ""
        } catch {
            failCall(error, doing: "reading Mattermost's configuration")
            return
        }
        let entries = current.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if entries.contains(host) {
            report.pass("Mattermost already allows calls to \(host) (AllowedUntrustedInternalConnections)")
            return
        }
        let value = (entries + [host]).joined(separator: " ")
        let saved: String
        do {
            let config = try await admin.patchServerConfig(["ServiceSettings": ["AllowedUntrustedInternalConnections": .string(value)]])
            saved = config["ServiceSettings"]?["AllowedUntrustedInternalConnections"]?.stringValue ?? ""
        } catch {
            failCall(error, doing: "adding \(host) to AllowedUntrustedInternalConnections")
            return
        }
        // A setting given in Mattermost's environment wins over the config API, which then answers with it.
        guard saved.split(whereSeparator: { $0 == " " || $0 == "," }).contains(Substring(host)) else {
            report.fail("Mattermost kept AllowedUntrustedInternalConnections at \"\(saved)\": its environment sets it",
                        fix: "add \(host) to MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS in Mattermost's environment (e.g. its compose file or systemd unit), keeping what is there, and restart Mattermost")
            return
        }
        let kept = entries.isEmpty ? "" : " (kept: \(entries.joined(separator: " ")))"
        report.pass("added \(host) to Mattermost's AllowedUntrustedInternalConnections\(kept)")
        changes.append("allowed \(host) in AllowedUntrustedInternalConnections")
    }

    /// Proves the round trip when remindd already answers here: Mattermost runs `/trigger help` in the first
    /// team's town square, which it can only answer by calling remindd at the public URL.
    mutating func probeReachability(in teams: [Team]) async {
        let health = options.publicURL.appendingPathComponent("healthz")
        guard await Self.answers(health, timeout: options.requestTimeout) else {
            report.warn("remindd does not answer at \(health.absoluteString) yet, so Mattermost's call to it was not tried",
                        fix: "start remindd with the new env file (systemctl restart remindd), then run setup again: it then has Mattermost run /\(options.trigger) help to prove it reaches remindd")
            return
        }
        guard let team = teams.first else { return }
        let channel: Channel?
        do {
            channel = try await admin.channelIfPresent(teamID: team.id, name: "town-square")
        } catch {
            failCall(error, doing: "finding town-square in team \(team.name)")
            return
        }
        guard let channel else {
            report.warn("team \(team.name) has no town-square channel to try /\(options.trigger) in",
                        fix: "type /\(options.trigger) help in any channel of \(team.name) to check that Mattermost reaches remindd")
            return
        }
        do {
            _ = try await admin.executeCommand(
                CommandExecution(channelID: channel.id, teamID: team.id, command: "/\(options.trigger) help"))
            report.pass("Mattermost reached remindd at \(options.publicURL.absoluteString): /\(options.trigger) help in ~town-square of \(team.name) was answered")
        } catch where error.appErrorID == "api.command.execute_command.failed_resp.app_error" {
            report.fail("Mattermost reached remindd, which refused the command (\(error))",
                        fix: "restart remindd so that it reads the new REMIND_COMMAND_TOKENS (systemctl restart remindd), then run setup again")
        } catch where error.status == 500 || error.status == 400 {
            report.fail("Mattermost could not call remindd at \(options.publicURL.absoluteString)/command (\(error))",
                        fix: """
                        from the Mattermost server, `curl -s \(health.absoluteString)` must print ok: check --public-url, \
                        the reverse proxy and the firewall; an internal address must be in AllowedUntrustedInternalConnections \
                        (run setup with --allow-internal); Mattermost's log names the reason
                        """)
        } catch {
            failCall(error, doing: "running /\(options.trigger) help through Mattermost")
        }
    }

    /// The env file with the settings setup manages (other lines kept).
    func environmentFile(token: BotTokenSetting?, commandTokens: [String]) -> EnvironmentFile {
        var file = existingEnvironment ?? EnvironmentFile(text: """
            # remindd configuration, written by `remindd setup` (see remindd.env.example for every setting).
            # Mode 0640: it names the slash command tokens.
            """)
        file.set("REMIND_MATTERMOST_URL", options.mattermostURL.absoluteString)
        file.set("REMIND_PUBLIC_URL", options.publicURL.absoluteString)
        switch token {
        case .file(let path):
            file.remove("REMIND_BOT_TOKEN")
            file.set("REMIND_BOT_TOKEN_FILE", path)
        case .inline(let value):
            file.set("REMIND_BOT_TOKEN", value)
        case nil:
            break
        }
        if !commandTokens.isEmpty { file.set("REMIND_COMMAND_TOKENS", commandTokens.joined(separator: ",")) }
        for (name, value) in options.extraSettings { file.set(name, value) }
        return file
    }

    /// Writes the env file (0640, group the service user's when run as root) unless it is unchanged.
    mutating func write(_ file: EnvironmentFile, to path: String) {
        do {
            switch try SecretFile.write(file.text, to: path, mode: 0o640) {
            case .unchanged:
                report.pass("env file \(path) is up to date (unchanged)")
            case .written:
                let owner = SecretFile.handOver(path, to: options.serviceUser, groupOnly: true)
                report.pass("env file \(path) written (mode 0640\(owner.map { ", owner \($0)" } ?? ""))")
                changes.append("wrote \(path)")
            }
        } catch {
            report.fail("\(error)", fix: "run setup as a user that may write there (e.g. with sudo), or choose another --write-env path")
        }
    }

    /// Whether `url` answers 200 from this machine.
    static func answers(_ url: URL, timeout: Duration) async -> Bool {
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = TimeInterval(max(1, timeout.components.seconds))
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }
        guard let (_, response) = try? await session.data(from: url) else { return false }
        return (response as? HTTPURLResponse)?.statusCode == 200
    }
}
