import Foundation
import RemindStore
import Synchronization

/// On a shared PostgreSQL database every node serves, and exactly one delivers: the holder of the
/// delivery lease (`ReminderStore.acquireDeliveryLease`). This loop tries to take the lease every
/// `standbyInterval` while a standby, and renews it every `renewInterval` while leading. On winning it builds a
/// fresh scheduler and deliverer (`makeScheduler`) fenced by the new epoch and starts it, which first
/// recovers the unfinished occurrences of earlier leaders (looked up before any re-post). It stops
/// delivering at once when a renewal is refused, or when renewals fail for as long as the lease lasts
/// (the gate shuts by itself then, even while a renewal hangs).
///
/// State (the current scheduler, gate and fence) is guarded by a `Mutex`; the loop is one task.
public final class DeliveryLeadership: Sendable {
    /// Timing of the lease.
    public struct Timing: Sendable {
        /// How long the lease lasts unless renewed; a standby takes over within about this long of the
        /// leader's death.
        public var leaseDuration: Duration = .seconds(3)
        /// How often the leader renews.
        public var renewInterval: Duration = .seconds(1)
        /// How often a standby tries to take a lapsed lease (a cheap single-row statement).
        public var standbyInterval: Duration = .milliseconds(250)
        /// How much earlier than the database the node itself considers its lease gone.
        public var safetyMargin: Duration = .milliseconds(500)

        /// The defaults: 3 s lease, renewed every second, tried every 0.25 s by a standby, 0.5 s margin.
        public init() {}
    }

    private struct Leading {
        var fence: LeaseFence
        var gate: DeliveryGate
        var scheduler: Scheduler
    }

    private struct State {
        var leading: Leading?
        var loop: Task<Void, Never>?
        var isStopped = false
    }

    private let store: ReminderStore
    private let holder: String
    private let timing: Timing
    private let metrics: Metrics
    private let logger: Logger
    private let makeScheduler: @Sendable (LeaseFence, DeliveryGate) -> Scheduler
    private let state = Mutex(State())

    /// Leadership for the node `holder`; `makeScheduler` builds the scheduler (and its deliverer,
    /// posting only while the gate is open) for one term.
    public init(
        store: ReminderStore, holder: String, timing: Timing = Timing(), metrics: Metrics, logger: Logger,
        makeScheduler: @escaping @Sendable (LeaseFence, DeliveryGate) -> Scheduler
    ) {
        self.store = store
        self.holder = holder
        self.timing = timing
        self.metrics = metrics
        self.logger = logger
        self.makeScheduler = makeScheduler
        metrics.set(ServiceMetrics.leader, to: 0)
    }

    /// Starts the loop (the first attempt to lead is immediate).
    public func start() {
        let loop = Task { [self] in
            while !Task.isCancelled {
                await step()
                let leading = state.withLock { $0.leading != nil }
                try? await Task.sleep(for: leading ? timing.renewInterval : timing.standbyInterval)
            }
        }
        state.withLock { $0.loop = loop }
    }

    /// The fence while this node leads, else nil.
    public var currentFence: LeaseFence? { state.withLock { $0.leading?.fence } }

    /// A reminder changed on this node: the leader's scheduler takes it at once (other nodes hear of
    /// it through the database's notification).
    public func reminderChanged(_ reminder: ReminderRecord) {
        state.withLock { $0.leading?.scheduler }?.reminderChanged(reminder)
    }

    /// A change announced by any node (`ScheduleListener`): the leader reloads its horizon.
    public func scheduleChangedElsewhere() {
        state.withLock { $0.leading?.scheduler }?.scheduleChangedElsewhere()
    }

    /// Stops trying, stops delivering (finishing posts under way) and gives the lease up so a standby
    /// takes over at once.
    public func stop() async {
        let (loop, leading) = state.withLock { state in
            state.isStopped = true
            defer { state.leading = nil }
            return (state.loop, state.leading)
        }
        loop?.cancel()
        guard let leading else { return }
        await leading.scheduler.stop()
        leading.gate.shut()
        try? await store.releaseDeliveryLease(leading.fence)
        logger.log(.info, "delivery lease released", ["epoch": String(leading.fence.epoch)])
    }

    private func step() async {
        if let leading = state.withLock({ $0.leading }) {
            await renew(leading)
        } else {
            await tryToLead()
        }
    }

    private func renew(_ leading: Leading) async {
        let sent = ContinuousClock.now
        do {
            if try await store.renewDeliveryLease(leading.fence, duration: timing.leaseDuration) {
                leading.gate.extend(until: sent + timing.leaseDuration - timing.safetyMargin)
            } else {
                await stepDown(leading, reason: "the lease was taken over or lapsed")
            }
        } catch {
            logger.log(.warning, "cannot renew the delivery lease", ["error": "\(error)"])
            if !leading.gate.isOpen { await stepDown(leading, reason: "renewals failed for the whole lease") }
        }
    }

    private func tryToLead() async {
        let sent = ContinuousClock.now
        let fence: LeaseFence
        do {
            guard let won = try await store.acquireDeliveryLease(holder: holder, duration: timing.leaseDuration) else { return }
            fence = won
        } catch {
            logger.log(.warning, "cannot reach the database for the delivery lease", ["error": "\(error)"])
            return
        }
        let gate = DeliveryGate(openUntil: sent + timing.leaseDuration - timing.safetyMargin)
        let scheduler = makeScheduler(fence, gate)
        let accepted = state.withLock { state -> Bool in
            guard !state.isStopped else { return false }
            state.leading = Leading(fence: fence, gate: gate, scheduler: scheduler)
            return true
        }
        guard accepted else {
            try? await store.releaseDeliveryLease(fence)
            return
        }
        logger.log(.info, "leading delivery", ["node": holder, "epoch": String(fence.epoch)])
        do {
            try await scheduler.start()
        } catch {
            logger.log(.error, "cannot load the schedule as leader", ["error": "\(error)"])
            await stepDown(Leading(fence: fence, gate: gate, scheduler: scheduler), reason: "the schedule did not load")
            try? await store.releaseDeliveryLease(fence)
        }
    }

    private func stepDown(_ leading: Leading, reason: String) async {
        leading.gate.shut()
        let wasCurrent = state.withLock { state -> Bool in
            guard state.leading?.fence == leading.fence else { return false }
            state.leading = nil
            return true
        }
        guard wasCurrent else { return }
        logger.log(.warning, "stopped delivering", ["node": holder, "epoch": String(leading.fence.epoch), "reason": reason])
        // The gate is shut, so the deliverer's queue empties without posting; claims stay for the next leader.
        await leading.scheduler.stop()
        metrics.set(ServiceMetrics.leader, to: 0)
    }
}
