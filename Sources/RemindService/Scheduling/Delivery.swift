import Foundation
import RemindStore

/// Who delivers, per backend: on SQLite this process alone, with one scheduler for its lifetime; on
/// PostgreSQL whichever node holds the delivery lease (`DeliveryLeadership`), told of changes made on
/// other nodes by `ScheduleListener`.
enum Delivery: Sendable {
    case single(Scheduler)
    case shared(DeliveryLeadership, ScheduleListener)

    /// The delivery side for `store`; `makeScheduler` builds a scheduler (with its deliverer) for a
    /// fence and gate (nil, nil on SQLite).
    init(
        configuration: ServiceConfiguration, store: ReminderStore, metrics: Metrics, logger: Logger,
        makeScheduler: @escaping @Sendable (LeaseFence?, DeliveryGate?) -> Scheduler
    ) {
        guard store.dialect == .postgresql, let settings = configuration.postgresSettings else {
            self = .single(makeScheduler(nil, nil))
            return
        }
        var timing = DeliveryLeadership.Timing()
        timing.leaseDuration = .milliseconds(Int64(configuration.leaseSeconds * 1_000))
        timing.renewInterval = .milliseconds(Int64(configuration.leaseSeconds * 1_000 / 3))
        timing.safetyMargin = .milliseconds(Int64(configuration.leaseSeconds * 1_000 / 6))
        let leadership = DeliveryLeadership(
            store: store, holder: configuration.nodeID, timing: timing, metrics: metrics, logger: logger,
            makeScheduler: { fence, gate in makeScheduler(fence, gate) })
        let listener = ScheduleListener(settings: settings, logger: logger) { leadership.scheduleChangedElsewhere() }
        self = .shared(leadership, listener)
    }

    /// Starts delivering (SQLite: loads the schedule, throwing when it cannot) or competing for the lease.
    func start() async throws {
        switch self {
        case .single(let scheduler): try await scheduler.start()
        case .shared(let leadership, let listener):
            listener.start()
            leadership.start()
        }
    }

    /// A reminder changed on this node.
    func reminderChanged(_ reminder: ReminderRecord) {
        switch self {
        case .single(let scheduler): scheduler.reminderChanged(reminder)
        case .shared(let leadership, _): leadership.reminderChanged(reminder)
        }
    }

    /// Stops delivering after the posts under way (and, on PostgreSQL, gives the lease up).
    func stop() async {
        switch self {
        case .single(let scheduler): await scheduler.stop()
        case .shared(let leadership, let listener):
            listener.stop()
            await leadership.stop()
        }
    }
}
