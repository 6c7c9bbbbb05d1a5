import Foundation
import Testing
import TestSupport

/// `deploy/prometheus` and `deploy/grafana`: the rules pass `promtool check rules` and their unit tests
/// (`promtool test rules`), the unit tests catch a broken rule, and every metric the rules and the dashboard
/// name is one the real `remindd` exports on /metrics. promtool ships in Debian's `prometheus` (.ci/run
/// installs it); without it those tests are skipped with that advice.
@Suite struct MonitoringFilesTests {
    static let prometheus = DeployFilesTests.deployDirectory.appendingPathComponent("prometheus")
    static let dashboard = DeployFilesTests.deployDirectory.appendingPathComponent("grafana/remindd.json")
    static let hasPromtool = DeployFilesTests.installed("promtool")

    static func files(in folder: URL, containing part: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.contains(part) && $0.pathExtension == "yml" }
            .sorted { $0.path < $1.path }
    }

    static func promtool(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("/usr/bin/env", ["promtool"] + arguments)
    }

    @Test(.enabled(if: hasPromtool, "promtool not found (apt-get install prometheus)"))
    func rulesPassPromtoolCheck() async throws {
        let rules = try Self.files(in: Self.prometheus, containing: "rules").filter { !$0.lastPathComponent.contains("test") }
        try #require(!rules.isEmpty)
        for file in rules {
            let result = try await Self.promtool(["check", "rules", file.path])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("SUCCESS"), "\(result.output)")
        }
    }

    @Test(.enabled(if: hasPromtool, "promtool not found (apt-get install prometheus)"))
    func ruleUnitTestsPass() async throws {
        let tests = try Self.files(in: Self.prometheus, containing: "test")
        try #require(!tests.isEmpty)
        for file in tests {
            let result = try await Self.promtool(["test", "rules", file.path])
            #expect(result.status == 0, "\(result.output)")
        }
    }

    /// Each mistake, made in a copy of the rules, is caught by the unit tests.
    @Test(.enabled(if: hasPromtool, "promtool not found (apt-get install prometheus)"),
          arguments: [
            ("p99_5m > 5\n", "p99_5m > 50\n"),
            ("or on () vector(0)) == 0", "or on () vector(1)) == 0"),
            ("(sum(remind_leader) or vector(0)) < 1", "sum(remind_leader) < 1"),
            ("up{job=\"remindd\"} == 0", "up{job=\"remindd\"} == 2"),
          ])
    func ruleUnitTestsCatchMistakes(original: String, broken: String) async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-prometheus-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.prometheus, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let rules = copy.appendingPathComponent("remindd-rules.yml")
        let text = try String(contentsOf: rules, encoding: .utf8)
        try #require(text.contains(original), "the shipped rules no longer contain \(original)")
        try text.replacingOccurrences(of: original, with: broken).write(to: rules, atomically: true, encoding: .utf8)
        let result = try await Self.promtool(["test", "rules", copy.appendingPathComponent("remindd-rules.test.yml").path])
        #expect(result.status != 0, "\(broken) went unnoticed: \(result.output)")
    }

    @Test("every metric the rules and the dashboard use is exported by remindd; the dashboard shows what admins need")
    func referencedMetricsAreExported() async throws {
        let fake = FakeMattermost()
        let remind = try await RemindProcess.start(mattermostURL: try await fake.start(), botToken: fake.botToken)
        let exposition = String(decoding: try await remind.request("GET", "/metrics").body, as: UTF8.self)
        try await remind.stop()
        await fake.stop()
        let exported = Self.families(exposition)
        try #require(exported.count >= 10, "\(exposition)")
        // A node running the scheduler on SQLite leads, at epoch 0; the build is named.
        #expect(exposition.contains("\nremind_leader 1\n") && exposition.contains("\nremind_leader_epoch 0\n"), "\(exposition)")
        #expect(exposition.contains("\nremind_build_info{version=\""), "\(exposition)")

        let rulesText = try String(contentsOf: Self.prometheus.appendingPathComponent("remindd-rules.yml"), encoding: .utf8)
        let recorded = Set(Self.matches(#"record:\s*(remindd:[A-Za-z0-9_:]+)"#, in: rulesText))
        let dashboardExpressions = try Self.expressions(in: JSONSerialization.jsonObject(with: Data(contentsOf: Self.dashboard)))
        try #require(!dashboardExpressions.isEmpty)

        for (source, text) in [("remindd-rules.yml", rulesText), ("remindd.json", dashboardExpressions.joined(separator: "\n"))] {
            for name in Set(Self.matches(#"\b(remind_[a-z0-9_]+)"#, in: text)) {
                #expect(Self.isExported(name, exported), "\(source) uses \(name), which remindd does not export")
            }
            for name in Set(Self.matches(#"\b(remindd:[A-Za-z0-9_:]+)"#, in: text)) {
                #expect(recorded.contains(name), "\(source) uses \(name), which no recording rule defines")
            }
        }
        let dashboardText = dashboardExpressions.joined(separator: "\n")
        for needed in ["remind_http_requests_total", "remind_http_request_duration_seconds_bucket", "remind_deliveries_total",
                       "remind_delivery_lateness_seconds_bucket", "remind_reminders_pending", "remind_store_errors_total"] {
            #expect(dashboardText.contains(needed), "the dashboard has no panel over \(needed)")
        }
        let dashboard = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.dashboard)) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        #expect(panels.contains { $0["type"] as? String == "heatmap" && "\($0["targets"] ?? "")".contains("remind_delivery_lateness_seconds_bucket") })
    }

    /// Family names and types from `# TYPE` lines.
    static func families(_ exposition: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in exposition.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            if parts.count == 4 { result[String(parts[2])] = String(parts[3]) }
        }
        return result
    }

    /// A name is exported when it is a family, or a histogram family's `_bucket`, `_sum` or `_count`.
    static func isExported(_ name: String, _ families: [String: String]) -> Bool {
        if families[name] != nil { return true }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            if families[String(name.dropLast(suffix.count))] == "histogram" { return true }
        }
        return false
    }

    /// Every query anywhere in a dashboard: panel `expr`s and template variables' `definition`s.
    static func expressions(in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in
                ["expr", "definition"].contains(key) ? [child as? String].compactMap { $0 } : expressions(in: child)
            }
        }
        if let array = value as? [Any] { return array.flatMap { expressions(in: $0) } }
        return []
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
