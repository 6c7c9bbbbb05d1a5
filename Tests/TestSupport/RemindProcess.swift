import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The real `remindd` binary running `serve` for end-to-end tests: started with `REMIND_*` variables on a
/// free port of 127.0.0.1 with a database in a fresh temp directory, ready once `/healthz` answers, its log
/// (stderr) captured to a file, stopped with SIGTERM.
///
/// The process handle is owned by `Foundation.Process` (thread-safe for what is used here); the exit status
/// is read once after the process ended.
public final class RemindProcess: @unchecked Sendable {
    /// `http://127.0.0.1:<port>`: where Mattermost (the fake) sends commands, clicks and dialogs.
    public let baseURL: URL
    public let commandToken: String
    /// The SQLite file the service uses.
    public let databasePath: String
    /// Where the service's stderr (its log) goes.
    public let logPath: String
    private let process: Process

    /// Errors starting or stopping the binary.
    public enum Failure: Error, CustomStringConvertible {
        case binaryNotFound(String)
        case notReady(log: String)
        case stillRunning
        case survivedKill

        public var description: String {
            switch self {
            case .binaryNotFound(let searched): "remindd binary not found (looked in \(searched)); run `swift build` first"
            case .notReady(let log): "remindd did not become healthy; its log:\n\(log)"
            case .stillRunning: "remindd did not exit after SIGTERM"
            case .survivedKill: "remindd was still running 10 s after SIGKILL"
            }
        }
    }

    /// Starts `remindd serve` against the Mattermost at `mattermostURL`. `environment` adds or overrides
    /// variables (e.g. `REMIND_PUBLIC_URL`, `REMIND_LOG_FORMAT`). `port` and `databasePath` (a free port, a
    /// fresh file by default) let a test restart the service on the same address and data.
    public static func start(
        mattermostURL: URL, botToken: String, commandToken: String = "cmdtoken" + String(UInt32.random(in: 0...UInt32.max)),
        port: Int? = nil, databasePath: String? = nil, environment: [String: String] = [:], arguments: [String] = ["serve"]
    ) async throws -> RemindProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try port ?? freePort()
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REMIND_") }
        variables["REMIND_LISTEN"] = "127.0.0.1:\(port)"
        variables["REMIND_DATABASE"] = databasePath ?? directory.appendingPathComponent("remind.sqlite").path
        variables["REMIND_MATTERMOST_URL"] = mattermostURL.absoluteString
        variables["REMIND_BOT_TOKEN"] = botToken
        variables["REMIND_COMMAND_TOKENS"] = commandToken
        variables.merge(environment) { _, new in new }
        let process = Process()
        process.executableURL = try binaryURL()
        process.arguments = arguments
        process.environment = variables
        let logPath = directory.appendingPathComponent("remindd.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        guard let url = URL(string: "http://127.0.0.1:\(port)") else { throw Failure.notReady(log: "") }
        let remind = RemindProcess(
            baseURL: url, commandToken: commandToken, databasePath: variables["REMIND_DATABASE"] ?? "", logPath: logPath,
            process: process)
        try await remind.waitUntilHealthy()
        return remind
    }

    private init(baseURL: URL, commandToken: String, databasePath: String, logPath: String, process: Process) {
        self.baseURL = baseURL
        self.commandToken = commandToken
        self.databasePath = databasePath
        self.logPath = logPath
        self.process = process
    }

    /// Everything the service logged so far.
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends SIGTERM and waits (up to `timeout`) for the exit; returns the exit status.
    @discardableResult
    public func stop(timeout: Duration = .seconds(15)) async throws -> Int32 {
        if process.isRunning { send(SIGTERM, to: process.processIdentifier) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                send(SIGKILL, to: process.processIdentifier)
                throw Failure.stillRunning
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Sends SIGKILL (no chance to clean up: a crash) and waits for the process to be gone.
    public func kill() async throws {
        if process.isRunning { send(SIGKILL, to: process.processIdentifier) }
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw Failure.survivedKill }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// One request to the service; returns the status and body.
    public func request(
        _ method: String, _ path: String, body: Data = Data(), contentType: String? = nil
    ) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path), timeoutInterval: 10)
        request.httpMethod = method
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if method != "GET" { request.httpBody = body }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    private func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw Failure.notReady(log: log) }
            if let (status, _) = try? await request("GET", "/healthz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw Failure.notReady(log: log)
    }

    /// Runs the binary to completion (for commands that exit: `migrate`, bad configuration); returns the
    /// exit status and what it wrote to stdout and stderr. Awaits the exit without blocking a thread.
    public static func run(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REMIND_") }
            .merging(environment) { _, new in new }
        let result = try await ChildProcess.runSeparately(try binaryURL().path, arguments, environment: variables)
        return (result.status, result.stdout, result.stderr)
    }

    /// `remindd` next to the test bundle (`.build/<config>/`), or `REMINDD_BINARY`.
    public static func binaryURL() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["REMINDD_BINARY"] { return URL(fileURLWithPath: explicit) }
        var candidates: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("remindd"))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("remindd"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw Failure.binaryNotFound(candidates.map(\.path).joined(separator: ", "))
    }

    /// A TCP port of 127.0.0.1 free right now (bound to 0, read back, closed).
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Failure.notReady(log: "cannot bind a probe socket") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// `kill(2)` under a name `RemindProcess.kill()` does not shadow.
private func send(_ signal: Int32, to pid: Int32) {
    _ = kill(pid, signal)
}
