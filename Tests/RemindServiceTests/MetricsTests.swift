import Testing
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
