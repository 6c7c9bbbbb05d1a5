import Foundation
import RemindCore

/// The service-wide metric names outside delivery (`DeliveryMetrics`) and HTTP (`RemindRoutes`), with
/// their descriptions: what admins asked for (issue 14) and the leader gauges of ARCHITECTURE.md §8.
enum ServiceMetrics {
    static let remindersCreated = "remind_reminders_created_total"
    static let remindersActive = "remind_reminders_active"
    static let occurrences = "remind_occurrences_total"
    static let mattermostErrors = "remind_mattermost_api_errors_total"
    static let buildInfo = "remind_build_info"
    static let leader = "remind_leader"
    static let leaderEpoch = "remind_leader_epoch"
    static let deliveryBacklog = "remind_delivery_backlog"

    /// A reminder's kind label: `once` or `recurring`.
    static func kind(recurring: Bool) -> String { recurring ? "recurring" : "once" }

    /// Registers the help texts (idempotent) and the build info series.
    static func describe(in metrics: Metrics) {
        metrics.describe(remindersCreated, type: "counter", help: "Reminders created, by kind (once, recurring) and target (user, channel).")
        metrics.describe(remindersActive, type: "gauge", help: "Active reminders in the database by kind (refreshed on each horizon load).")
        metrics.describe(occurrences, type: "counter", help: "Occurrences whose delivery ended, by outcome (posted, duplicate_avoided, failed) and whether they were late.")
        metrics.describe(mattermostErrors, type: "counter", help: "Failed Mattermost REST calls by endpoint and status (an HTTP status, network or decoding).")
        metrics.describe(buildInfo, type: "gauge", help: "Always 1; the labels name the running build.")
        metrics.describe(leader, type: "gauge", help: "1 while this node runs the scheduler and the deliverer, 0 otherwise.")
        metrics.describe(leaderEpoch, type: "gauge", help: "The leadership epoch this node holds (0 on SQLite, where the only node leads).")
        metrics.describe(deliveryBacklog, type: "gauge", help: "Claimed occurrences not yet delivered: queued, being posted or waiting to retry.")
        metrics.set(buildInfo, labels: [("version", RemindVersion.current)], to: 1)
    }

    /// Counts one failed Mattermost call (the client's `onFailure`).
    static func recordMattermostFailure(_ metrics: Metrics, endpoint: String, status: String) {
        metrics.increment(mattermostErrors, labels: [("endpoint", endpoint), ("status", status)])
    }
}
