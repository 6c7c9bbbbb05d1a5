import Foundation
import Mattermost
import RemindCore
import Testing
import TestSupport
@testable import RemindService

@Suite("Prometheus metrics")
struct MetricsTests {
    @Test("counters, gauges and histograms render in the text exposition format")
    func exposition() {
        let metrics = Metrics()
        metrics.describe("remind_http_requests_total", type: "counter", help: "HTTP requests by route and status.")
        metrics.increment("remind_http_requests_total", labels: [("route", "/command"), ("status", "200")])
        metrics.increment("remind_http_requests_total", labels: [("route", "/command"), ("status", "200")])
        metrics.set("remind_reminders_pending", to: 42)
        metrics.observe("remind_delivery_lateness_seconds", 0.004)
        metrics.observe("remind_delivery_lateness_seconds", 3)
        let text = metrics.exposition()
        #expect(text.contains("# TYPE remind_http_requests_total counter\n"))
        #expect(text.contains("remind_http_requests_total{route=\"/command\",status=\"200\"} 2\n"))
        #expect(text.contains("remind_reminders_pending 42\n"))
        #expect(text.contains("remind_delivery_lateness_seconds_bucket{le=\"0.005\"} 1\n"))
        #expect(text.contains("remind_delivery_lateness_seconds_bucket{le=\"+Inf\"} 2\n"))
        #expect(text.contains("remind_delivery_lateness_seconds_count 2\n"))
        #expect(metrics.counter("remind_http_requests_total", labels: [("route", "/command"), ("status", "200")]) == 2)
    }

    @Test("label values are escaped")
    func escaping() {
        let metrics = Metrics()
        metrics.increment("x_total", labels: [("error", "say \"hi\"\\n")])
        #expect(metrics.exposition().contains(#"x_total{error="say \"hi\"\\n"} 1"#))
    }
}

/// The metrics admins asked for (issue 14), read from real parts: a SQLite store, the fake Mattermost.
@Suite("Service metrics")
struct ServiceMetricsTests {
    /// Monday 2026-11-23 15:00 UTC.
    let start = Date(timeIntervalSince1970: 1_795_446_000)

    /// Waits (briefly) for a gauge the scheduler sets from a task of its own.
    private func gauge(_ metrics: Metrics, _ name: String, _ labels: [(String, String)] = [], is value: Double) async -> Bool {
        for _ in 0..<200 {
            if metrics.gauge(name, labels: labels) == value { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test("every described family is listed, with HELP and TYPE, before it has a series")
    func describedFamiliesAreListed() {
        let metrics = Metrics()
        ServiceMetrics.describe(in: metrics)
        let text = metrics.exposition()
        #expect(text.contains("# TYPE remind_mattermost_api_errors_total counter\n"))
        #expect(text.contains("# TYPE remind_leader gauge\n"))
        #expect(text.contains("remind_build_info{version=\"\(RemindVersion.current)\"} 1\n"))
        #expect(!text.contains("remind_mattermost_api_errors_total{"))
    }

    @Test("a running scheduler on SQLite is the leader at epoch 0; stopped, it is not; active reminders are counted by kind")
    func leaderAndActiveByKind() async throws {
        let harness = try await DeliveryHarness(clock: ManualWallClock(start))
        #expect(harness.metrics.gauge("remind_leader") == 0)
        _ = try await harness.create(due: start.addingTimeInterval(3_600))
        _ = try await harness.create(due: start.addingTimeInterval(7_200))
        _ = try await harness.create(message: "stand-up", due: start.addingTimeInterval(3_600), rrule: "FREQ=DAILY;BYHOUR=16;BYMINUTE=0")
        try await harness.scheduler.start(automatically: false)
        #expect(harness.metrics.gauge("remind_leader") == 1)
        #expect(harness.metrics.gauge("remind_leader_epoch") == 0)
        #expect(await gauge(harness.metrics, "remind_reminders_active", [("kind", "once")], is: 2))
        #expect(await gauge(harness.metrics, "remind_reminders_active", [("kind", "recurring")], is: 1))
        #expect(await gauge(harness.metrics, "remind_reminders_pending", is: 3))
        await harness.close()
        #expect(harness.metrics.gauge("remind_leader") == 0)
    }

    @Test("occurrence outcomes say posted or failed, late or not")
    func occurrenceOutcomes() async throws {
        let clock = ManualWallClock(start)
        let harness = try await DeliveryHarness(clock: clock)
        try await harness.scheduler.start(automatically: false)
        _ = try await harness.create(message: "on time", due: start.addingTimeInterval(10))
        try await harness.run(until: start.addingTimeInterval(10))
        _ = try await harness.create(message: "late", due: start.addingTimeInterval(20))
        try await harness.run(until: start.addingTimeInterval(200))
        await harness.fake.failNextPosts(count: 1, status: 400)
        _ = try await harness.create(message: "refused", due: start.addingTimeInterval(300))
        try await harness.run(until: start.addingTimeInterval(300))
        let metrics = harness.metrics
        #expect(metrics.counter("remind_occurrences_total", labels: [("outcome", "posted"), ("late", "false")]) == 1)
        #expect(metrics.counter("remind_occurrences_total", labels: [("outcome", "posted"), ("late", "true")]) == 1)
        #expect(metrics.counter("remind_occurrences_total", labels: [("outcome", "failed"), ("late", "false")]) == 1)
        await harness.close()
    }

    @Test("failed Mattermost calls are counted by endpoint (ids replaced) and status")
    func mattermostErrors() async throws {
        let fake = FakeMattermost()
        let base = try await fake.start()
        let metrics = Metrics()
        let client = MattermostClient(baseURL: base, token: fake.botToken) { endpoint, status in
            ServiceMetrics.recordMattermostFailure(metrics, endpoint: endpoint, status: status)
        }
        await fake.failNextPosts(count: 1, status: 503)
        let channel = await fake.addChannel("general")
        _ = try? await client.createPost(Post(channelID: channel.id, message: "hi"))
        _ = try? await client.user(username: "nobody")
        _ = try? await client.patchPost(id: "abcdefghijklmnopqrstuvwxyz", message: "x")
        await fake.stop()
        _ = try? await client.me()
        #expect(metrics.counter("remind_mattermost_api_errors_total", labels: [("endpoint", "POST /posts"), ("status", "503")]) == 1)
        #expect(metrics.counter("remind_mattermost_api_errors_total", labels: [("endpoint", "GET /users/username/:id"), ("status", "404")]) == 1)
        #expect(metrics.counter("remind_mattermost_api_errors_total", labels: [("endpoint", "PUT /posts/:id/patch"), ("status", "404")]) == 1)
        #expect(metrics.counter("remind_mattermost_api_errors_total", labels: [("endpoint", "GET /users/me"), ("status", "network")]) == 1)
    }
}
