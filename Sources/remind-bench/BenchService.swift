import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `remindd serve` a benchmark starts: the given binary on 127.0.0.1:`port` over the SQLite file `database`,
/// talking to a fake Mattermost at `mattermost`, ready once `/healthz` answers. `stop()` (or the end of the
/// value) sends SIGTERM and waits for the exit.
final class BenchService {
    /// `http://127.0.0.1:<port>`.
    let base: URL
    private let process = Process()
    private var running = false

    init(remindd: String, port: Int, database: String, mattermost: URL, botToken: String, commandToken: String) async throws {
        guard let base = URL(string: "http://127.0.0.1:\(port)") else { throw BenchError("bad port \(port)") }
        self.base = base
        process.executableURL = URL(fileURLWithPath: remindd)
        process.arguments = ["serve"]
        process.environment = [
            "REMIND_LISTEN": "127.0.0.1:\(port)", "REMIND_DATABASE": database,
            "REMIND_MATTERMOST_URL": mattermost.absoluteString, "REMIND_BOT_TOKEN": botToken,
            "REMIND_COMMAND_TOKENS": commandToken, "REMIND_LOG_FORMAT": "text",
        ]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        running = true
        for _ in 0..<200 {
            if let (_, response) = try? await URLSession.shared.data(from: base.appendingPathComponent("healthz")),
               (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop()
        throw BenchError("remindd did not become healthy on port \(port)")
    }

    /// Stops the service (once) and waits for it to exit.
    func stop() {
        guard running else { return }
        running = false
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { stop() }
}
