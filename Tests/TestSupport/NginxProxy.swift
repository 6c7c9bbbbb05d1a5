import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real nginx, started as a child process, that serves the shipped snippet
/// `deploy/nginx/remindd-path-prefix.conf` inside a stand-in for the Mattermost `server { }` block,
/// on a free 127.0.0.1 port, with `proxy_pass` pointed at `upstreamPort` instead of 8066.
///
/// Everything nginx writes (pid file, logs, temp files) stays in a private temporary directory, so no
/// root paths are touched; nginx runs in the foreground without a master process and stops on
/// `stop()` (or when the value is released). Paths outside `/remind/` answer 404 with the body
/// `mattermost stand-in`, so a test can tell them from answers proxied to remindd.
///
/// Ownership: the creating test owns the instance; `stop()` is idempotent and serialised by a lock.
public final class NginxProxy: @unchecked Sendable {
    /// Errors while starting the proxy, with nginx's own words where it gave any.
    public enum StartError: Error, CustomStringConvertible {
        case nginxNotFound
        case snippetMissing(String)
        case exitedEarly(status: Int32, log: String)
        case notAnswering(port: UInt16, log: String)
        case noFreePort(errno: Int32)

        public var description: String {
            switch self {
            case .nginxNotFound: "nginx not found (apt-get install nginx)"
            case .snippetMissing(let path): "nginx snippet not found at \(path)"
            case .exitedEarly(let status, let log): "nginx exited with status \(status): \(log)"
            case .notAnswering(let port, let log): "nginx did not answer on 127.0.0.1:\(port): \(log)"
            case .noFreePort(let code): "no free port on 127.0.0.1 (errno \(code))"
            }
        }
    }

    /// The port nginx listens on (127.0.0.1).
    public let port: UInt16
    /// `http://127.0.0.1:<port>`: the stand-in Mattermost host; remindd is under `/remind/` (for the
    /// TLS terminator, `https://localhost:<port>`).
    public let baseURL: URL
    /// The private directory holding the configuration, logs and temp files; removed by `stop()`.
    public let directory: URL

    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    /// The shipped path-prefix snippet, located from this source file's place in the package.
    public static var shippedPathPrefixSnippet: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("deploy/nginx/remindd-path-prefix.conf")
    }

    /// The nginx executable on this machine, or nil when nginx is not installed.
    public static var executablePath: String? {
        let candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx", "/usr/local/bin/nginx"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts nginx and returns once it accepts connections (or throws, with its error log). Waits with
    /// `Task.sleep`: no concurrency thread is blocked while nginx starts.
    public convenience init(upstreamPort: UInt16, snippet: URL = NginxProxy.shippedPathPrefixSnippet,
                            startTimeout: Duration = .seconds(10)) async throws {
        guard let snippetText = try? String(contentsOf: snippet, encoding: .utf8) else {
            throw StartError.snippetMissing(snippet.path)
        }
        try await self.init(startTimeout: startTimeout) { directory, port in
            let retargeted = snippetText.replacingOccurrences(of: "127.0.0.1:8066", with: "127.0.0.1:\(upstreamPort)")
            let snippetCopy = directory.appendingPathComponent("remindd-path-prefix.conf")
            try retargeted.write(to: snippetCopy, atomically: true, encoding: .utf8)
            return """
                listen 127.0.0.1:\(port);
                server_name chat.example.com;
                location / { return 404 "mattermost stand-in"; }
                include \(snippetCopy.path);
            """
        }
    }

    /// An HTTPS (HTTP/2 and HTTP/1.1) front for `upstreamPort` with `certificate` and `key` (PEM files):
    /// everything is proxied, as nginx fronts a Mattermost; `baseURL` is then `https://localhost:<port>`.
    public static func tlsTerminator(upstreamPort: UInt16, certificate: URL, key: URL) async throws -> NginxProxy {
        try await NginxProxy(scheme: "https", host: "localhost") { _, port in
            """
                listen 127.0.0.1:\(port) ssl http2;
                server_name localhost;
                ssl_certificate \(certificate.path);
                ssl_certificate_key \(key.path);
                location / {
                    proxy_pass http://127.0.0.1:\(upstreamPort);
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                }
            """
        }
    }

    /// Starts nginx with one `server { }` block, written by `server` from the private directory and the port.
    private init(scheme: String = "http", host: String = "127.0.0.1", startTimeout: Duration = .seconds(10),
                 server: (_ directory: URL, _ port: UInt16) throws -> String) async throws {
        guard let nginx = Self.executablePath else { throw StartError.nginxNotFound }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("remindd-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try Self.reserveFreePort()
        let config = directory.appendingPathComponent("nginx.conf")
        try Self.mainConfig(directory: directory.path, server: try server(directory, port))
            .write(to: config, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", directory.path, "-c", config.path, "-e", directory.path + "/error.log",
                             "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard let baseURL = URL(string: "\(scheme)://\(host):\(port)") else { throw StartError.noFreePort(errno: 0) }
        try process.run()

        self.port = port
        self.baseURL = baseURL
        self.directory = directory
        self.process = process
        do {
            try await waitUntilAnswering(timeout: startTimeout)
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Stops nginx and removes its directory. Safe to call twice.
    ///
    /// SIGKILL rather than SIGTERM: a child of the test runner inherits its blocked-signal mask, and
    /// nginx without a master process never unblocks SIGTERM. Nothing is lost: it keeps no state. The exit
    /// is not waited for (that would block a concurrency thread); Foundation reaps the process.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The contents of nginx's error log so far (for failure messages).
    public func errorLog() -> String {
        (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
    }

    private func waitUntilAnswering(timeout: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if !process.isRunning {
                throw StartError.exitedEarly(status: process.terminationStatus, log: errorLog())
            }
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StartError.notAnswering(port: port, log: errorLog())
    }

    private static func mainConfig(directory: String, server: String) -> String {
        """
        master_process off;
        pid \(directory)/nginx.pid;
        error_log \(directory)/error.log info;
        events { worker_connections 64; }
        http {
            access_log \(directory)/access.log;
            client_body_temp_path \(directory)/body;
            proxy_temp_path \(directory)/proxy;
            fastcgi_temp_path \(directory)/fastcgi;
            uwsgi_temp_path \(directory)/uwsgi;
            scgi_temp_path \(directory)/scgi;
            server {
        \(server)
            }
        }

        """
    }

    /// Binds port 0 on 127.0.0.1 to learn a free port, then releases it for nginx.
    private static func reserveFreePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError.noFreePort(errno: errno) }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw StartError.noFreePort(errno: errno) }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func accepts(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                connect(fd, raw, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
