import Foundation
import Testing
import TestSupport

/// `deploy/container`: what can be checked without pulling images or a container daemon. The Containerfile
/// lint (stages, static stdlib, non-root, /data, HEALTHCHECK, settings the binary knows) is shown to catch
/// each mistake; the runtime stage's packages provide every library `ldd` finds in the built binary
/// (`check-runtime.sh`); compose.yml parses and wires the image, the volume, the env file and the health
/// check. Building and running the image is not done here (deploy/README.md says so).
@Suite struct ContainerFilesTests {
    static let folder = DeployFilesTests.deployDirectory.appendingPathComponent("container")
    static let containerfile = folder.appendingPathComponent("Containerfile")
    static let compose = folder.appendingPathComponent("compose.yml")

    /// The settings `remindd serve --help` lists, read from the real binary.
    static func knownSettings() async throws -> Set<String> {
        let help = try await RemindProcess.run(["serve", "--help"], environment: [:])
        return Set(MonitoringFilesTests.matches(#"\b(REMIND_[A-Z_]+)"#, in: help.stdout))
    }

    /// What is wrong with a Containerfile, one sentence each (empty: nothing).
    static func lint(_ text: String, knownSettings: Set<String>) -> [String] {
        let lines = text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        var stages: [[String]] = []
        for line in lines {
            if line.hasPrefix("FROM ") { stages.append([]) }
            if !stages.isEmpty { stages[stages.count - 1].append(line) }
        }
        var problems: [String] = []
        guard stages.count >= 2, let build = stages.first, let runtime = stages.last else { return ["not a multi-stage build"] }
        if !build.contains(where: { $0.contains("swift build") && $0.contains("--static-swift-stdlib") && $0.contains("-c release") }) {
            problems.append("the build stage does not build a release binary with --static-swift-stdlib")
        }
        let install = runtime.first { $0.contains("apt-get install") } ?? ""
        for package in ["libsqlite3-0", "libcurl4", "ca-certificates"] where !install.split(separator: " ").contains(Substring(package)) {
            problems.append("the runtime stage does not install \(package)")
        }
        if !install.contains("--no-install-recommends") { problems.append("the runtime install pulls recommended packages") }
        let user = runtime.last { $0.hasPrefix("USER ") }?.dropFirst(5).split(separator: ":").first.map(String.init)
        if user == nil || user == "root" || user == "0" { problems.append("the image runs as root (no USER, or USER root)") }
        if !runtime.contains(where: { $0.hasPrefix("VOLUME") && $0.contains("/data") }) { problems.append("no VOLUME /data") }
        if !runtime.contains(where: { $0.hasPrefix("HEALTHCHECK") && $0.contains("/healthz") }) { problems.append("no HEALTHCHECK on /healthz") }
        if !runtime.contains(where: { $0.hasPrefix("ENV") && $0.contains("REMIND_DATABASE=/data/") }) {
            problems.append("REMIND_DATABASE does not point into /data")
        }
        for name in Set(MonitoringFilesTests.matches(#"\b(REMIND_[A-Z_]+)="#, in: runtime.joined(separator: "\n"))) where !knownSettings.contains(name) {
            problems.append("\(name) is not a remindd setting")
        }
        let copied = runtime.first { $0.hasPrefix("COPY --from=") }?.split(separator: " ").last.map(String.init)
        if copied == nil || !runtime.contains(where: { $0.hasPrefix("ENTRYPOINT") && $0.contains(copied ?? "?") }) {
            problems.append("the ENTRYPOINT is not the binary copied from the build stage")
        }
        return problems
    }

    @Test("the Containerfile lints clean, and the lint catches each mistake")
    func containerfileLint() async throws {
        let known = try await Self.knownSettings()
        try #require(known.contains("REMIND_DATABASE"))
        let shipped = try String(contentsOf: Self.containerfile, encoding: .utf8)
        #expect(Self.lint(shipped, knownSettings: known) == [])
        let mistakes: [(String, String, String)] = [
            ("USER remindd:remindd", "USER root", "the image runs as root (no USER, or USER root)"),
            ("VOLUME [\"/data\"]", "VOLUME [\"/var/lib/remindd\"]", "no VOLUME /data"),
            ("/healthz\"", "/\"", "no HEALTHCHECK on /healthz"),
            (" --static-swift-stdlib \\", " \\", "the build stage does not build a release binary with --static-swift-stdlib"),
            ("libsqlite3-0 libpq5", "libpq5", "the runtime stage does not install libsqlite3-0"),
            ("REMIND_LOG_FORMAT=json", "REMIND_LOGFORMAT=json", "REMIND_LOGFORMAT is not a remindd setting"),
        ]
        for (original, broken, problem) in mistakes {
            try #require(shipped.contains(original), "the Containerfile no longer contains \(original)")
            let problems = Self.lint(shipped.replacingOccurrences(of: original, with: broken), knownSettings: known)
            #expect(problems.contains(problem), "\(broken): \(problems)")
        }
    }

    @Test(.enabled(if: DeployFilesTests.installed("ldd") && DeployFilesTests.installed("dpkg") && DeployFilesTests.installed("apt-cache"),
                   "ldd, dpkg or apt-cache not found (a Debian system is needed)"))
    func runtimeStageProvidesEveryLibrary() async throws {
        let script = Self.folder.appendingPathComponent("check-runtime.sh").path
        let binary = try RemindProcess.binaryURL().path
        let shipped = try await ChildProcess.run("/bin/bash", [script, binary])
        #expect(shipped.status == 0, "\(shipped.output)")
        #expect(shipped.output.contains("PASS runtime"), "\(shipped.output)")

        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-Containerfile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: broken) }
        try String(contentsOf: Self.containerfile, encoding: .utf8)
            .replacingOccurrences(of: "libsqlite3-0 libpq5", with: "libpq5").write(to: broken, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["CONTAINERFILE"] = broken.path
        let missing = try await ChildProcess.run("/bin/bash", [script, binary], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.output.contains("FAIL runtime: libsqlite3.so.0 comes from libsqlite3-0"), "\(missing.output)")
    }

    @Test(.enabled(if: Self.canParseYAML, "python3 with PyYAML not found (apt-get install python3-yaml)"))
    func composeFileWiresTheImage() async throws {
        let parsed = try await ChildProcess.runSeparately(
            "/usr/bin/env",
            ["python3", "-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)", Self.compose.path])
        try #require(parsed.status == 0, "\(parsed.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        let services = try #require(root["services"] as? [String: Any])
        let remindd = try #require(services["remindd"] as? [String: Any])
        let build = try #require(remindd["build"] as? [String: Any])
        // The context is the source checkout; the Containerfile path is relative to it.
        let dockerfile = try #require(build["dockerfile"] as? String)
        #expect(FileManager.default.fileExists(atPath: DeployFilesTests.packageRoot.appendingPathComponent(dockerfile).path))
        #expect((build["context"] as? String)?.contains("REMINDD_SOURCE") == true)
        let volumes = remindd["volumes"] as? [String] ?? []
        #expect(volumes.contains { $0.hasSuffix(":/data") })
        #expect((root["volumes"] as? [String: Any])?.keys.contains("remindd-data") == true)
        #expect((remindd["env_file"] as? [String])?.isEmpty == false)
        let health = (remindd["healthcheck"] as? [String: Any])?["test"] as? [String] ?? []
        #expect(health.contains { $0.hasSuffix("/healthz") })
        let known = try await Self.knownSettings()
        for name in (remindd["environment"] as? [String: Any] ?? [:]).keys {
            #expect(known.contains(name), "\(name) is not a remindd setting")
        }
        #expect((remindd["environment"] as? [String: Any])?["REMIND_DATABASE"] as? String == "/data/remind.sqlite")
    }

    /// `docker compose config` (or Debian's docker-compose) accepts the file merged over a Mattermost
    /// compose file, as it is meant to be used; neither needs a daemon for `config`.
    @Test(.enabled(if: DeployFilesTests.installed("docker-compose"), "docker-compose not found (apt-get install docker-compose)"))
    func composeConfigValidates() async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("remindd-config"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: project) }
        try "services:\n  mattermost:\n    image: mattermost/mattermost-team-edition:latest\n"
            .write(to: project.appendingPathComponent("docker-compose.yml"), atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: project.appendingPathComponent("remindd-config/remindd.env").path, contents: Data())
        // The source checkout where compose.yml expects it, beside Mattermost's files.
        try FileManager.default.createSymbolicLink(at: project.appendingPathComponent("remindd"), withDestinationURL: DeployFilesTests.packageRoot)
        let arguments = ["-f", project.appendingPathComponent("docker-compose.yml").path, "-f", Self.compose.path, "config", "-q"]
        let valid = try await ChildProcess.run("/usr/bin/env", ["docker-compose"] + arguments)
        #expect(valid.status == 0, "\(valid.output)")

        let broken = project.appendingPathComponent("compose.yml")
        try String(contentsOf: Self.compose, encoding: .utf8).replacingOccurrences(of: "      interval: 30s", with: "      intervall: 30s")
            .write(to: broken, atomically: true, encoding: .utf8)
        let invalid = try await ChildProcess.run(
            "/usr/bin/env", ["docker-compose", "-f", project.appendingPathComponent("docker-compose.yml").path, "-f", broken.path, "config", "-q"])
        #expect(invalid.status != 0, "a misspelt healthcheck key went unnoticed")
    }

    static let canParseYAML: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
