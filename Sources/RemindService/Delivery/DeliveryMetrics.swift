/// The delivery metric names (one place, so dashboards and code agree) and their descriptions.
enum DeliveryMetrics {
    static let deliveries = "remind_deliveries_total"
    static let lateness = "remind_delivery_lateness_seconds"
    static let pending = "remind_reminders_pending"
    static let storeErrors = "remind_store_errors_total"

    /// How a delivery attempt ended: `deliveries{outcome=…}`.
    enum Outcome: String {
        /// The post was created.
        case posted
        /// The post was found already in the channel (a lost response or a crash), so not posted again.
        case duplicateAvoided = "duplicate_avoided"
        /// A 429, 5xx or network error: tried again later.
        case retry
        /// A permanent error: given up on, the creator told.
        case failed
    }

    /// Registers the help texts (idempotent).
    static func describe(in metrics: Metrics) {
        metrics.describe(deliveries, type: "counter", help: "Reminder delivery attempts by outcome.")
        metrics.describe(lateness, type: "histogram", help: "Seconds from an occurrence's due time to its post's creation.")
        metrics.describe(pending, type: "gauge", help: "Active reminders in the database (refreshed on each horizon load).")
        metrics.describe(storeErrors, type: "counter", help: "Database operations of the scheduler and deliverer that failed.")
    }
}
