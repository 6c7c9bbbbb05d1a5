import Foundation
import Testing
import TestSupport

/// Runs `deploy/test/validate.sh`, which checks the shipped files in `deploy/` with the real tools
/// (systemd-analyze, nginx -t, apache2 -t, openssl): each test runs one check on the shipped files,
/// then proves the check can fail by running it on copies of `deploy/` with one deliberate mistake.
/// A test whose tool is not installed is skipped, with the package to install in the message.
@Suite struct DeployFilesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
    static let deployDirectory = packageRoot.appendingPathComponent("deploy")
    static let script = deployDirectory.appendingPathComponent("test/validate.sh")

    /// One deliberate mistake in one shipped file.
    struct Mistake: Sendable {
        let file: String
        let original: String
        let broken: String
    }

    /// Whether an executable of this name is installed (on PATH or in the sbin folders).
    static func installed(_ names: String...) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/sbin"]
        return names.contains { name in
            folders.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + name) }
        }
    }

    static func run(_ check: String, deployDirectory: URL? = nil) async throws -> (status: Int32, output: String) {
        var environment: [String: String]?
        if let deployDirectory {
            environment = ProcessInfo.processInfo.environment
            environment?["DEPLOY_DIR"] = deployDirectory.path
        }
        let result = try await ChildProcess.run("/bin/bash", [script.path, check], environment: environment)
        return (result.status, result.output)
    }

    /// The check passes on the shipped files and fails on each mistake.
    static func expectCheck(_ check: String, catches mistakes: [Mistake]) async throws {
        let shipped = try await run(check)
        #expect(shipped.status == 0, "\(shipped.output)")
        #expect(shipped.output.contains("PASS \(check)"), "\(shipped.output)")

        for mistake in mistakes {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-deploy-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: deployDirectory, to: copy)
            defer { try? FileManager.default.removeItem(at: copy) }
            let file = copy.appendingPathComponent(mistake.file)
            let text = try String(contentsOf: file, encoding: .utf8)
            try #require(text.contains(mistake.original), "the shipped \(mistake.file) no longer has \(mistake.original)")
            try text.replacingOccurrences(of: mistake.original, with: mistake.broken)
                .write(to: file, atomically: true, encoding: .utf8)

            let broken = try await run(check, deployDirectory: copy)
            #expect(broken.status == 1, "\(mistake.file) with \(mistake.broken.debugDescription): \(broken.output)")
            #expect(broken.output.contains("FAIL \(check)"), "\(broken.output)")
        }
    }

    @Test func environmentExampleDocumentsEveryVariable() async throws {
        try await Self.expectCheck("env", catches: [
            Mistake(file: "remindd.env.example", original: "REMIND_LOG_FORMAT=text", broken: "LOG_FORMAT=text"),
            Mistake(file: "remindd.env.example", original: "REMIND_LISTEN=127.0.0.1:8066",
                    broken: "REMIND_LISTEN=\"127.0.0.1:8066\""),
            Mistake(file: "remindd.env.example", original: "0640 root:remindd", broken: "0644"),
        ])
    }

    @Test(.enabled(if: installed("systemd-analyze"), "systemd-analyze not found (apt-get install systemd)"))
    func systemdUnitsVerifyWithoutWarningsAndStayHardened() async throws {
        try await Self.expectCheck("systemd", catches: [
            Mistake(file: "remindd.service", original: "RestartSec=5s", broken: "RestartSec=soon"),
            Mistake(file: "remindd.service", original: "ProtectHome=yes", broken: "ProtectHomes=yes"),
            Mistake(file: "remindd.service", original: "NoNewPrivileges=yes\n", broken: ""),
            Mistake(file: "remindd.service", original: "PrivateDevices=yes", broken: "PrivateDevices=no"),
            Mistake(file: "remindd-backup.timer", original: "OnCalendar=*-*-* 03:15:00", broken: "OnCalendar=nightly at three"),
            Mistake(file: "remindd-backup.service", original: "ExecStartPost=/usr/bin/find",
                    broken: "ExecStartPost=/usr/bin/no-such-find"),
        ])
    }

    @Test(.enabled(if: installed("nginx"), "nginx not found (apt-get install nginx)"))
    func nginxPathPrefixSnippetLoadsInAMattermostServerBlock() async throws {
        try await Self.expectCheck("nginx-path-prefix", catches: [
            Mistake(file: "nginx/remindd-path-prefix.conf", original: "proxy_http_version 1.1;", broken: "proxy_http_version 1.1"),
            Mistake(file: "nginx/remindd-path-prefix.conf", original: "proxy_buffering off;", broken: "proxy_bufering off;"),
        ])
    }

    @Test(.enabled(if: installed("nginx") && installed("openssl"), "nginx or openssl not found (apt-get install nginx openssl)"))
    func nginxOwnHostServerLoadsWithItsCertificate() async throws {
        try await Self.expectCheck("nginx-own-host", catches: [
            // Loads, but nginx warns: the check treats warnings as failures.
            Mistake(file: "nginx/remindd-own-host.conf", original: "ssl_session_timeout 1h;",
                    broken: "ssl_session_timeout 1h; ssl_stapling on;"),
            Mistake(file: "nginx/remindd-own-host.conf", original: "ssl_certificate_key ", broken: "ssl_certificate_keyfile "),
        ])
    }

    @Test(.enabled(if: installed("apache2", "httpd"), "Apache httpd not found (apt-get install apache2-bin)"))
    func apachePathPrefixSnippetLoadsInAMattermostVirtualHost() async throws {
        try await Self.expectCheck("apache-path-prefix", catches: [
            Mistake(file: "apache/remindd-path-prefix.conf", original: "LimitRequestBody 1048576", broken: "LimitRequestBodySize 1048576"),
            Mistake(file: "apache/remindd-path-prefix.conf", original: "</Location>", broken: ""),
        ])
    }

    @Test(.enabled(if: installed("apache2", "httpd") && installed("curl") && installed("python3"),
                   "Apache httpd, curl or python3 not found (apt-get install apache2-bin curl python3)"))
    func apachePathPrefixWinsOverMattermostsCatchAllLocation() async throws {
        try await Self.expectCheck("apache-path-prefix-live", catches: [
            Mistake(file: "apache/remindd-path-prefix.conf", original: "    Require all denied", broken: "    Require all granted"),
            Mistake(file: "apache/remindd-path-prefix.conf", original: "ProxyPass \"http://127.0.0.1:8066/\"",
                    broken: "ProxyPass \"http://127.0.0.1:8065/\""),
        ])
    }

    @Test(.enabled(if: installed("apache2", "httpd") && installed("openssl"),
                   "Apache httpd or openssl not found (apt-get install apache2-bin openssl)"))
    func apacheOwnHostVirtualHostLoadsWithItsCertificate() async throws {
        try await Self.expectCheck("apache-own-host", catches: [
            Mistake(file: "apache/remindd-own-host.conf", original: "SSLProtocol -all", broken: "SSLProtocol -everything"),
        ])
    }

    @Test func unknownCheckNamesFail() async throws {
        let result = try await Self.run("no-such-check")
        #expect(result.status == 1)
        #expect(result.output.contains("FAIL no-such-check: unknown check"))
    }
}
