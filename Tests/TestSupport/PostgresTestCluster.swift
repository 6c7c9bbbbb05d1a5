import Foundation
import RemindStore
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests: `initdb` and `pg_ctl` from Debian's `postgresql` package into a
/// private temporary directory, listening on a free 127.0.0.1 port (and a socket in that directory).
///
/// The server refuses to run as root, so under root every PostgreSQL program runs as the `postgres`
/// account (`runuser`), which owns the directory. One cluster serves the whole test process
/// (`PostgresTestCluster.shared()`), each test takes a fresh database from it (`makeDatabase()`), and
/// the cluster is stopped when the process exits. Durability settings are off (fsync, full pages):
/// these are throwaway clusters; crash tests kill remindd, not PostgreSQL.
public final class PostgresTestCluster: @unchecked Sendable {
    /// Why a cluster could not start, with the programs' own output.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The port the server listens on.
    public let port: Int
    /// The private directory (data directory, socket, log).
    public let directory: URL
    /// The running server (kept so the child stays owned; stopped through its pid file).
    private let server: Process
    private let counter = Counter()

    /// The bin directory of the newest installed PostgreSQL server, or nil when none is installed.
    public static var installedBinDirectory: String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed()
            .map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    /// True when tests must run on PostgreSQL and fail (not skip) if it is missing: CI sets
    /// `REMIND_TEST_REQUIRE_POSTGRESQL=1` after installing it.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["REMIND_TEST_REQUIRE_POSTGRESQL"] == "1" }

    /// True when PostgreSQL tests run: the server is installed, or it is required (and a missing
    /// server then fails the tests loudly).
    public static var isEnabled: Bool { installedBinDirectory != nil || isRequired }

    /// The cluster of this test process, started on first use.
    public static func shared() async throws -> PostgresTestCluster {
        try await SharedCluster.instance.cluster()
    }

    private init(port: Int, directory: URL, server: Process) {
        self.port = port
        self.directory = directory
        self.server = server
    }

    /// A URL for a superuser connection to database `name` (the default one when nil).
    public func url(database name: String = "postgres") -> String {
        "postgresql://remind@127.0.0.1:\(port)/\(name)"
    }

    /// Creates an empty database and returns its URL.
    public func makeDatabase() throws -> String {
        let name = "t\(getpid())_\(counter.next())"
        let admin = try PostgresConnection(settings: PostgresSettings(url: url())!)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// Starts a new cluster (use `shared()` unless a test needs its own server to stop or kill).
    public static func start() async throws -> PostgresTestCluster {
        guard let bin = installedBinDirectory else {
            throw StartError(description: "PostgreSQL is not installed (apt-get install postgresql)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remind-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let runAs = getuid() == 0 ? "postgres" : nil
        if let runAs {
            try FileManager.default.setAttributes([.ownerAccountName: runAs], ofItemAtPath: directory.path)
        }
        let data = directory.appendingPathComponent("data").path
        let initdb = try await run(bin + "/initdb", ["-D", data, "-A", "trust", "-U", "remind", "-E", "UTF8",
                                                     "--locale=C", "--no-sync", "--no-instructions"], as: runAs)
        guard initdb.status == 0 else { throw StartError(description: "initdb failed: \(initdb.output)") }
        let port = try RemindProcess.freePort()
        // `postgres` itself, in the foreground, not `pg_ctl start`: the server a daemonizing pg_ctl
        // leaves behind inherits the descriptor Foundation watches for the child's exit, so that
        // child would never be reaped. Readiness is a connection that succeeds.
        let log = directory.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        let server = Process()
        let serverArguments = [bin + "/postgres", "-D", data, "-p", String(port), "-k", directory.path,
                               "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
                               "-c", "synchronous_commit=off", "-c", "max_connections=300", "-c", "shared_buffers=32MB"]
        if let runAs {
            server.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            server.arguments = ["-u", runAs, "--"] + serverArguments
        } else {
            server.executableURL = URL(fileURLWithPath: serverArguments[0])
            server.arguments = Array(serverArguments.dropFirst())
        }
        server.standardOutput = logHandle
        server.standardError = logHandle
        server.standardInput = FileHandle.nullDevice
        try server.run()
        let cluster = PostgresTestCluster(port: port, directory: directory, server: server)
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while true {
            if let probe = try? PostgresConnection(settings: PostgresSettings(url: cluster.url())!) {
                probe.close()
                break
            }
            guard ContinuousClock.now < deadline, server.isRunning else {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw StartError(description: "postgres did not start: \(text)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        ClustersToStop.add(directory.path)
        return cluster
    }

    /// Stops the server at once (immediate shutdown, SIGQUIT to the postmaster) and removes its directory.
    public func stop() {
        ClustersToStop.remove(directory.path)
        ClustersToStop.stop(directory.path)
    }

    private static func run(_ program: String, _ arguments: [String], as user: String?) async throws -> ChildProcess.Result {
        if let user {
            return try await ChildProcess.run("/usr/sbin/runuser", ["-u", user, "--", program] + arguments)
        }
        return try await ChildProcess.run(program, arguments)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

/// The process's shared cluster: started once, by the first test that asks.
private actor SharedCluster {
    static let instance = SharedCluster()
    private var started: Task<PostgresTestCluster, Error>?

    func cluster() async throws -> PostgresTestCluster {
        if let started { return try await started.value }
        let task = Task { try await PostgresTestCluster.start() }
        started = task
        return try await task.value
    }
}

/// Clusters still running, stopped when the test process exits (Swift Testing has no global teardown).
private enum ClustersToStop {
    nonisolated(unsafe) private static var directories: [String] = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var registered = false

    static func add(_ directory: String) {
        lock.withLock {
            directories.append(directory)
            if !registered {
                registered = true
                atexit { ClustersToStop.stopAll() }
            }
        }
    }

    static func remove(_ directory: String) {
        lock.withLock { directories.removeAll { $0 == directory } }
    }

    static func stopAll() {
        let pending = lock.withLock { () -> [String] in
            defer { directories.removeAll() }
            return directories
        }
        pending.forEach(stop)
    }

    /// SIGQUIT to the postmaster named in `postmaster.pid` (an immediate shutdown), a moment for it
    /// to go, then the directory is removed.
    static func stop(_ directory: String) {
        let pidFile = directory + "/data/postmaster.pid"
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
           let line = text.split(separator: "\n").first, let pid = Int32(line) {
            kill(pid, SIGQUIT)
            for _ in 0..<50 where FileManager.default.fileExists(atPath: pidFile) { usleep(20_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
